import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { readTable, type LoadedTable } from './read-table';
import { bytesSource, textSource } from './byte-source';
import { cellText, columnLevels, isMissing, type Column } from '../table/column';

async function result(input: string | Uint8Array, chunkBytes?: number) {
  const source = typeof input === 'string' ? textSource(input) : bytesSource(input);
  return readTable(source, undefined, chunkBytes === undefined ? {} : { chunkBytes });
}

async function load(input: string | Uint8Array, chunkBytes?: number): Promise<LoadedTable> {
  const r = await result(input, chunkBytes);
  if (!r.ok) throw new Error(`readTable failed: ${r.error.code}`);
  return r.value;
}

async function errorCode(input: string | Uint8Array): Promise<string> {
  const r = await result(input);
  if (r.ok) throw new Error('readTable succeeded');
  return r.error.code;
}

function column(t: LoadedTable, name: string): Column {
  const c = t.table.columns.find((col) => col.name === name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
}

const names = (t: LoadedTable): string[] => t.table.columns.map((c) => c.name);
const texts = (t: LoadedTable, name: string): string[] =>
  Array.from({ length: t.table.rowCount }, (_, i) => cellText(column(t, name), i));

/** Everything the parser produced, as plain data, to compare two loads. */
function view(t: LoadedTable) {
  return {
    names: names(t),
    types: t.table.columns.map((c) => `${c.storage}/${c.type}`),
    cells: t.table.columns.map((c) => texts(t, c.name)),
    missing: t.table.columns.map((c) => Array.from({ length: t.table.rowCount }, (_, i) => isMissing(c, i))),
    dialect: t.dialect,
    fileNotes: t.fileNotes,
    columnNotes: t.columnNotes,
  };
}

describe('dialect', () => {
  it.each([
    [',', 'a,b,c\n1,2,x\n3,4,y\n'],
    [';', 'a;b;c\n1;2;x\n3;4;y\n'],
    ['\t', 'a\tb\tc\n1\t2\tx\n3\t4\ty\n'],
    ['|', 'a|b|c\n1|2|x\n3|4|y\n'],
  ])('detects %j', async (delimiter, text) => {
    const t = await load(text);
    expect(t.dialect.delimiter).toBe(delimiter);
    expect(names(t)).toEqual(['a', 'b', 'c']);
    expect(texts(t, 'c')).toEqual(['x', 'y']);
  });

  it('reads decimal commas in a semicolon file as numbers', async () => {
    const t = await load('x;y\n1,5;2,25\n3;4,75\n');
    expect(t.dialect).toEqual({ delimiter: ';', decimalComma: true });
    const x = column(t, 'x');
    const y = column(t, 'y');
    expect(x.storage === 'numeric' && Array.from(x.values)).toEqual([1.5, 3]);
    expect(y.storage === 'numeric' && Array.from(y.values)).toEqual([2.25, 4.75]);
  });

  it('a quoted "1,5" in a comma file is text, not a decimal comma', async () => {
    const t = await load('a,b\n"1,5",2\n"2,5",3\n');
    expect(t.dialect).toEqual({ delimiter: ',', decimalComma: false });
    expect(column(t, 'a').storage).toBe('coded');
    expect(texts(t, 'a')).toEqual(['1,5', '2,5']);
  });
});

describe('chunk boundaries', () => {
  const tricky =
    'patient_id,name,note,value\r\n' +
    'P001,"Smith, John","said ""no""\r\nthen left",1.5\r\n' +
    '\r\n' +
    'P002,  Müller  ,"",NA\r' +
    'P003,"李四","多行\n备注",2.25\n' +
    'P004,x,y\n' +
    'P005,a,b,3,extra\n' +
    'P006,"q",r,4,';

  it('the tricky file reads as intended', async () => {
    const t = await load(tricky);
    expect(names(t)).toEqual(['patient_id', 'name', 'note', 'value']);
    expect(texts(t, 'name')).toEqual(['Smith, John', 'Müller', '李四', 'x', 'a', 'q']);
    expect(texts(t, 'note')).toEqual(['said "no"\r\nthen left', '', '多行\n备注', 'y', 'b', 'r']);
    expect(texts(t, 'value')).toEqual(['1.5', '', '2.25', '', '3', '4']);
    expect(t.fileNotes).toEqual([{ code: 'ragged-rows', count: 2, firstLine: 8, expected: 4, found: 3 }]);
  });

  it('gives an identical table for every chunk size from 1 to 17 bytes', async () => {
    const whole = view(await load(tricky));
    for (let size = 1; size <= 17; size++) expect(view(await load(tricky, size)), `chunk ${size}`).toEqual(whole);
  });
});

describe('room reserved from the first chunk', () => {
  // the first chunk's rows estimate the file's; these files make that estimate right, too low and too high
  const row = (i: number, pad: number) => `${i},${(i * 0.37).toFixed(2)},${i % 3 === 0 ? 'F' : 'M'},${'x'.repeat(pad)}`;
  const files: Record<string, string> = {
    'rows alike': ['id,v,sex,note', ...Array.from({ length: 6000 }, (_, i) => row(i, 3))].join('\n'),
    'short rows first (estimate too low)': ['id,v,sex,note', ...Array.from({ length: 6000 }, (_, i) => row(i, i < 2000 ? 0 : 60))].join('\n'),
    'long rows first (estimate too high)': ['id,v,sex,note', ...Array.from({ length: 6000 }, (_, i) => row(i, i < 2000 ? 60 : 0))].join('\n'),
  };
  for (const [name, csv] of Object.entries(files)) {
    it(`gives the same table as one chunk: ${name}`, async () => {
      const whole = await load(csv);
      const chunked = await load(csv, 32 << 10); // ≥ 1,000 rows in the first chunk: the estimate is made
      expect(view(chunked)).toEqual(view(whole));
      for (const c of chunked.table.columns) {
        const n = c.storage === 'numeric' ? c.values.length : c.codes.length;
        expect(n, c.name).toBe(6000);
      }
      const v = chunked.table.columns[1];
      if (v.storage !== 'numeric') throw new Error('v is numeric');
      expect(v.values[5999]).toBe(Number((5999 * 0.37).toFixed(2)));
    });
  }
});

describe('missing values', () => {
  const tokens = ['', 'NA', 'N/A', 'n/a', 'NULL', 'null', '?', 'NaN', '-', '.', '  NA  ', ' ? ', '\t.\t'];

  it.each(tokens)('%j is missing in a numeric column, which stays numeric', async (token) => {
    const t = await load(`k,x\na,1\nb,${token}\nc,3\nd,4\n`);
    const x = column(t, 'x');
    expect(x.storage).toBe('numeric');
    expect(x.type).toBe('numeric');
    expect([0, 1, 2, 3].map((i) => isMissing(x, i))).toEqual([false, true, false, false]);
    expect(t.columnNotes[1]).toEqual([]);
  });

  it.each(tokens)('%j is missing in a categorical column', async (token) => {
    const t = await load(`k,c\n1,low\n2,${token}\n3,high\n4,mid\n5,low\n`);
    const c = column(t, 'c');
    expect(c.type).toBe('categorical');
    expect(texts(t, 'c')).toEqual(['low', '', 'high', 'mid', 'low']);
    expect(isMissing(c, 1)).toBe(true);
    expect(columnLevels(c)).toEqual(['low', 'high', 'mid']);
  });
});

describe('headers', () => {
  it('renames duplicate and empty names, and reports it', async () => {
    const t = await load('age,age,,age, \n1,2,3,4,5\n');
    expect(names(t)).toEqual(['age', 'age (2)', 'column 3', 'age (3)', 'column 5']);
    expect(t.fileNotes).toEqual([
      {
        code: 'renamed-headers',
        renamed: [
          { from: 'age', to: 'age (2)' },
          { from: '', to: 'column 3' },
          { from: 'age', to: 'age (3)' },
          { from: '', to: 'column 5' },
        ],
      },
    ]);
  });

  it('keeps hostile names and values verbatim', async () => {
    const t = await load('__proto__,constructor,<img src=x onerror=alert(1)>,toString\n1,__proto__,x,hasOwnProperty\n2,constructor,y,valueOf\n');
    expect(names(t)).toEqual(['__proto__', 'constructor', '<img src=x onerror=alert(1)>', 'toString']);
    expect(texts(t, 'constructor')).toEqual(['__proto__', 'constructor']);
    expect(texts(t, 'toString')).toEqual(['hasOwnProperty', 'valueOf']);
    expect(t.fileNotes).toEqual([]);
  });

  it('strips a BOM and surrounding spaces from names', async () => {
    expect(names(await load('\uFEFF id , "name" \n1,a\n'))).toEqual(['id', 'name']);
  });

  it('notes a header that looks like data', async () => {
    expect((await load('1,2\n3,4\n')).fileNotes).toEqual([{ code: 'header-looks-like-data' }]);
  });

  it('refuses more than 10,000 columns', async () => {
    const header = Array.from({ length: 10_001 }, (_, k) => `c${k}`).join(',');
    expect(await errorCode(`${header}\n${header}\n`)).toBe('too-many-columns');
  });

  it.each([
    ['header only', 'no-rows', 'a,b,c\n'],
    ['header only, no newline', 'no-rows', 'a,b,c'],
    ['header and blank lines', 'no-rows', 'a,b\n\n  \n'],
    ['empty file', 'empty-file', ''],
    ['whitespace only', 'empty-file', '  \n\t\n \r\n'],
    ['whitespace with tabs on every line', 'empty-file', ' \t \n \t \n'],
    ['tabs only', 'empty-file', '\t\t\n\t\t\n'],
    ['BOM only', 'empty-file', '\uFEFF'],
  ])('%s → %s', async (_, code, text) => {
    expect(await errorCode(text)).toBe(code);
  });
});

describe('ragged rows', () => {
  it('pads short rows with missing, truncates long ones, and notes the first one', async () => {
    const t = await load('a,b,c\n1,2,3\n4,5\n6,7,8,9\n');
    expect(texts(t, 'a')).toEqual(['1', '4', '6']);
    expect(texts(t, 'c')).toEqual(['3', '', '8']);
    expect(t.table.columns).toHaveLength(3);
    expect(t.fileNotes).toEqual([{ code: 'ragged-rows', count: 2, firstLine: 3, expected: 3, found: 2 }]);
  });

  it('reports the line as a text editor counts it, past blank lines and multi-line cells', async () => {
    const t = await load('a,b\n1,"x\ny"\n\n2,z\n3\n');
    expect(t.fileNotes).toEqual([{ code: 'ragged-rows', count: 1, firstLine: 6, expected: 2, found: 1 }]);
  });

  it('a trailing empty field is not ragged', async () => {
    const t = await load('a,b\n1,2,\n3,4,\n');
    expect(t.fileNotes).toEqual([]);
    expect(names(t)).toEqual(['a', 'b']);
  });
});

describe('unterminated quote', () => {
  it('takes the rest of the file into the cell and notes it', async () => {
    const t = await load('a,b\n1,"open\n2,3\n');
    expect(t.fileNotes).toContainEqual({ code: 'unterminated-quote' });
    expect(t.table.rowCount).toBe(1);
    expect(texts(t, 'b')).toEqual(['open\n2,3\n']);
  });
});

describe('sample files', () => {
  const sample = (name: string): string => readFileSync(new URL(`../../../public/samples/${name}`, import.meta.url), 'utf8');

  /** Header and cells from the raw text: these files have no quoted delimiters. */
  function rawCells(text: string): { header: string[]; rows: string[][] } {
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    const split = (l: string): string[] => l.split(',').map((c) => c.replace(/"/g, '').trim());
    return { header: split(lines[0]), rows: lines.slice(1).map(split) };
  }

  it('wdbc.csv: 569 rows, 30 numeric measures and a binary diagnosis', async () => {
    const text = sample('wdbc.csv');
    const raw = rawCells(text);
    const t = await load(text);
    expect(t.table.rowCount).toBe(569);
    expect(names(t)).toEqual(raw.header);
    expect(t.table.columns).toHaveLength(31);
    for (const c of t.table.columns.slice(0, 30)) expect(`${c.name}:${c.storage}/${c.type}`).toBe(`${c.name}:numeric/numeric`);
    const diagnosis = column(t, 'diagnosis');
    expect(diagnosis.type).toBe('binary');
    expect([...(columnLevels(diagnosis) ?? [])].sort()).toEqual(['benign', 'malignant']);
    expect(texts(t, 'diagnosis')).toEqual(raw.rows.map((r) => r[30]));
    expect(t.columnNotes.flat()).toEqual([]);
    expect(t.fileNotes).toEqual([]);
  });

  it('pima_diabetes.csv: 768 rows, 9 columns, missing counts as in the raw text', async () => {
    const text = sample('pima_diabetes.csv');
    const raw = rawCells(text);
    const t = await load(text);
    expect(t.table.rowCount).toBe(768);
    expect(names(t)).toEqual(['pregnant', 'glucose', 'pressure', 'triceps', 'insulin', 'mass', 'pedigree', 'age', 'diabetes']);
    const expectedMissing = raw.header.map((_, k) => raw.rows.filter((r) => r[k] === '').length);
    const missing = t.table.columns.map((c) => Array.from({ length: t.table.rowCount }, (_, i) => isMissing(c, i)).filter(Boolean).length);
    expect(missing).toEqual(expectedMissing);
    expect(expectedMissing.some((m) => m > 0)).toBe(true);
    for (const c of t.table.columns.slice(0, 8)) expect(`${c.name}:${c.storage}/${c.type}`).toBe(`${c.name}:numeric/numeric`);
    expect(column(t, 'diabetes').type).toBe('binary');
    expect([...(columnLevels(column(t, 'diabetes')) ?? [])].sort()).toEqual(['neg', 'pos']);
    for (let k = 0; k < 8; k++) {
      const c = t.table.columns[k];
      const values = raw.rows.map((r) => (r[k] === '' ? NaN : Number(r[k])));
      expect(c.storage === 'numeric' && Array.from(c.values), c.name).toEqual(values);
    }
  });
});
