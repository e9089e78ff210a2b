import type { Column, Table } from './column';

/**
 * A table as bytes (for the encrypted saved session): a JSON header with the names, types and
 * dictionaries, then each column's typed array as it is in memory, aligned to 8 bytes. Layout:
 * [u32 header length, little-endian][header JSON][padding][column 0][padding][column 1]…
 */
type ColumnHeader =
  | { storage: 'numeric'; name: string; type: Column['type']; levels?: { values: number[]; labels: string[] } }
  | { storage: 'coded'; name: string; type: Column['type']; levels: string[] };

const align = (n: number) => n + ((8 - (n % 8)) % 8);

/** `extra` is any JSON-able data stored in the header beside the table (the session's settings). */
export function tableToBytes(table: Table, extra: unknown): Uint8Array {
  const columns: ColumnHeader[] = table.columns.map((col) =>
    col.storage === 'numeric'
      ? { storage: 'numeric', name: col.name, type: col.type, ...(col.levels ? { levels: { values: Array.from(col.levels.values), labels: col.levels.labels } } : {}) }
      : { storage: 'coded', name: col.name, type: col.type, levels: col.levels },
  );
  const header = new TextEncoder().encode(JSON.stringify({ v: 1, rowCount: table.rowCount, columns, extra }));
  const arrays = table.columns.map((col) => (col.storage === 'numeric' ? col.values : col.codes));
  const dataStart = align(4 + header.length);
  let size = dataStart;
  for (const a of arrays) size = align(size + a.byteLength);
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  let offset = dataStart;
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), offset);
    offset = align(offset + a.byteLength);
  }
  return out;
}

export function tableFromBytes(bytes: Uint8Array): { table: Table; extra: unknown } {
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  const head = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + length))) as { v: 1; rowCount: number; columns: ColumnHeader[]; extra: unknown };
  const n = head.rowCount;
  let offset = align(4 + length);
  const columns: Column[] = head.columns.map((h) => {
    const size = n * (h.storage === 'numeric' ? 8 : 4);
    const copy = bytes.slice(offset, offset + size).buffer;
    offset = align(offset + size);
    return h.storage === 'numeric'
      ? { storage: 'numeric', name: h.name, type: h.type, values: new Float64Array(copy), ...(h.levels ? { levels: { values: Float64Array.from(h.levels.values), labels: h.levels.labels } } : {}) }
      : { storage: 'coded', name: h.name, type: h.type, codes: new Int32Array(copy), levels: h.levels };
  });
  return { table: { rowCount: n, columns }, extra: head.extra };
}
