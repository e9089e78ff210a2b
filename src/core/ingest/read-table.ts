import type { ByteSource } from './byte-source';
import { detectEncoding, type Encoding } from './detect-encoding';
import { detectDialect, excelSeparatorLine, type Dialect } from './dialect';
import { CsvScanner, type RecordSink } from './csv-scanner';
import { ColumnBuilder } from './column-builder';
import { inferColumn, type ColumnNote } from '../table/infer-type';
import type { Table } from '../table/column';
import { fail, ok, type Result } from '../errors';
import { noContext, type RunContext } from '../util/run-context';

export const CHUNK_BYTES = 4 << 20;
export const MAX_COLUMNS = 10_000;
const SAMPLE_BYTES = 64 << 10;

/** What the parser noticed about the file as a whole. */
export type FileNote =
  | { code: 'renamed-headers'; renamed: { from: string; to: string }[] }
  | { code: 'ragged-rows'; count: number; firstLine: number; expected: number; found: number }
  | { code: 'unterminated-quote' }
  | { code: 'header-looks-like-data' };

export interface LoadedTable {
  table: Table;
  encoding: Encoding;
  dialect: Dialect;
  columnNotes: ColumnNote[][];
  fileNotes: FileNote[];
}

export interface ReadOptions {
  /** Bytes read per chunk (default CHUNK_BYTES); tests force small chunks to exercise the boundaries. */
  chunkBytes?: number;
}

/** Streams a CSV file into a columnar table: encoding and dialect from the first 64 KB, then 4 MB chunks. */
export async function readTable(
  source: ByteSource,
  ctx: RunContext = noContext,
  options: ReadOptions = {},
): Promise<Result<LoadedTable>> {
  const chunkBytes = Math.max(1, options.chunkBytes ?? CHUNK_BYTES);
  if (source.size === 0) return fail({ code: 'empty-file' });
  const sample = await source.read(0, Math.min(source.size, SAMPLE_BYTES));
  const guess = detectEncoding(sample, sample.length === source.size);
  if (guess.kind === 'binary') return fail({ code: 'binary-file' });
  const { encoding, bomLength } = guess;
  const sampleText = new TextDecoder(encoding).decode(sample.subarray(bomLength), { stream: true });
  // spaces and tabs only: tabs would otherwise be taken for delimiters, making a row of empty cells
  if (sample.length === source.size && sampleText.trim() === '') return fail({ code: 'empty-file' });
  const sepLine = excelSeparatorLine(sampleText);
  const dialect = sepLine ? detectDialect(sampleText.slice(sepLine.length), sepLine.delimiter) : detectDialect(sampleText);
  // the hint line is ASCII: one byte per character, two in UTF-16
  const start = bomLength + (sepLine ? sepLine.length * (encoding.startsWith('utf-16') ? 2 : 1) : 0);
  // UTF-16 has zero bytes everywhere, and a GBK character's second byte can be 0x7C ('|'): the byte
  // scanner would split such characters, so these files are transcoded and scanned as UTF-8.
  const utf16 = encoding === 'utf-16le' || encoding === 'utf-16be';
  const transcode = utf16 || (encoding === 'gb18030' && dialect.delimiter === '|') ? toUtf8(encoding) : null;
  const sink = new TableSink(transcode ? 'utf-8' : encoding, dialect);
  const scanner = new CsvScanner(dialect.delimiter.charCodeAt(0), sink, dialect.decimalComma ? 0x2c : 0x2e);

  let reserved = false;
  for (let pos = start; pos < source.size; ) {
    // An incomplete record is rescanned with the next chunk: reading at least as much as is held back
    // keeps a huge record (an unterminated quote, a file without line breaks) linear, not quadratic.
    const end = Math.min(source.size, pos + Math.max(chunkBytes, scanner.pending));
    const bytes = await source.read(pos, end);
    pos = end;
    const final = pos >= source.size;
    scanner.push(transcode ? transcode(bytes, final) : bytes, final);
    if (sink.tooManyColumns) return fail({ code: 'too-many-columns', count: sink.columnCount, limit: MAX_COLUMNS });
    if (!reserved && !final && sink.builders && sink.rows >= 1000) {
      // the rows to come, estimated from the first chunk's bytes per row (+3%): each column gets its room at once
      reserved = true;
      // (never more than 8-byte cells for 4× the file's bytes, should the first rows be much shorter than the rest)
      const rest = source.size - start;
      const rowsEstimate = Math.ceil(((sink.rows * rest) / Math.max(1, pos - start - scanner.pending)) * 1.03) + 64;
      if (rowsEstimate * sink.builders.length * 8 <= 4 * rest) for (const b of sink.builders) b.reserve(rowsEstimate);
    }
    await ctx.checkpoint(pos / source.size, 'parse');
  }
  if (!sink.builders) return fail({ code: 'empty-file' });
  if (sink.rows === 0) return fail({ code: 'no-rows', count: sink.builders.length });

  const fileNotes: FileNote[] = [];
  if (sink.renamed.length > 0) fileNotes.push({ code: 'renamed-headers', renamed: sink.renamed });
  if (sink.ragged > 0) {
    const r = sink.firstRagged as { line: number; found: number };
    fileNotes.push({ code: 'ragged-rows', count: sink.ragged, firstLine: r.line, expected: sink.builders.length, found: r.found });
  }
  if (scanner.unterminatedQuote) fileNotes.push({ code: 'unterminated-quote' });
  if (sink.headerLooksNumeric) fileNotes.push({ code: 'header-looks-like-data' });

  const columns = [];
  const columnNotes: ColumnNote[][] = [];
  for (let k = 0; k < sink.builders.length; k++) {
    const b = sink.builders[k];
    const typed = inferColumn(b);
    columns.push(typed.column);
    columnNotes.push(typed.notes);
    sink.builders[k] = EMPTY_BUILDER; // let the builder's arrays go before the next column is copied
    if (k % 8 === 7) await ctx.checkpoint(k / sink.builders.length, 'profile');
  }
  return ok({ table: { rowCount: sink.rows, columns }, encoding, dialect, columnNotes, fileNotes });
}

const EMPTY_BUILDER = new ColumnBuilder('', 0);

/** Receives records from the scanner: the first names the columns, the rest fill the builders. */
class TableSink implements RecordSink {
  builders: ColumnBuilder[] | null = null;
  rows = 0;
  ragged = 0;
  firstRagged: { line: number; found: number } | null = null;
  renamed: { from: string; to: string }[] = [];
  tooManyColumns = false;
  columnCount = 0;
  headerLooksNumeric = false;
  private readonly decoder: TextDecoder;
  private scratch = new Uint8Array(256);

  constructor(
    encoding: Encoding,
    private readonly dialect: Dialect,
  ) {
    this.decoder = new TextDecoder(encoding);
  }

  readonly decode = (bytes: Uint8Array): string => {
    let ascii = true;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii && bytes.length <= 64) return String.fromCharCode.apply(null, bytes as unknown as number[]);
    return this.decoder.decode(bytes);
  };

  record(buf: Uint8Array, starts: Int32Array, ends: Int32Array, quoted: Uint8Array, count: number, line: number, numbers: Float64Array): void {
    if (this.tooManyColumns) return;
    if (!this.builders) {
      this.header(buf, starts, ends, quoted, count);
      return;
    }
    const builders = this.builders;
    const width = builders.length;
    const decimalComma = this.dialect.decimalComma;
    const used = Math.min(count, width);
    for (let k = 0; k < used; k++) {
      const b = builders[k];
      const v = numbers[k];
      if (v === v) b.pushNumber(v); // a plain decimal, read by the scanner
      else if (quoted[k] === 2) b.pushText(this.decode(unescapeQuotes(buf, starts[k], ends[k], this)));
      else b.pushBytes(buf, starts[k], ends[k], decimalComma, this.decode);
    }
    for (let k = used; k < width; k++) builders[k].pushMissing();
    this.rows++;
    if (count !== width && !(count > width && extraFieldsEmpty(starts, ends, width, count))) {
      this.ragged++;
      if (!this.firstRagged) this.firstRagged = { line, found: count };
    }
  }

  private header(buf: Uint8Array, starts: Int32Array, ends: Int32Array, quoted: Uint8Array, count: number): void {
    if (count > MAX_COLUMNS) {
      this.tooManyColumns = true;
      this.columnCount = count;
      return;
    }
    const names: string[] = [];
    let numeric = 0;
    for (let k = 0; k < count; k++) {
      const bytes = quoted[k] === 2 ? unescapeQuotes(buf, starts[k], ends[k], this) : buf.subarray(starts[k], ends[k]);
      const name = this.decoder.decode(bytes).replace(/^\uFEFF/, '').trim();
      names.push(name);
      if (name !== '' && Number.isFinite(Number(name))) numeric++;
    }
    this.headerLooksNumeric = count >= 2 && numeric === count;
    const unique = uniqueNames(names);
    unique.forEach((to, k) => {
      if (to !== names[k]) this.renamed.push({ from: names[k], to });
    });
    this.columnCount = count;
    this.builders = unique.map((name) => new ColumnBuilder(name, 1024));
  }

  /** A reusable buffer for unescaping quoted fields. */
  scratchOf(size: number): Uint8Array {
    if (this.scratch.length < size) this.scratch = new Uint8Array(size * 2);
    return this.scratch;
  }
}

/** `a""b` → `a"b`, into a scratch buffer. */
function unescapeQuotes(buf: Uint8Array, start: number, end: number, sink: TableSink): Uint8Array {
  const out = sink.scratchOf(end - start);
  let n = 0;
  for (let i = start; i < end; i++) {
    out[n++] = buf[i];
    if (buf[i] === 0x22 && i + 1 < end && buf[i + 1] === 0x22) i++;
  }
  return out.subarray(0, n);
}

function extraFieldsEmpty(starts: Int32Array, ends: Int32Array, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (ends[k] > starts[k]) return false;
  return true;
}

/** Empty names become "column N"; repeated names get " (2)", " (3)": every column stays addressable. */
export function uniqueNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  // per repeated name, the suffix to try next: the ones below it are taken (and stay taken), so
  // 10,000 identical names cost linear time, not 50 million lookups
  const nextSuffix = new Map<string, number>();
  const out: string[] = [];
  names.forEach((raw, k) => {
    let name = raw === '' ? `column ${k + 1}` : raw;
    if (taken.has(name)) {
      let i = nextSuffix.get(name) ?? 2;
      while (taken.has(`${name} (${i})`)) i++;
      nextSuffix.set(name, i + 1);
      name = `${name} (${i})`;
    }
    taken.add(name);
    out.push(name);
  });
  return out;
}

/** A streaming transcoder to UTF-8, so the byte scanner sees every delimiter byte as a delimiter. */
function toUtf8(encoding: Encoding): (bytes: Uint8Array, final: boolean) => Uint8Array {
  const decoder = new TextDecoder(encoding);
  const encoder = new TextEncoder();
  return (bytes, final) => encoder.encode(decoder.decode(bytes, { stream: !final }));
}
