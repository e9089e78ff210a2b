/**
 * Malformed and hostile CSV inputs ("no input can break it"), each with what must happen to it.
 * Everything is generated in code, on demand (10 MB cells and 10,000 columns are not kept in git):
 * call `bytes()` when the test needs the file. Used by src/core/ingest/hostile.test.ts.
 */
import type { ErrorCode } from '../../errors';
import type { ColumnType } from '../../table/column';
import type { Encoding } from '../../ingest/detect-encoding';
import type { Dialect } from '../../ingest/dialect';
import type { MissingStrategy, ModelKind } from '../../prep/setup';
import type { TrainWarning } from '../../train/report';
import { MT19937 } from '../../random/mt19937';
import { stratifiedSplit } from '../../prep/split';

/** What readTable must make of a file that loads. Every field is optional: only what is given is checked. */
export interface LoadExpectation {
  rows?: number;
  cols?: number;
  /** Column name → type; the names must exist exactly as written (so this also pins decoding and renaming). */
  types?: Record<string, ColumnType>;
  /** Codes that must appear among the file notes or any column's notes. */
  notes?: string[];
  encoding?: Encoding;
  delimiter?: Dialect['delimiter'];
  decimalComma?: boolean;
  /** Column name → its first cells as `cellText` gives them ('' = missing). */
  cells?: Record<string, string[]>;
}

/** A training run on the loaded file: features from summarize() unless given; missing 'drop' unless given. */
export interface TrainExpectation {
  outcome: string;
  positive: string;
  /** Every model must return this error. */
  expectError?: ErrorCode;
  /** The models in `warnedBy` must report this warning. */
  expectWarning?: TrainWarning['code'];
  /** Default: every model trained. */
  warnedBy?: ModelKind[];
  /** A prep note every successful run must report. */
  expectPrepNote?: string;
  features?: string[];
  missing?: MissingStrategy;
}

export type Expectation = { error: ErrorCode } | { loads: LoadExpectation; train?: TrainExpectation };

export interface HostileCase {
  name: string;
  bytes: () => Uint8Array;
  expect: Expectation;
}

// ---------------------------------------------------------------- bytes

type Part = string | Uint8Array | readonly number[];

const encoder = new TextEncoder();

/** UTF-8 for strings, raw bytes for the rest, concatenated. */
export function bytesOf(...parts: Part[]): Uint8Array {
  const chunks = parts.map((p) => (typeof p === 'string' ? encoder.encode(p) : Uint8Array.from(p)));
  const out = new Uint8Array(chunks.reduce((s, c) => s + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const text = (s: string) => (): Uint8Array => bytesOf(s);

/** Windows-1252: Latin-1 letters as one byte each, '€' as 0x80. */
function cp1252(s: string): Uint8Array {
  return Uint8Array.from(Array.from(s), (ch) => {
    const c = ch.codePointAt(0) as number;
    if (ch === '€') return 0x80;
    if (c > 0xff || (c >= 0x80 && c < 0xa0)) throw new Error(`cp1252: cannot encode ${ch}`);
    return c;
  });
}

/** GBK for the few hanzi the corpus uses (ASCII as is). */
const GBK: Record<string, readonly [number, number]> = {
  性: [0xd0, 0xd4],
  别: [0xb1, 0xf0],
  男: [0xc4, 0xd0],
  女: [0xc5, 0xae],
  年: [0xc4, 0xea],
  龄: [0xc1, 0xe4],
  结: [0xbd, 0xe1],
  局: [0xbe, 0xd6],
  是: [0xca, 0xc7],
  否: [0xb7, 0xf1],
};

function gbk(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const pair = GBK[ch];
    if (pair) out.push(...pair);
    else if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else throw new Error(`gbk: cannot encode ${ch}`);
  }
  return Uint8Array.from(out);
}

/** UTF-16 with its byte order mark (when `bom`). */
function utf16(s: string, order: 'le' | 'be', bom = true): Uint8Array {
  const t = bom ? `\uFEFF${s}` : s;
  const out = new Uint8Array(t.length * 2);
  for (let i = 0; i < t.length; i++) {
    const u = t.charCodeAt(i);
    const [first, second] = order === 'le' ? [u & 0xff, u >> 8] : [u >> 8, u & 0xff];
    out[2 * i] = first;
    out[2 * i + 1] = second;
  }
  return out;
}

function randomBytes(n: number, seed: number, min = 0, max = 255): Uint8Array {
  const rng = new MT19937(seed);
  return Uint8Array.from({ length: n }, () => min + rng.randomInterval(max - min));
}

// ---------------------------------------------------------------- tables

type Cell = string | number;

/** Rows joined by a delimiter and a line end (a final line end included). */
function lines(rows: readonly (readonly Cell[])[], delimiter = ',', eol = '\n'): string {
  return rows.map((r) => r.join(delimiter)).join(eol) + eol;
}

/** The random draws of one generated row. */
interface Draws {
  /** Two independent standard normals. */
  z1: number;
  z2: number;
  /** Uniform in [0, 1). */
  u: number;
  /** An event drawn with probability σ(1.5·z1 − 0.5). */
  event: boolean;
}

/** A seeded table of `n` rows: `columns` maps a name to the cell of row i, given that row's draws. */
function table(n: number, seed: number, columns: Record<string, (d: Draws, i: number) => Cell>, delimiter = ','): string {
  const rng = new MT19937(seed);
  const names = Object.keys(columns);
  const rows: Cell[][] = [names];
  for (let i = 0; i < n; i++) {
    const d = draws(rng);
    rows.push(names.map((name) => columns[name](d, i)));
  }
  return lines(rows, delimiter);
}

function draws(rng: MT19937): Draws {
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng.random())) * Math.cos(2 * Math.PI * rng.random());
  const z1 = normal();
  const z2 = normal();
  const u = rng.random();
  return { z1, z2, u, event: rng.random() < 1 / (1 + Math.exp(-(1.5 * z1 - 0.5))) };
}

const round = (v: number, digits = 2): number => Number(v.toFixed(digits));
const age = (d: Draws): number => Math.round(60 + 12 * d.z1);
const weight = (d: Draws): number => round(75 + 14 * d.z2, 1);
const yesNo = (d: Draws): string => (d.event ? 'yes' : 'no');
const sex = (d: Draws): string => (d.u < 0.5 ? 'F' : 'M');

/** An object with own properties (also '__proto__', which an object literal would take as the prototype). */
function own<T>(pairs: readonly (readonly [string, T])[]): Record<string, T> {
  return Object.fromEntries(pairs);
}

const PROTO_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'] as const;

/** 10 MB of text without a delimiter, quote or line break. */
const BIG_CELL = 10 * 1024 * 1024;

function wideHeader(count: number): string {
  return Array.from({ length: count }, (_, k) => `c${k + 1}`).join(',');
}

function wideRow(count: number, row: number): string {
  return Array.from({ length: count }, (_, k) => String((k * 7 + row) % 10)).join(',');
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89];
// a local file header of a zip (an .xlsx is one): PK\3\4, version 20, no flags, deflate, then the name
const ZIP = [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00, 0x62, 0xee, 0x9d, 0x68, 0x5e, 0x01, 0x00, 0x00, 0x90, 0x04, 0x00, 0x00, 0x13, 0x00, 0x08, 0x02];

/** Six date formats, one column each: the date of row d (five rows). */
const DATES: Record<string, (day: number) => string> = {
  iso: (d) => `2024-01-${String(10 + d).padStart(2, '0')}`,
  european: (d) => `${10 + d}/01/2024`,
  american: (d) => `01/${10 + d}/2024`,
  chinese: (d) => `2024年1月${10 + d}日`,
  monthName: (d) => `${10 + d}-Jan-2024`,
  isoTime: (d) => `2024-01-${10 + d}T08:3${d}:00Z`,
};

/** `n` rows: x1, x2 noise and an outcome with exactly `events` rows of 1 (the last ones). */
function rareEvents(n: number, events: number): string {
  const rng = new MT19937(7);
  let out = 'x1,x2,outcome\n';
  for (let i = 0; i < n; i++) out += `${round(rng.random() * 10, 3)},${rng.randomInterval(4)},${i >= n - events ? 1 : 0}\n`;
  return out;
}

/**
 * Training values around 1e-160 (σ ≈ 1e-160) and 1e308 in one test row (the first test row of the split
 * the test makes: seed 42, 20%): its z-score overflows to ∞ unless the scaler caps it.
 */
function outOfRangeTestRow(): string {
  const rng = new MT19937(30);
  const rows = Array.from({ length: 100 }, () => draws(rng));
  const y = rows.map((d) => (d.event ? 1 : 0));
  const firstTest = stratifiedSplit(y, 0.2, 42).test[0];
  const body = rows.map((d, i) => `${i === firstTest ? '1e308' : `${round(1 + d.u, 3)}e-160`},${age(d)},${yesNo(d)}`);
  return ['tiny,age,outcome', ...body, ''].join('\n');
}

// ---------------------------------------------------------------- the corpus

export const HOSTILE: HostileCase[] = [
  // --- nothing to read
  { name: 'empty file', bytes: text(''), expect: { error: 'empty-file' } },
  { name: 'a single line break', bytes: text('\n'), expect: { error: 'empty-file' } },
  { name: 'UTF-8 byte order mark only', bytes: () => bytesOf([0xef, 0xbb, 0xbf]), expect: { error: 'empty-file' } },
  { name: 'whitespace only (spaces, tabs, line ends)', bytes: text('   \n\t\t\n  \r\n \t \r'), expect: { error: 'empty-file' } },
  { name: 'header only', bytes: text('age,sex,outcome\n'), expect: { error: 'no-rows' } },
  { name: 'header only, blank lines after it', bytes: text('age,sex,outcome\n\n   \n\r\n'), expect: { error: 'no-rows' } },

  // --- not text
  { name: 'PNG image', bytes: () => bytesOf(PNG, randomBytes(2000, 1)), expect: { error: 'binary-file' } },
  { name: 'ZIP / .xlsx renamed .csv', bytes: () => bytesOf(ZIP, '[Content_Types].xml', randomBytes(3000, 2)), expect: { error: 'binary-file' } },
  {
    name: 'PDF (text header, binary stream)',
    bytes: () => bytesOf('%PDF-1.7\n%', [0xe2, 0xe3, 0xcf, 0xd3], '\n1 0 obj\n<< /Length 4000 /Filter /FlateDecode >>\nstream\n', randomBytes(4000, 3), '\nendstream\nendobj\n'),
    expect: { error: 'binary-file' },
  },
  { name: 'random bytes', bytes: () => randomBytes(8192, 4), expect: { error: 'binary-file' } },
  { name: 'NUL bytes inside text (first 64 KB)', bytes: () => bytesOf('a,b\n1,2\n3,', [0, 0, 0], '4\n5,6\n'), expect: { error: 'binary-file' } },
  {
    name: 'NUL byte after the 64 KB sample',
    bytes: () => bytesOf('id,value\n', Array.from({ length: 12_000 }, (_, i) => `${i},${(i * 37) % 1000}\n`).join(''), '12000,', [0], '\n12001,3\n'),
    // the sample decides: the cell with NUL is text, a stray in a numeric column read as missing
    expect: { loads: { rows: 12_002, cols: 2, types: { id: 'identifier', value: 'numeric' }, notes: ['non-numeric-as-missing'] } },
  },
  {
    name: 'random high bytes, no control characters',
    bytes: () => randomBytes(4096, 5, 0x80, 0xff),
    // one long "header" line in a legacy encoding, and nothing else
    expect: { error: 'no-rows' },
  },

  // --- shape
  {
    name: 'ragged rows, short',
    bytes: text('a,b,c\n1,2\n3,4,5\n6\n7,8,9\n'),
    expect: { loads: { rows: 4, cols: 3, notes: ['ragged-rows'], cells: { b: ['2', '4', '', '8'], c: ['', '5', '', '9'] } } },
  },
  {
    name: 'ragged rows, long',
    bytes: text('a,b\n1,2,3\n4,5\n6,7,8,9\n'),
    expect: { loads: { rows: 3, cols: 2, notes: ['ragged-rows'], cells: { a: ['1', '4', '6'], b: ['2', '5', '7'] } } },
  },
  {
    name: '10,000 columns',
    bytes: () => bytesOf(`${wideHeader(10_000)}\n${wideRow(10_000, 0)}\n${wideRow(10_000, 1)}\n${wideRow(10_000, 2)}\n`),
    expect: { loads: { rows: 3, cols: 10_000 } },
  },
  { name: '10,001 columns', bytes: () => bytesOf(`${wideHeader(10_001)}\n${wideRow(10_001, 0)}\n`), expect: { error: 'too-many-columns' } },
  { name: '50,000 columns', bytes: () => bytesOf(`${wideHeader(50_000)}\n${wideRow(50_000, 0)}\n`), expect: { error: 'too-many-columns' } },
  {
    name: 'one 10 MB cell',
    bytes: () => bytesOf('id,note\n1,', 'x'.repeat(BIG_CELL), '\n2,short\n3,also short\n'),
    expect: { loads: { rows: 3, cols: 2, types: { note: 'text' } } },
  },
  {
    name: 'one 10 MB quoted cell with line breaks',
    bytes: () => bytesOf('id,note\n1,"', 'ab,"" \n'.repeat(BIG_CELL / 8), '"\n2,short\n'),
    expect: { loads: { rows: 2, cols: 2 } },
  },
  {
    name: 'no line breaks: 5 MB of fields on one line',
    bytes: () => bytesOf('1,'.repeat(2_500_000)),
    expect: { error: 'too-many-columns' },
  },
  {
    name: 'no line breaks, no delimiters: one 10 MB header name',
    bytes: () => bytesOf('x'.repeat(BIG_CELL)),
    expect: { error: 'no-rows' },
  },
  {
    name: 'unterminated quote',
    bytes: text('a,b\n1,"hello\n2,3\n4,5\n'),
    expect: { loads: { rows: 1, cols: 2, notes: ['unterminated-quote'], cells: { a: ['1'], b: ['hello\n2,3\n4,5\n'] } } },
  },
  {
    name: 'mixed line endings (CRLF, LF, CR)',
    bytes: text('a,b\r\n1,2\n3,4\r5,6\r\n7,8\r\r\n9,10'),
    expect: { loads: { rows: 5, cols: 2, cells: { a: ['1', '3', '5', '7', '9'], b: ['2', '4', '6', '8', '10'] } } },
  },
  {
    name: 'CR line endings only (classic Mac)',
    bytes: text('a,b\r1,x\r2,y\r3,z\r'),
    expect: { loads: { rows: 3, cols: 2, cells: { b: ['x', 'y', 'z'] } } },
  },
  { name: 'a file with only one column', bytes: text('value\n1\n2\n\n3\n'), expect: { loads: { rows: 3, cols: 1, types: { value: 'numeric' } } } },
  {
    name: 'every line ends with a delimiter',
    bytes: text('a,b,\n1,x,\n2,y,\n3,z,\n'),
    // the trailing delimiter makes a third, nameless and empty column, as pandas' "Unnamed: 2"
    expect: { loads: { rows: 3, cols: 3, types: { a: 'numeric', b: 'categorical', 'column 3': 'numeric' }, notes: ['all-missing'] } },
  },
  {
    name: 'delimiters only',
    bytes: text(',,,\n,,,\n,,,\n'),
    expect: { loads: { rows: 2, cols: 4, types: { 'column 1': 'numeric', 'column 4': 'numeric' }, notes: ['all-missing'] } },
  },

  // --- encodings
  {
    name: 'invalid UTF-8 (Latin-1 bytes, overlong and truncated sequences)',
    bytes: () => bytesOf('name,value\ncaf', [0xe9], ',1\nna', [0xef], 've,2\nx', [0xc0, 0xaf], ',3\ny', [0xe2, 0x82], ',4\n'),
    expect: { loads: { rows: 4, cols: 2, encoding: 'windows-1252', cells: { name: ['café', 'naïve', 'xÀ¯'] } } },
  },
  {
    name: 'invalid UTF-8 after the 64 KB sample',
    bytes: () => bytesOf('id,word\n', Array.from({ length: 12_000 }, (_, i) => `${i},w${i % 7}\n`).join(''), '12000,caf', [0xe9], '\n'),
    // decoded as UTF-8 (the sample was valid): the stray byte becomes U+FFFD, the file still loads
    expect: { loads: { rows: 12_001, cols: 2, encoding: 'utf-8', types: { word: 'categorical' } } },
  },
  {
    name: 'UTF-16LE with BOM',
    bytes: () => utf16('âge,sexe,décès\r\n61,F,oui\r\n72,M,non\r\n55,F,non\r\n', 'le'),
    expect: { loads: { rows: 3, cols: 3, encoding: 'utf-16le', types: { âge: 'numeric', sexe: 'binary', décès: 'binary' }, cells: { décès: ['oui', 'non', 'non'] } } },
  },
  {
    name: 'UTF-16BE with BOM',
    bytes: () => utf16('âge;sexe;décès\n61;F;oui\n72;M;non\n55;F;non\n', 'be'),
    expect: { loads: { rows: 3, cols: 3, encoding: 'utf-16be', delimiter: ';', types: { âge: 'numeric', décès: 'binary' } } },
  },
  {
    name: 'UTF-16LE without BOM',
    bytes: () => utf16('age,sex\n61,F\n72,M\n55,F\n', 'le', false),
    expect: { loads: { rows: 3, cols: 2, encoding: 'utf-16le', types: { age: 'numeric', sex: 'binary' } } },
  },
  {
    name: 'UTF-8 BOM',
    bytes: () => bytesOf([0xef, 0xbb, 0xbf], 'id,größe\n1,1.80\n2,1.65\n3,1.72\n'),
    expect: { loads: { rows: 3, cols: 2, encoding: 'utf-8', types: { id: 'identifier', größe: 'numeric' } } },
  },
  {
    name: 'two UTF-8 BOMs',
    bytes: () => bytesOf([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], 'id,x\n1,2\n3,4\n'),
    expect: { loads: { rows: 2, cols: 2, types: { id: 'binary', x: 'binary' } } },
  },
  {
    name: 'GBK Chinese',
    bytes: () => gbk(table(120, 11, { 年龄: age, 性别: (d) => (d.u < 0.5 ? '男' : '女'), 结局: (d) => (d.event ? '是' : '否') })),
    expect: { loads: { rows: 120, cols: 3, encoding: 'gb18030', types: { 年龄: 'numeric', 性别: 'binary', 结局: 'binary' } }, train: { outcome: '结局', positive: '是' } },
  },
  {
    name: 'GBK Chinese, pipe-delimited',
    bytes: () => gbk(table(60, 12, { 年龄: age, 性别: (d) => (d.u < 0.5 ? '男' : '女'), 结局: (d) => (d.event ? '是' : '否') }, '|')),
    expect: { loads: { rows: 60, cols: 3, encoding: 'gb18030', delimiter: '|', types: { 性别: 'binary', 结局: 'binary' } } },
  },
  {
    name: 'Windows-1252',
    bytes: () => cp1252('Größe;Gewicht;Preis;Ergebnis\n1,80;72,5;3 €;gesund\n1,65;61,0;5 €;krank\n1,72;80,2;4 €;gesund\n'),
    expect: {
      loads: { rows: 3, cols: 4, encoding: 'windows-1252', delimiter: ';', decimalComma: true, types: { Größe: 'numeric', Gewicht: 'numeric', Preis: 'categorical', Ergebnis: 'binary' }, cells: { Ergebnis: ['gesund', 'krank', 'gesund'] } },
    },
  },

  // --- headers
  {
    name: 'duplicate and empty headers',
    bytes: text('a,a,b,,a,a (2), \n1,2,3,4,5,6,7\n8,9,10,11,12,13,14\n'),
    expect: { loads: { rows: 2, cols: 7, notes: ['renamed-headers'], types: own([['a', 'binary'], ['a (2)', 'binary'], ['column 4', 'binary'], ['a (3)', 'binary'], ['a (2) (2)', 'binary'], ['column 7', 'binary']]) } },
  },
  {
    name: '__proto__, constructor, prototype, toString, hasOwnProperty as headers and cells',
    bytes: () =>
      bytesOf(
        table(
          150,
          13,
          own<(d: Draws, i: number) => Cell>([
            ['__proto__', (d) => round(d.z1)],
            ['constructor', yesNo],
            ['prototype', (d) => PROTO_NAMES[Math.floor(d.u * PROTO_NAMES.length)]],
            ['toString', (d) => (d.u < 0.3 ? 'toString' : d.u < 0.6 ? 'valueOf' : '__proto__')],
            ['hasOwnProperty', (d) => round(d.z2)],
            ['polluted', (_, i) => (i % 2 === 0 ? '"{""__proto__"":{""polluted"":1}}"' : 'constructor.prototype.polluted')],
          ]),
        ),
      ),
    expect: {
      loads: {
        rows: 150,
        cols: 6,
        types: own([['__proto__', 'numeric'], ['constructor', 'binary'], ['prototype', 'categorical'], ['toString', 'categorical'], ['hasOwnProperty', 'numeric'], ['polluted', 'binary']]),
      },
      train: { outcome: 'constructor', positive: 'yes' },
    },
  },
  {
    name: 'HTML and script in headers and cells',
    bytes: text('<script>alert(1)</script>,"<img src=x onerror=""alert(1)"">",outcome\n<b>bold</b>,"</td><script>x()</script>",yes\n<i>a</i>,&lt;&amp;,no\n<u>c</u>,javascript:alert(1),no\n'),
    expect: {
      loads: {
        rows: 3,
        cols: 3,
        types: { '<script>alert(1)</script>': 'categorical', '<img src=x onerror="alert(1)">': 'categorical' },
        cells: { '<script>alert(1)</script>': ['<b>bold</b>', '<i>a</i>', '<u>c</u>'], '<img src=x onerror="alert(1)">': ['</td><script>x()</script>', '&lt;&amp;', 'javascript:alert(1)'] },
      },
    },
  },
  {
    name: 'extremely long header names (100 KB)',
    bytes: () => bytesOf('h'.repeat(100_000), ',', 'é'.repeat(50_000), ',y\n1,2,a\n3,4,b\n5,6,c\n'),
    expect: { loads: { rows: 3, cols: 3, types: own([['h'.repeat(100_000), 'numeric'], ['é'.repeat(50_000), 'numeric'], ['y', 'categorical']]) } },
  },
  {
    name: 'a header row of 5,000 identical names',
    bytes: () => bytesOf(Array(5000).fill('x').join(','), '\n', Array(5000).fill('1').join(','), '\n'),
    expect: { loads: { rows: 1, cols: 5000, notes: ['renamed-headers'], types: { x: 'numeric', 'x (2)': 'numeric', 'x (5000)': 'numeric' } } },
  },
  {
    name: 'a header row of 10,000 identical names',
    bytes: () => bytesOf(Array(10_000).fill('x').join(','), '\n', Array(10_000).fill('1').join(','), '\n'),
    expect: { loads: { rows: 1, cols: 10_000, types: { x: 'numeric', 'x (10000)': 'numeric' } } },
  },
  {
    name: 'numeric header (a data row taken as header)',
    bytes: text('1,2,3\n4,5,6\n7,8,9\n'),
    expect: { loads: { rows: 2, cols: 3, notes: ['header-looks-like-data'], types: { '1': 'binary' } } },
  },

  // --- cells
  {
    name: 'deeply quoted fields with many ""',
    bytes: () => bytesOf('a,b\n"', '""'.repeat(20_000), '","x""y""z"\n"""""""",""""\n'),
    expect: { loads: { rows: 2, cols: 2, cells: { a: ['"'.repeat(20_000), '"""'], b: ['x"y"z', '"'] } } },
  },
  {
    name: 'formula cells (CSV injection)',
    bytes: text("id,formula,outcome\n1,=1+1,yes\n2,+cmd|' /C calc'!A0,no\n3,@SUM(A1),no\n4,-2+3,yes\n5,=HYPERLINK(\"http://x\"),no\n"),
    expect: { loads: { rows: 5, cols: 3, delimiter: ',', types: { formula: 'categorical' }, cells: { formula: ['=1+1', "+cmd|' /C calc'!A0", '@SUM(A1)', '-2+3', '=HYPERLINK("http://x")'] } } },
  },
  {
    name: 'odd numbers (1e400, -0, 0x1F, 1,234.5, Arabic-Indic digits, 1e308, Infinity, NaN)',
    bytes: text(
      lines([
        ['huge', 'negzero', 'hex', 'thousands', 'arabic', 'max', 'infinity', 'nan'],
        ['1e400', '-0', '0x1F', '"1,234.5"', '١٢٣', '1e308', 'Infinity', 'NaN'],
        ['1', '0', '0x20', '"2,345.5"', '٤٥٦', '-1e308', '-Infinity', '1'],
        ['2', '1', '0x21', '"3,456.5"', '٧٨٩', '1.7976931348623157e308', '1', '2'],
        ['3', '2', '0x22', '"4,567.5"', '١٠', '1', '2', '3'],
        ['4', '3', '0x23', '"5,678.5"', '٢٠', '2', '3', '4'],
      ]),
    ),
    expect: {
      loads: {
        rows: 5,
        cols: 8,
        types: { huge: 'numeric', negzero: 'numeric', hex: 'categorical', thousands: 'categorical', arabic: 'categorical', max: 'numeric', infinity: 'numeric', nan: 'numeric' },
        notes: ['non-numeric-as-missing'],
        cells: { huge: ['', '1', '2', '3', '4'], infinity: ['', '', '1', '2', '3'], nan: ['', '1', '2', '3', '4'], max: ['1e+308', '-1e+308', '1.7976931348623157e+308', '1', '2'] },
      },
    },
  },
  {
    name: 'dates in six formats',
    bytes: text(lines([Object.keys(DATES), ...[0, 1, 2, 3, 4].map((d) => Object.values(DATES).map((f) => f(d)))])),
    expect: { loads: { rows: 5, cols: 6, types: own(Object.keys(DATES).map((k) => [k, 'date'] as const)) } },
  },
  {
    name: 'control characters and emoji in cells',
    bytes: () => bytesOf('a,b\n', [0x0c], 'x,😀\n', [0x0b], 'y,👩‍⚕️\nz,ok\n'),
    expect: { loads: { rows: 3, cols: 2, encoding: 'utf-8', cells: { a: ['\fx', '\vy', 'z'], b: ['😀', '👩‍⚕️', 'ok'] } } },
  },
  {
    name: 'a lone surrogate (CESU bytes) in otherwise UTF-8 text',
    bytes: () => bytesOf('name,value\ncafé,1\nx', [0xed, 0xa0, 0x80], ',2\n'),
    // not valid UTF-8, so the whole file is read as Windows-1252: "café" comes out as "cafÃ©"
    expect: { loads: { rows: 2, cols: 2, encoding: 'windows-1252', cells: { name: ['cafÃ©'] } } },
  },
  {
    name: 'blank and whitespace lines between rows',
    bytes: text('a,b\n\n1,2\n   \n\t\n3,4\n\r\n5,6\n\n\n'),
    expect: { loads: { rows: 3, cols: 2, cells: { a: ['1', '3', '5'] } } },
  },
  {
    name: 'line breaks inside quoted header and cells',
    bytes: text('"first\nname","last\r\nname"\n"a\rb","c\nd"\n"e",f\n'),
    expect: { loads: { rows: 2, cols: 2, types: { 'first\nname': 'binary', 'last\r\nname': 'binary' }, cells: { 'first\nname': ['a\rb', 'e'] } } },
  },
  {
    name: 'Excel "sep=;" first line',
    bytes: text('sep=;\na;b\n1;2\n3;4\n'),
    // Excel's hint line names the delimiter and is skipped: the real header is the header
    expect: { loads: { rows: 2, cols: 2, delimiter: ';', types: { a: 'binary', b: 'binary' } } },
  },

  // --- dialects
  {
    name: 'semicolons with decimal commas',
    bytes: text(table(100, 14, { age, weight: (d) => String(weight(d)).replace('.', ','), outcome: yesNo }, ';')),
    expect: { loads: { rows: 100, cols: 3, delimiter: ';', decimalComma: true, types: { age: 'numeric', weight: 'numeric', outcome: 'binary' } }, train: { outcome: 'outcome', positive: 'yes' } },
  },
  {
    name: 'tab-separated',
    bytes: text(table(100, 15, { age, sex, note: (d) => (d.u < 0.2 ? ' spaced out ' : 'x'), outcome: yesNo }, '\t')),
    expect: { loads: { rows: 100, cols: 4, delimiter: '\t', types: { age: 'numeric', sex: 'binary', outcome: 'binary' } }, train: { outcome: 'outcome', positive: 'yes' } },
  },

  // --- training on awkward data
  {
    name: 'outcome with one class',
    bytes: text(table(80, 16, { age, sex, outcome: () => 'no' })),
    expect: { loads: { rows: 80, notes: ['constant'] }, train: { outcome: 'outcome', positive: 'no', expectError: 'outcome-one-class' } },
  },
  {
    name: 'outcome with one class, event value absent',
    bytes: text(table(80, 17, { age, sex, outcome: () => 0 })),
    expect: { loads: { rows: 80 }, train: { outcome: 'outcome', positive: '1', expectError: 'positive-class-missing' } },
  },
  {
    name: 'outcome with three classes (one vs the rest)',
    bytes: text(table(150, 18, { age, weight, stage: (d) => (d.event ? 'III' : d.u < 0.5 ? 'I' : 'II') })),
    expect: { loads: { rows: 150, types: { stage: 'categorical' } }, train: { outcome: 'stage', positive: 'III' } },
  },
  {
    name: 'a continuous outcome',
    bytes: text(table(120, 29, { age, weight, sex })),
    expect: { loads: { rows: 120, types: { weight: 'numeric' } }, train: { outcome: 'weight', positive: '75.5', expectError: 'outcome-not-binary' } },
  },
  {
    name: 'a tiny file (10 rows, 4 events)',
    bytes: text('age,sex,outcome\n61,F,yes\n72,M,no\n55,F,no\n80,M,yes\n47,F,no\n66,M,yes\n59,F,no\n70,M,no\n52,F,yes\n63,M,no\n'),
    expect: { loads: { rows: 10 }, train: { outcome: 'outcome', positive: 'yes', expectWarning: 'few-test-events' } },
  },
  {
    name: '1 positive in 100,000 rows',
    bytes: text(rareEvents(100_000, 1)),
    // a stratified split needs at least 2 rows of each class
    expect: { loads: { rows: 100_000, types: { outcome: 'binary' } }, train: { outcome: 'outcome', positive: '1', expectError: 'class-too-small' } },
  },
  {
    name: '2 positives in 100,000 rows',
    bytes: text(rareEvents(100_000, 2)),
    // scikit-learn's stratified split puts both events in the training rows: the test AUC is undefined (NaN)
    expect: { loads: { rows: 100_000 }, train: { outcome: 'outcome', positive: '1', expectWarning: 'few-test-events' } },
  },
  {
    name: 'constant column (forced in as a feature)',
    bytes: text(table(200, 19, { age, weight, site: () => 3, outcome: yesNo })),
    expect: {
      loads: { rows: 200, notes: ['constant'] },
      train: { outcome: 'outcome', positive: 'yes', features: ['age', 'weight', 'site'], expectWarning: 'collinearity', warnedBy: ['logreg-mle', 'logreg-firth'], expectPrepNote: 'constant-features' },
    },
  },
  {
    name: 'duplicate columns',
    bytes: text(table(200, 20, { age, weight, age_again: age, outcome: yesNo })),
    expect: { loads: { rows: 200 }, train: { outcome: 'outcome', positive: 'yes', expectWarning: 'collinearity', warnedBy: ['logreg-mle', 'logreg-firth'] } },
  },
  {
    name: 'collinear columns (c = a + 2b)',
    bytes: text(table(200, 21, { a: (d) => round(d.z1), b: (d) => round(d.z2), c: (d) => round(round(d.z1) + 2 * round(d.z2)), outcome: yesNo })),
    expect: { loads: { rows: 200 }, train: { outcome: 'outcome', positive: 'yes', expectWarning: 'collinearity', warnedBy: ['logreg-mle', 'logreg-firth'] } },
  },
  {
    name: 'a perfectly separating column',
    bytes: text(table(200, 22, { age, marker: (d) => (d.event ? round(5 + d.u, 3) : round(d.u * 4, 3)), outcome: yesNo })),
    expect: { loads: { rows: 200 }, train: { outcome: 'outcome', positive: 'yes', expectWarning: 'separation', warnedBy: ['logreg-mle', 'logreg'] } },
  },
  {
    name: 'all values missing in a feature (left out by the suggestion)',
    bytes: text(table(120, 23, { age, weight, lab: (_, i) => (i % 3 === 0 ? 'NA' : ''), outcome: yesNo })),
    expect: { loads: { rows: 120, notes: ['all-missing'] }, train: { outcome: 'outcome', positive: 'yes' } },
  },
  {
    name: 'all values missing in a feature, forced in, rows with missing values dropped',
    bytes: text(table(120, 24, { age, weight, lab: () => '', outcome: yesNo })),
    expect: { loads: { rows: 120, notes: ['all-missing'] }, train: { outcome: 'outcome', positive: 'yes', features: ['age', 'lab'], expectError: 'no-rows-left' } },
  },
  {
    name: 'all values missing in a feature, forced in, mean imputation',
    bytes: text(table(120, 25, { age, weight, lab: () => 'NULL', outcome: yesNo })),
    expect: { loads: { rows: 120, notes: ['all-missing'] }, train: { outcome: 'outcome', positive: 'yes', features: ['age', 'lab'], missing: 'mean', expectPrepNote: 'feature-all-missing' } },
  },
  {
    name: 'all values missing in the outcome',
    bytes: text(table(120, 26, { age, weight, outcome: (_, i) => (i % 2 ? 'NA' : '') })),
    expect: { loads: { rows: 120, notes: ['all-missing'] }, train: { outcome: 'outcome', positive: '1', expectError: 'outcome-not-binary' } },
  },
  {
    name: 'features near the double range (±1e308, 1e-308)',
    bytes: text(table(150, 27, { huge: (d) => (d.z1 < 0 ? '-1e308' : '1.5e308'), tiny: (d) => `${round(1 + d.z2)}e-308`, age, outcome: yesNo })),
    expect: { loads: { rows: 150, types: { huge: 'binary', tiny: 'numeric' } }, train: { outcome: 'outcome', positive: 'yes', features: ['huge', 'tiny', 'age'] } },
  },
  {
    name: 'a test row far outside the training range (1e308 where training has 1e-160)',
    bytes: text(outOfRangeTestRow()),
    expect: { loads: { rows: 100, types: { tiny: 'numeric' } }, train: { outcome: 'outcome', positive: 'yes', features: ['tiny', 'age'] } },
  },
  {
    name: 'missing-value tokens everywhere, cells padded with spaces',
    bytes: text(table(150, 28, { age: (d, i) => (i % 5 === 0 ? ['NA', '?', '.', '-', 'null'][i % 4] : ` ${age(d)} `), sex: (d, i) => (i % 7 === 0 ? 'N/A' : sex(d)), outcome: (d, i) => (i % 11 === 0 ? '#N/A' : yesNo(d)) })),
    expect: { loads: { rows: 150, types: { age: 'numeric', sex: 'binary', outcome: 'binary' } }, train: { outcome: 'outcome', positive: 'yes', expectPrepNote: 'rows-missing-outcome' } },
  },
];
