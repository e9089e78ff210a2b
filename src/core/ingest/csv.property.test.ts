import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { readTable, uniqueNames, type LoadedTable } from './read-table';
import { bytesSource, textSource, type ByteSource } from './byte-source';
import { MISSING_TOKENS } from './missing';
import { cellText } from '../table/column';

interface Cell {
  text: string;
  /** Quoted in the file even when it need not be. */
  forceQuote: boolean;
}

interface Written {
  csv: string;
  newline: string;
  /** Whether each data cell was written in quotes (the header is not tracked). */
  quoted: boolean[][];
}

// No ';', '\t', '|': the table is written with commas, and those would compete in the delimiter guess.
const special = fc.constantFrom(',', '"', '""', '\n', '\r', '\r\n', ' ', '  ', 'é', '数', '😀', '.', '-', 'e', '1', '0', 'NA');
const unicode = fc.string({ unit: 'grapheme', maxLength: 3 }).filter((s) => !/[;\t|\uFEFF]/.test(s));
const cellContent = fc.oneof(
  fc.string({ unit: fc.oneof(special, unicode), maxLength: 8 }),
  fc.constantFrom('', 'NA', ' NA ', 'n/a', '?', '.', '-', 'null', '1.5', ' 42 ', '007', '-0', '1e3', '1e400', 'Infinity', '0x1F'),
  fc.double({ noNaN: true }).map(String),
  fc.integer({ min: -1000, max: 1000 }).map(String),
);
const cell: fc.Arbitrary<Cell> = fc.record({ text: cellContent, forceQuote: fc.boolean() });

const table = fc.integer({ min: 1, max: 5 }).chain((width) =>
  fc.record({
    header: fc.array(fc.string({ unit: fc.oneof(special, unicode), maxLength: 6 }), { minLength: width, maxLength: width }),
    rows: fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 12 }),
    newline: fc.constantFrom('\n', '\r\n', '\r'),
    finalNewline: fc.boolean(),
  }),
);

const needsQuotes = (s: string): boolean => /[",\r\n]/.test(s);
const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
const trimSpaces = (s: string): string => s.replace(/^[ \t]+|[ \t]+$/g, '');
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function write(t: { header: string[]; rows: Cell[][]; newline: string; finalNewline: boolean }): Written {
  // a one-column header that is blank would be skipped as an empty line
  const header = t.header.length === 1 && t.header[0].trim() === '' ? ['x'] : t.header;
  const quoted = t.rows.map((r) => r.map((c) => c.forceQuote || needsQuotes(c.text)));
  const lines = [header.map((h) => (needsQuotes(h) ? quote(h) : h)).join(',')];
  t.rows.forEach((r, i) => lines.push(r.map((c, k) => (quoted[i][k] ? quote(c.text) : c.text)).join(',')));
  return { csv: lines.join(t.newline) + (t.finalNewline ? t.newline : ''), newline: t.newline, quoted };
}

/**
 * What readTable should make of a cell PapaParse read: unquoted cells are trimmed of spaces and
 * tabs (inside quotes, text is kept as is); missing-value tokens become missing; finite decimals
 * become numbers; anything else is kept as text.
 */
function expected(papaCell: string, quoted: boolean): { missing: true } | { number: number } | { text: string } {
  const t = quoted ? papaCell : trimSpaces(papaCell);
  if (MISSING_TOKENS.has(t)) return { missing: true };
  if (DECIMAL.test(t) && Number.isFinite(Number(t))) return { number: Number(t) };
  return { text: t };
}

function checkAgainstPapa(loaded: LoadedTable, w: Written): void {
  const papa = Papa.parse<string[]>(w.csv, { delimiter: ',', newline: w.newline as '\n' | '\r\n' | '\r' });
  const [header, ...data] = papa.data;
  // Papa reads a final newline as one more row holding an empty field
  if (data.length > w.quoted.length) expect(data.pop()).toEqual(['']);
  expect(data).toHaveLength(w.quoted.length);
  // an unquoted row that is blank is an empty line, which readTable skips
  const kept = data.map((row, i) => ({ row, quoted: w.quoted[i] })).filter((r) => !(r.row.length === 1 && !r.quoted[0] && trimSpaces(r.row[0]) === ''));

  const { table } = loaded;
  expect(loaded.dialect.delimiter).toBe(',');
  expect(table.rowCount).toBe(kept.length);
  expect(table.columns.map((c) => c.name)).toEqual(uniqueNames(header.map((h) => h.trim())));
  table.columns.forEach((col, k) => {
    const strayAsMissing = loaded.columnNotes[k].some((n) => n.code === 'non-numeric-as-missing');
    kept.forEach((r, i) => {
      const want = expected(r.row[k], r.quoted[k]);
      const got = cellText(col, i);
      const where = `row ${i} column ${k}: ${JSON.stringify(r.row[k])} → ${JSON.stringify(got)}`;
      if ('missing' in want) expect(got, where).toBe('');
      else if ('number' in want) expect(Number(got), where).toBe(want.number === 0 ? 0 : want.number);
      else if (col.storage === 'numeric') expect(strayAsMissing && got === '', where).toBe(true);
      else expect(got, where).toBe(want.text);
    });
  });
}

async function load(source: ByteSource, chunkBytes?: number): Promise<LoadedTable | string> {
  const r = await readTable(source, undefined, chunkBytes === undefined ? {} : { chunkBytes });
  return r.ok ? r.value : r.error.code;
}

describe('readTable agrees with PapaParse on well-quoted CSV', () => {
  it('same cells, same row count, in any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.integer({ min: 1, max: 40 }), async (t, chunkBytes) => {
        const w = write(t);
        const loaded = await load(textSource(w.csv));
        const blankRows = t.rows.filter((r, i) => r.length === 1 && !w.quoted[i][0] && trimSpaces(r[0].text) === '').length;
        if (blankRows === t.rows.length) {
          expect(loaded).toBe('no-rows');
          return;
        }
        if (typeof loaded === 'string') throw new Error(`readTable failed: ${loaded}`);
        checkAgainstPapa(loaded, w);
        const chunked = await load(textSource(w.csv), chunkBytes);
        expect(chunked).toEqual(loaded);
      }),
      { numRuns: 400 },
    );
  });
});

describe('readTable never throws', () => {
  const check = async (bytes: Uint8Array, chunkBytes: number): Promise<void> => {
    const r = await readTable(bytesSource(bytes), undefined, { chunkBytes });
    expect(typeof r.ok).toBe('boolean');
    if (r.ok) {
      expect(r.value.table.rowCount).toBeGreaterThan(0);
      for (const c of r.value.table.columns) expect(c.storage === 'numeric' ? c.values.length : c.codes.length).toBe(r.value.table.rowCount);
    }
  };

  it('on random bytes', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.integer({ min: 1, max: 64 }), check), { numRuns: 500 });
  });

  it('on random CSV-like bytes (delimiters, quotes, line ends, multi-byte sequences, BOMs)', async () => {
    const byte = fc.constantFrom(0x2c, 0x3b, 0x09, 0x7c, 0x22, 0x0a, 0x0d, 0x20, 0x61, 0x31, 0x2e, 0x2d, 0xc3, 0xa9, 0xe9, 0xd0, 0xd5, 0xef, 0xbb, 0xbf, 0xff, 0xfe);
    await fc.assert(fc.asyncProperty(fc.array(byte, { maxLength: 400 }).map((a) => Uint8Array.from(a)), fc.integer({ min: 1, max: 64 }), check), {
      numRuns: 500,
    });
  });
});
