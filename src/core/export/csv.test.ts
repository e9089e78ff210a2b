import { describe, it, expect } from 'vitest';
import { readTable } from '../ingest/read-table';
import { bytesSource } from '../ingest/byte-source';
import { cellText } from '../table/column';
import { csvChunks, csvField, csvText, neutralizeFormula, type CsvCell } from './csv';

async function reread(text: string): Promise<{ names: string[]; rows: string[][] }> {
  const r = await readTable(bytesSource(new TextEncoder().encode(text)));
  if (!r.ok) throw new Error(r.error.code);
  const { table } = r.value;
  const rows = Array.from({ length: table.rowCount }, (_, i) => table.columns.map((c) => cellText(c, i)));
  return { names: table.columns.map((c) => c.name), rows };
}

describe('csvField (RFC 4180)', () => {
  it('quotes delimiters, quotes and line breaks; doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
    expect(csvField('line1\r\nline2')).toBe('"line1\r\nline2"');
    expect(csvField('a;b', ';')).toBe('"a;b"');
    expect(csvField('a;b')).toBe('a;b');
    expect(csvField(' padded ')).toBe('" padded "');
    expect(csvField('高血压')).toBe('高血压');
  });

  it('writes numbers as numbers, missing as empty', () => {
    expect(csvField(-2.5)).toBe('-2.5');
    expect(csvField(-0)).toBe('0');
    expect(csvField(1e21)).toBe('1e+21');
    expect(csvField(NaN)).toBe('');
    expect(csvField(Infinity)).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });
});

describe('formula safety (OWASP CSV injection)', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['+cmd|\' /C calc\'!A0', "'+cmd|' /C calc'!A0"],
    ['-2+3', "'-2+3"],
    ['@SUM(1)', "'@SUM(1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['-', "'-"],
    ['-1e400', "'-1e400"],
    ['-Infinity', "'-Infinity"],
    [' =1+1', "' =1+1"],
    ['  @SUM(A1)', "'  @SUM(A1)"],
    ['\n=1', `"'\n=1"`],
    ['\u3000=1', "'\u3000=1"],
    ['＝SUM(A1)', "'＝SUM(A1)"],
    ['＋cmd', "'＋cmd"],
    ['－2', "'－2"],
    ['＠x', "'＠x"],
  ])('neutralizes %j', (text, written) => {
    expect(csvField(text)).toBe(written);
  });

  it.each(['-2.5', '-0', '+7', '-.5', '-1e-3', '1e5', '42', 'a=b', 'a ＝ b', '王=1'])('leaves %j alone', (text) => {
    expect(neutralizeFormula(text)).toBe(text);
  });
});

describe('csvChunks', () => {
  const header = ['id', 'value'];
  const cell = (row: number, col: number): CsvCell => (col === 0 ? row : `v${row}`);

  it('yields the header, then chunks of rows, each ending in a record separator', () => {
    const chunks = [...csvChunks(header, 5, cell, { chunkRows: 2 })];
    expect(chunks).toEqual(['id,value\r\n', '0,v0\r\n1,v1\r\n', '2,v2\r\n3,v3\r\n', '4,v4\r\n']);
    expect([...csvChunks(header, 0, cell)]).toEqual(['id,value\r\n']);
  });

  it('starts with a BOM on request (Excel), and honours delimiter and newline', () => {
    const text = csvText(header, 1, cell, { bom: true, delimiter: ';', newline: '\n' });
    expect(text).toBe('\uFEFFid;value\n0;v0\n');
    expect(Array.from(new TextEncoder().encode(text).subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('keeps an empty cell of a one-column table as a row', async () => {
    const text = csvText(['only'], 3, (row) => (row === 1 ? null : `r${row}`));
    expect(text).toBe('only\r\nr0\r\n""\r\nr2\r\n');
    const back = await reread(text);
    expect(back.rows).toEqual([['r0'], [''], ['r2']]);
  });

  it('streams a large table without building one string', () => {
    let count = 0;
    let longest = 0;
    for (const chunk of csvChunks(['a', 'b', 'c'], 100_000, (r, c) => r * 3 + c)) {
      count++;
      longest = Math.max(longest, chunk.length);
    }
    expect(count).toBe(51);
    expect(longest).toBeLessThan(60_000);
  });
});

describe('round trip through readTable', () => {
  it('quoted newlines, quotes, delimiters, unicode and Chinese come back as written', async () => {
    const values: string[][] = [
      ['plain', 'comma, inside', 'line\nbreak', 'crlf\r\nbreak'],
      ['say "hi"', '"quoted"', '高血压，2型糖尿病', '患者 "张三" 说'],
      ['emoji 🫀', 'naïve café', 'tab\tinside', 'semi;colon'],
      ['=1+1', '@cmd', '-2.5', '+5'],
    ];
    const header = ['a', 'b "quoted" name', '中文列', 'd,e'];
    const text = csvText(header, values.length, (r, c) => values[r][c]);
    const back = await reread(text);
    expect(back.names).toEqual(header);
    // formula cells come back with their guard quote; "+5" is the number 5, written as is
    const expected = values.map((row) => row.map((v) => (/^[=@]/.test(v) ? `'${v}` : v === '+5' ? '5' : v)));
    expect(back.rows).toEqual(expected);
  });

  it('with a BOM and numbers', async () => {
    const text = csvText(['x', 'y'], 3, (r, c) => (c === 0 ? r - 1.5 : ['甲', '乙', '丙'][r]), { bom: true });
    const back = await reread(text);
    expect(back.names).toEqual(['x', 'y']);
    expect(back.rows).toEqual([['-1.5', '甲'], ['-0.5', '乙'], ['0.5', '丙']]);
  });
});
