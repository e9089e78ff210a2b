import { describe, it, expect } from 'vitest';
import { detectEncoding, isValidUtf8 } from './detect-encoding';
import { readTable, type LoadedTable } from './read-table';
import { bytesSource } from './byte-source';
import { cellText, columnLevels } from '../table/column';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const concat = (...parts: (Uint8Array | number[])[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => Array.from(p)));
const fromHex = (hex: string): number[] => (hex.match(/../g) ?? []).map((h) => parseInt(h, 16));

function utf16le(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf16le'));
}

function utf16be(text: string): Uint8Array {
  const le = utf16le(text);
  const be = new Uint8Array(le.length);
  for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1], le[i]];
  return be;
}

/** GBK bytes of each hanzi used here, from Python's `'性'.encode('gbk').hex()`. */
const GBK: Record<string, string> = {
  姓: 'd0d5', 名: 'c3fb', 性: 'd0d4', 别: 'b1f0', 年: 'c4ea', 龄: 'c1e4', 诊: 'd5ef', 断: 'b6cf', 男: 'c4d0', 女: 'c5ae',
  高: 'b8df', 血: 'd1aa', 压: 'd1b9', 糖: 'ccc7', 尿: 'c4f2', 病: 'b2a1', 张: 'd5c5', 三: 'c8fd', 李: 'c0ee', 四: 'cbc4',
  王: 'cdf5', 五: 'cee5', 億: '837c',
};

function gbk(text: string): Uint8Array {
  return Uint8Array.from(Array.from(text).flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : fromHex(GBK[ch]))));
}

/** Windows-1252: Latin-1 letters map to their code point; the euro sign is 0x80. */
function cp1252(text: string): Uint8Array {
  return Uint8Array.from(Array.from(text).map((ch) => (ch === '€' ? 0x80 : ch.charCodeAt(0))));
}

async function load(bytes: Uint8Array, chunkBytes?: number): Promise<LoadedTable> {
  const r = await readTable(bytesSource(bytes), undefined, chunkBytes === undefined ? {} : { chunkBytes });
  if (!r.ok) throw new Error(`readTable failed: ${r.error.code}`);
  return r.value;
}

/** Names, then every cell as text, row by row. */
function grid(t: LoadedTable): string[][] {
  const rows = Array.from({ length: t.table.rowCount }, (_, i) => t.table.columns.map((c) => cellText(c, i)));
  return [t.table.columns.map((c) => c.name), ...rows];
}

const chinese = '姓名,性别,年龄,诊断\n张三,男,45,高血压\n李四,女,62,糖尿病\n王五,男,58,高血压\n';
const chineseGrid = chinese.trim().split('\n').map((l) => l.split(','));

describe('detectEncoding', () => {
  it('recognises byte order marks', () => {
    expect(detectEncoding(concat([0xef, 0xbb, 0xbf], utf8('a,b')), true)).toEqual({ kind: 'text', encoding: 'utf-8', bomLength: 3 });
    expect(detectEncoding(concat([0xff, 0xfe], utf16le('a,b')), true)).toEqual({ kind: 'text', encoding: 'utf-16le', bomLength: 2 });
    expect(detectEncoding(concat([0xfe, 0xff], utf16be('a,b')), true)).toEqual({ kind: 'text', encoding: 'utf-16be', bomLength: 2 });
  });

  it('recognises UTF-16 without a BOM from its zero bytes', () => {
    expect(detectEncoding(utf16le('id,age\n1,45\n'), true)).toEqual({ kind: 'text', encoding: 'utf-16le', bomLength: 0 });
    expect(detectEncoding(utf16be('id,age\n1,45\n'), true)).toEqual({ kind: 'text', encoding: 'utf-16be', bomLength: 0 });
  });

  it('tells UTF-8, GBK and Windows-1252 apart', () => {
    const guess = (bytes: Uint8Array) => detectEncoding(bytes, true);
    expect(guess(utf8(chinese))).toEqual({ kind: 'text', encoding: 'utf-8', bomLength: 0 });
    expect(guess(gbk(chinese))).toEqual({ kind: 'text', encoding: 'gb18030', bomLength: 0 });
    expect(guess(cp1252('name,city\ncafé,Müller\n'))).toEqual({ kind: 'text', encoding: 'windows-1252', bomLength: 0 });
  });

  it('two accented letters inside a German word are Windows-1252, not a hanzi', () => {
    expect(detectEncoding(cp1252('Größe,Gewicht\n180,75\n'), true)).toMatchObject({ encoding: 'windows-1252' });
    expect(detectEncoding(cp1252('Befund\nmäßig\nFüße kalt\n'), true)).toMatchObject({ encoding: 'windows-1252' });
    expect(detectEncoding(gbk('诊断\nCT高\n'), true)).toMatchObject({ encoding: 'gb18030' });
  });

  it('accepts a UTF-8 character cut by the end of a sample, but not by the end of the file', () => {
    const cut = utf8('a,高').subarray(0, 4);
    expect(isValidUtf8(cut, false)).toBe(true);
    expect(isValidUtf8(cut, true)).toBe(false);
  });

  it.each([
    ['overlong', [0xc0, 0xaf]],
    ['overlong 3 bytes', [0xe0, 0x80, 0xaf]],
    ['surrogate', [0xed, 0xa0, 0x80]],
    ['beyond U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['lone continuation', [0x80]],
    ['missing continuation', [0xc3, 0x41]],
  ])('rejects %s UTF-8', (_, bytes) => {
    expect(isValidUtf8(Uint8Array.from(bytes), true)).toBe(false);
  });
});

describe('readTable round-trips names and categories in each encoding', () => {
  it.each([
    ['utf-8', utf8(chinese)],
    ['utf-8', concat([0xef, 0xbb, 0xbf], utf8(chinese))],
    ['utf-16le', concat([0xff, 0xfe], utf16le(chinese))],
    ['utf-16be', concat([0xfe, 0xff], utf16be(chinese))],
    ['utf-16le', utf16le(chinese)],
    ['gb18030', gbk(chinese)],
  ])('%s (%#)', async (encoding, bytes) => {
    const t = await load(bytes);
    expect(t.encoding).toBe(encoding);
    expect(grid(t)).toEqual(chineseGrid);
    const sex = t.table.columns[1];
    expect(sex.type).toBe('binary');
    expect(columnLevels(sex)).toEqual(['男', '女']);
    expect(t.table.columns[2].storage).toBe('numeric');
    for (let size = 1; size <= 17; size++) expect(grid(await load(bytes, size)), `chunk ${size}`).toEqual(chineseGrid);
  });

  it('windows-1252: accented names and categories (é e9, ü fc)', async () => {
    const text = 'name,city,Größe\nCafé,Müller,180\nRené,Zürich,175\nCafé,Zürich,160\n';
    const bytes = cp1252(text);
    expect(Array.from(bytes)).toEqual(expect.arrayContaining([0xe9, 0xfc]));
    const t = await load(bytes);
    expect(t.encoding).toBe('windows-1252');
    expect(grid(t)).toEqual(text.trim().split('\n').map((l) => l.split(',')));
    expect(columnLevels(t.table.columns[1])).toEqual(['Müller', 'Zürich']);
  });

  // Node ≥ 20.18.3 decodes windows-1252 as Latin-1 outside streaming (nodejs/node#56542, #60888): 0x80 becomes
  // U+0080, not €. Browsers, where the app runs, follow the WHATWG table; run this where the runtime does too.
  const runtimeDecodesCp1252 = new TextDecoder('windows-1252').decode(Uint8Array.of(0x80)) === '€';
  it.runIf(runtimeDecodesCp1252)('windows-1252: the euro sign (0x80)', async () => {
    const text = 'name,city,price\nCafé,Müller,€5\nRené,Zürich,€7\n';
    const t = await load(cp1252(text));
    expect(t.encoding).toBe('windows-1252');
    expect(grid(t)).toEqual(text.trim().split('\n').map((l) => l.split(',')));
  });

  it('a UTF-8 file whose 64 KB sample ends inside a character', async () => {
    const text = 'c\n' + '高血压\n'.repeat(10_000); // byte 65536 falls inside a 血
    expect(utf8(text).length).toBeGreaterThan(65536);
    const t = await load(utf8(text));
    expect(t.encoding).toBe('utf-8');
    expect(t.table.rowCount).toBe(10_000);
    expect(columnLevels(t.table.columns[0])).toEqual(['高血压']);
  });

  it('a pipe-delimited GBK file whose hanzi have 0x7C ("|") as their second byte', async () => {
    const text = '姓名|诊断\n张三|億\n李四|高血压\n';
    const bytes = gbk(text);
    expect(Array.from(bytes)).toContain(0x7c);
    for (const size of [undefined, 1, 2, 3, 5]) {
      const t = await load(bytes, size);
      expect(t.encoding).toBe('gb18030');
      expect(t.dialect.delimiter).toBe('|');
      expect(grid(t)).toEqual(text.trim().split('\n').map((l) => l.split('|')));
      expect(t.fileNotes).toEqual([]);
    }
  });
});

describe('binary files', () => {
  const noise = (n: number, seed: number): number[] => Array.from({ length: n }, (_, i) => (seed * (i + 7) * 2654435761) >>> 24);

  it.each([
    ['PNG', concat(fromHex('89504e470d0a1a0a0000000d49484452000001000000010008060000005c72a866'), noise(300, 3))],
    ['zip (.xlsx renamed .csv)', concat(fromHex('504b030414000600080000002100'), utf8('[Content_Types].xml'), noise(500, 5))],
    ['NUL bytes in text', concat(utf8('a,b\n1,2\n'), [0, 0, 0, 0])],
    ['control characters', Uint8Array.from(Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41)))],
  ])('%s → binary-file', async (_, bytes) => {
    expect(detectEncoding(bytes, true)).toEqual({ kind: 'binary' });
    const r = await readTable(bytesSource(bytes));
    expect(r.ok ? 'ok' : r.error.code).toBe('binary-file');
  });
});
