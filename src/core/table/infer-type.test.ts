import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { inferColumn, looksLikeIdName, countDistinct, type TypedColumn } from './infer-type';
import { hashDistinct } from './column-stats';
import { cellText, columnLevels, isMissing, type Column } from './column';
import { ColumnBuilder } from '../ingest/column-builder';
import { readTable } from '../ingest/read-table';
import { textSource } from '../ingest/byte-source';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const decode = (bytes: Uint8Array): string => decoder.decode(bytes);

/** A column as the ingest builds it from trimmed cells. */
function infer(name: string, cells: readonly string[]): TypedColumn {
  const b = new ColumnBuilder(name, 4);
  for (const cell of cells) {
    const bytes = encoder.encode(cell.trim());
    b.pushBytes(bytes, 0, bytes.length, false, decode);
  }
  return inferColumn(b);
}

const typeOf = (name: string, cells: readonly string[]): string => infer(name, cells).column.type;
const texts = (c: Column): string[] => Array.from({ length: c.storage === 'numeric' ? c.values.length : c.codes.length }, (_, i) => cellText(c, i));
const range = (n: number, f: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => f(i));
/** Cycles through `values` to make `n` cells. */
const repeat = (n: number, values: readonly string[]): string[] => range(n, (i) => values[i % values.length]);
const shuffled = (n: number): string[] => range(n, (i) => String(((i * 7) % n) + 1)); // a permutation of 1..n when gcd(7, n) = 1

describe('numeric', () => {
  it('many distinct decimals: numeric, no levels', () => {
    const t = infer('glucose', range(40, (i) => String(80 + i * 1.5)));
    expect(t.column.storage).toBe('numeric');
    expect(t.column.type).toBe('numeric');
    expect(t.column.storage === 'numeric' && t.column.levels).toBeUndefined();
    expect(t.notes).toEqual([]);
  });

  it('a 1–5 score keeps its levels in numeric order', () => {
    const t = infer('pain', repeat(30, ['3', '1', '5', '2', '4']));
    expect(t.column.type).toBe('numeric');
    expect(columnLevels(t.column)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('1e308 is a number; 1e400 and Infinity are not', () => {
    const t = infer('x', ['1e308', '1', '2.5', '-1e308']);
    expect(t.column.storage === 'numeric' && Array.from(t.column.values)).toEqual([1e308, 1, 2.5, -1e308]);
    // beyond the double range: missing values of a numeric column, noted (never a category)
    const inf = infer('x', ['1', '2', 'Infinity', '1e400', '3', '-inf']);
    expect(inf.column.storage).toBe('numeric');
    expect(inf.notes).toEqual([{ code: 'non-numeric-as-missing', count: 3, examples: ['Infinity', '1e400', '-inf'] }]);
    expect([2, 3, 5].every((i) => isMissing(inf.column, i)) && !isMissing(inf.column, 4)).toBe(true);
  });

  it('a lab column with a few "<0.1" is numeric, those cells missing, and noted', () => {
    const cells = range(300, (i) => (i === 17 || i === 200 ? '<0.1' : (0.2 + (i % 50) / 10).toFixed(1)));
    const t = infer('crp', cells);
    expect(t.column.storage).toBe('numeric');
    expect(t.column.type).toBe('numeric');
    expect(t.notes).toEqual([{ code: 'non-numeric-as-missing', count: 2, examples: ['<0.1'] }]);
    expect(isMissing(t.column, 17) && isMissing(t.column, 200) && !isMissing(t.column, 18)).toBe(true);
  });

  it('a stray 1e400 in a long numeric column is treated like other stray text', () => {
    const t = infer('x', [...range(150, (i) => String(i % 37)), '1e400']);
    expect(t.column.storage).toBe('numeric');
    expect(t.notes).toEqual([{ code: 'non-numeric-as-missing', count: 1, examples: ['1e400'] }]);
    expect(isMissing(t.column, 150)).toBe(true);
  });

  it('too much stray text makes the column text-coded', () => {
    const cells = range(50, (i) => (i % 5 === 0 ? '<0.1' : String(i + 0.5)));
    expect(infer('crp', cells).column.storage).toBe('coded');
  });
});

describe('binary', () => {
  it.each([
    ['0/1', ['0', '1', '1', '0', '1'], 'numeric'],
    ['yes/no', ['yes', 'no', 'no', 'yes'], 'coded'],
    ['M/F with missing', ['M', 'F', '', 'F', 'NA', 'M'], 'coded'],
    ['1/2', ['1', '2', '2', '1'], 'numeric'],
  ])('%s', (_, cells, storage) => {
    const t = infer('sex', cells);
    expect(t.column.type).toBe('binary');
    expect(t.column.storage).toBe(storage);
  });

  it('keeps the labels as written', () => {
    expect(columnLevels(infer('sex', ['M', 'F', '', 'F']).column)).toEqual(['M', 'F']);
  });
});

describe('categorical', () => {
  it('a few repeated labels', () => {
    const t = infer('blood type', repeat(40, ['A', 'B', 'O', 'AB', 'O']));
    expect(t.column.type).toBe('categorical');
    expect(columnLevels(t.column)).toEqual(['A', 'B', 'O', 'AB']);
    expect(t.notes).toEqual([]);
  });

  it('many labels are noted', () => {
    const t = infer('ward', repeat(300, range(60, (i) => `ward ${i}`)));
    expect(t.column.type).toBe('categorical');
    expect(t.notes).toEqual([{ code: 'many-categories', count: 60 }]);
  });
});

describe('identifier', () => {
  it('unique codes like P0001', () => {
    expect(typeOf('patient', range(30, (i) => `P${String(i + 1).padStart(4, '0')}`))).toBe('identifier');
  });

  it('unique integers named patient_id, even a few and unordered', () => {
    expect(typeOf('patient_id', shuffled(5))).toBe('identifier');
    expect(typeOf('age', shuffled(5))).toBe('numeric');
  });

  it('an increasing 1..N column', () => {
    expect(typeOf('row', range(25, (i) => String(i + 1)))).toBe('identifier');
    expect(typeOf('row', range(10, (i) => String(i + 1)))).toBe('numeric');
  });

  it('unique large integers (record numbers)', () => {
    expect(typeOf('x', range(30, (i) => String(100000 + ((i * 7919) % 30000))))).toBe('identifier');
  });

  it('not when a value repeats or one is missing', () => {
    expect(typeOf('patient_id', ['3', '1', '2', '2'])).toBe('numeric');
    expect(typeOf('patient_id', ['3', '1', '', '2'])).toBe('numeric');
  });

  it.each(['patient_id', 'ID', 'PatientID', 'MRN', 'record no', 'subject-id', '病历号', '住院号'])('%j is an id name', (name) => {
    expect(looksLikeIdName(name)).toBe(true);
  });

  it.each(['age', 'video', 'kidney', 'glucose', 'diagnosis', '诊断'])('%j is not an id name', (name) => {
    expect(looksLikeIdName(name)).toBe(false);
  });
});

describe('text', () => {
  it('long free-text sentences', () => {
    const notes = range(10, (i) => `Patient ${i} reports chest pain radiating to the left arm since morning`);
    expect(typeOf('note', notes)).toBe('text');
  });

  it('Chinese sentences (no spaces)', () => {
    const notes = range(10, (i) => `患者第${i}次入院，主诉胸痛三天，伴有气短和乏力`);
    expect(typeOf('病情描述', notes)).toBe('text');
  });
});

describe('date', () => {
  it.each([
    ['ISO', ['2023-01-05', '2023-02-11', '2022-12-31', '2023-01-05']],
    ['day/month/year', ['05/01/2023', '11/02/2023', '31/12/2022']],
    ['with time', ['2023/1/5 14:30', '2023/1/6 08:05', '2023/2/1 23:59']],
    ['Chinese', ['2023年1月5日', '2023年2月11日', '2022年12月31日']],
    ['ISO timestamp', ['2023-01-05T14:30:00Z', '2023-01-06T08:05:12+08:00', '2023-01-07 00:00:00.5']],
  ])('%s', (_, cells) => {
    const t = infer('admitted', cells);
    expect(t.column.type).toBe('date');
    expect(texts(t.column)).toEqual(cells);
  });

  it('not when more than 5% of the cells are not dates', () => {
    expect(typeOf('admitted', [...range(18, (i) => `2023-01-${String(i + 1).padStart(2, '0')}`), 'unknown', 'later'])).not.toBe('date');
  });
});

describe('degenerate columns', () => {
  it('all missing', () => {
    const t = infer('x', ['', 'NA', '?', 'null']);
    expect(t.notes).toEqual([{ code: 'all-missing' }]);
    expect(t.column.storage).toBe('numeric');
    expect(texts(t.column)).toEqual(['', '', '', '']);
  });

  it('constant, numeric and text', () => {
    const n = infer('x', ['5', '5', '', '5']);
    expect(n.notes).toEqual([{ code: 'constant' }]);
    expect(n.column.type).toBe('numeric');
    const c = infer('x', ['a', 'a', 'NA', 'a']);
    expect(c.notes).toEqual([{ code: 'constant' }]);
    expect(c.column.type).toBe('categorical');
  });
});

describe('countDistinct', () => {
  it('ignores NaN and counts -0 as 0', () => {
    expect(countDistinct(Float64Array.from([3, NaN, 1, 3, -0, 0, NaN]))).toBe(3);
    expect(hashDistinct(Float64Array.from([3, NaN, 1, 3, -0, 0, NaN]))).toBe(3);
  });

  // the bitmap of values × 1000 and the hash must both count what a Set counts (−0 and 0 as one)
  const bySet = (xs: ArrayLike<number>) => new Set(Array.from(xs).filter((v) => v === v).map((v) => (v === 0 ? 0 : v))).size;
  it('counts as a Set does, by the bitmap or by the hash, on measurements, ties, more decimals and huge values', () => {
    const value = fc.oneof(
      fc.integer({ min: -5000, max: 5000 }).map((k) => k / 1000), // up to 3 decimals: the bitmap
      fc.integer({ min: 0, max: 300 }).map((k) => k / 10),
      fc.double({ noNaN: true, min: -1e3, max: 1e3 }), // many decimals: the hash
      fc.constantFrom(NaN, -0, 0, 1e15, 1e15 + 1, -1e300, 0.1 + 0.2, 1e-9),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 200 }), fc.boolean(), (xs, measurementsOnly) => {
        const a = Float64Array.from(measurementsOnly ? xs.map((v) => (v === v ? Math.round(v * 100) / 100 : v)) : xs);
        expect(countDistinct(a)).toBe(bySet(a));
        expect(hashDistinct(a)).toBe(bySet(a));
      }),
      { numRuns: 2000 },
    );
  });

  it('counts a million-row measurement column with the bitmap as the hash does', () => {
    let s = 3;
    const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const a = Float64Array.from({ length: 1_000_000 }, () => (rand() < 0.05 ? NaN : Math.round((80 + 40 * rand()) * 1000) / 1000));
    expect(countDistinct(a)).toBe(hashDistinct(a));
    expect(countDistinct(a)).toBeGreaterThan(30_000);
  });
});

describe('digit codes', () => {
  it('keeps postal codes and record numbers with leading zeros as text', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${String(i * 37).padStart(5, '0')},0${100 + i},${i % 2 ? '05' : String(10 + i)}`);
    const r = await readTable(textSource(`zip,mrn,lab\n${rows.join('\n')}\n`));
    if (!r.ok) throw new Error(r.error.code);
    const [zip, mrn, lab] = r.value.table.columns;
    expect(zip.storage).toBe('coded');
    expect(cellText(zip, 1)).toBe('00037');
    expect(mrn.storage).toBe('coded');
    expect(cellText(mrn, 0)).toBe('0100');
    // "05" in half the rows of a lab column: a code-like minority? no — half is not a minority: stays text-coded
    expect(lab.type === 'categorical' || lab.storage === 'numeric').toBe(true);
  });

  it('turns a few "05"-style cells back into numbers in a measurement column', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => (i === 3 ? '07' : String(20 + i * 1.5)));
    const r = await readTable(textSource(`glucose\n${rows.join('\n')}\n`));
    if (!r.ok) throw new Error(r.error.code);
    const col = r.value.table.columns[0];
    expect(col.storage).toBe('numeric');
    expect(col.storage === 'numeric' && col.values[3]).toBe(7);
    expect(r.value.columnNotes[0]).toEqual([]);
  });

  it('keeps 18-digit identity numbers exact', async () => {
    const ids = ['110105194912310021', '11010519491231002X', '440524188001010014'];
    const r = await readTable(textSource(`id\n${ids.join('\n')}\n`));
    if (!r.ok) throw new Error(r.error.code);
    const col = r.value.table.columns[0];
    expect(ids.map((_, i) => cellText(col, i))).toEqual(ids);
  });
});

describe('short notes', () => {
  const complaints = ['胸痛', '咳嗽', '发热', '头痛', '乏力', '腹泻', '呼吸困难', '恶心'];
  // 320 different notes (two complaints and a duration)
  const note = (i: number) => `${complaints[i % 8]}，${complaints[Math.floor(i / 8) % 8]}${1 + Math.floor(i / 64)}天`;
  it('chief complaints of a few hanzi, repeated now and then, are free text, not hundreds of categories', () => {
    expect(typeOf('主诉', range(600, (i) => note(i % 300)))).toBe('text'); // each note twice
  });
  it('every one different: still text, not an identifier', () => {
    expect(typeOf('主诉', range(60, (i) => `${note(i)}，第${i}次`))).toBe('text');
  });
  it('names, codes and a few dozen diagnoses stay what they were', () => {
    const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵'];
    expect(typeOf('name', range(300, (i) => `${surnames[i % 8]}${complaints[(i * 7) % 8].slice(0, 1)}${i}`))).toBe('identifier');
    expect(typeOf('diagnosis', range(600, (i) => `Type ${1 + (i % 40)} diabetes mellitus`))).toBe('categorical');
  });
});
