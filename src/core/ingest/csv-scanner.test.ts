import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { CsvScanner } from './csv-scanner';
import { ColumnBuilder } from './column-builder';

interface Scanned {
  records: string[][];
  /** Per record, how the scanner marked each field (0 plain, 1 quoted, 2 quoted with "", 3 malformed). */
  quoting: number[][];
  lines: number[];
  unterminated: boolean;
}

const decoder = new TextDecoder();

/** Runs the scanner over `text`, fed in chunks of `chunk` bytes (the whole text at once by default). */
function scan(text: string, delimiter = ',', chunk = Infinity): Scanned {
  const out: Scanned = { records: [], quoting: [], lines: [], unterminated: false };
  const scanner = new CsvScanner(delimiter.charCodeAt(0), {
    record(buf, starts, ends, quoted, count, line) {
      const fields: string[] = [];
      const marks: number[] = [];
      for (let k = 0; k < count; k++) {
        const text = decoder.decode(buf.subarray(starts[k], ends[k]));
        fields.push(quoted[k] === 2 ? text.replace(/""/g, '"') : text);
        marks.push(quoted[k]);
      }
      out.records.push(fields);
      out.quoting.push(marks);
      out.lines.push(line);
    },
  });
  const bytes = new TextEncoder().encode(text);
  if (chunk === Infinity || bytes.length === 0) scanner.push(bytes, true);
  else for (let p = 0; p < bytes.length; p += chunk) scanner.push(bytes.subarray(p, p + chunk), p + chunk >= bytes.length);
  out.unterminated = scanner.unterminatedQuote;
  expect(scanner.records).toBe(out.records.length);
  return out;
}

const records = (text: string, delimiter = ','): string[][] => scan(text, delimiter).records;

describe('CsvScanner line ends', () => {
  it.each([
    ['LF', 'a,b\n1,2\n'],
    ['CRLF', 'a,b\r\n1,2\r\n'],
    ['lone CR', 'a,b\r1,2\r'],
    ['no final newline', 'a,b\n1,2'],
    ['mixed', 'a,b\r\n1,2'],
  ])('%s', (_, text) => {
    expect(records(text)).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('mixes all three in one file', () => {
    expect(records('a\r\nb\nc\rd\n\re')).toEqual([['a'], ['b'], ['c'], ['d'], ['e']]);
  });
});

describe('CsvScanner quoted fields', () => {
  it('keeps delimiters, doubled quotes and line breaks inside quotes', () => {
    const text = '"a,b","say ""hi""","line1\nline2","cr\r\nlf"\n';
    expect(records(text)).toEqual([['a,b', 'say "hi"', 'line1\nline2', 'cr\r\nlf']]);
    expect(scan(text).quoting).toEqual([[1, 2, 1, 1]]);
  });

  it('reads "" as an empty field, and """" as one quote', () => {
    expect(records('"",x,""""\n')).toEqual([['', 'x', '"']]);
  });

  it('a line holding only "" is a record, not an empty line', () => {
    expect(records('a\n""\nb')).toEqual([['a'], [''], ['b']]);
  });

  it('trims spaces around unquoted and quoted fields, but not inside quotes', () => {
    expect(records('  a  ,  " b "  ,c \n')).toEqual([['a', ' b ', 'c']]);
  });

  it('keeps a stray quote inside an unquoted field literally', () => {
    expect(records('ab"c,d\n')).toEqual([['ab"c', 'd']]);
  });

  it('keeps text after a closing quote, marking the field malformed', () => {
    const s = scan('"ab"cd,e\n');
    expect(s.records).toEqual([['"ab"cd', 'e']]);
    expect(s.quoting[0][0]).toBe(3);
  });

  it('an unterminated quote takes the rest of the file and is reported', () => {
    const s = scan('a,b\n"x,1\n2,3');
    expect(s.records).toEqual([['a', 'b'], ['x,1\n2,3']]);
    expect(s.unterminated).toBe(true);
    expect(scan('a,b\n"x",1').unterminated).toBe(false);
  });
});

describe('CsvScanner empty lines and fields', () => {
  it('skips empty and blank lines', () => {
    expect(records('a,b\n\n1,2\n   \n\r\n3,4\n\n')).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
  });

  it('a trailing delimiter makes one more empty field, mid-file and at the very end', () => {
    expect(records('a,b,\n1,2,')).toEqual([['a', 'b', ''], ['1', '2', '']]);
    expect(records('a,b,\r\n1,2,\r\n')).toEqual([['a', 'b', ''], ['1', '2', '']]);
  });

  it('empty fields between delimiters', () => {
    expect(records(',,\n')).toEqual([['', '', '']]);
  });

  it('with a tab delimiter, tabs are fields separators and not trimmed', () => {
    expect(records('a\t\tb\n 1 \t2\t\n', '\t')).toEqual([['a', '', 'b'], ['1', '2', '']]);
  });

  it('with a semicolon delimiter, commas are data', () => {
    expect(records('x;y\n1,5;2,25\n', ';')).toEqual([['x', 'y'], ['1,5', '2,25']]);
  });
});

describe('CsvScanner line numbers', () => {
  it('gives the line each record starts on, counting blank lines and breaks inside quotes', () => {
    expect(scan('a,b\n1,2\n\n3,4\n"x\ny",5\r\n"p\r\nq\rr",6\n7,8').lines).toEqual([1, 2, 4, 5, 7, 10]);
  });
});

describe('CsvScanner chunk boundaries', () => {
  const tricky = 'name,note ,"val"\r\n"Smith, J","said ""no""\r\nthen left",1,5\r\n\r\n  x  ,"",\r"a""",b\n"open';

  it('gives the same records for every chunk size from 1 to 40', () => {
    const whole = scan(tricky);
    expect(whole.unterminated).toBe(true);
    for (let size = 1; size <= 40; size++) expect(scan(tricky, ',', size), `chunk ${size}`).toEqual(whole);
  });

  it('gives the same records for random text cut into random chunks', () => {
    const alphabet = fc.constantFrom('a', 'b', ' ', ',', '"', '\n', '\r', 'é', '数');
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 60 }), fc.integer({ min: 1, max: 9 }), (text, size) => {
        expect(scan(text, ',', size)).toEqual(scan(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('CsvScanner plain numbers (read while the field is scanned)', () => {
  // per field: the scanner's value and what the column builder makes of the same bytes alone
  function both(text: string, delimiter: string, decimalComma: boolean, chunk = Infinity) {
    const got: { scanned: number; builder: { numbers: Float64Array; codes: Int32Array | null; count: number } }[] = [];
    const scanner = new CsvScanner(
      delimiter.charCodeAt(0),
      {
        record(buf, starts, ends, _quoted, count, _line, numbers) {
          for (let k = 0; k < count; k++) {
            const b = new ColumnBuilder('x', 4);
            b.pushBytes(buf, starts[k], ends[k], decimalComma, (x) => new TextDecoder().decode(x));
            got.push({ scanned: numbers[k], builder: b });
          }
        },
      },
      decimalComma ? 0x2c : 0x2e,
    );
    const bytes = new TextEncoder().encode(text);
    if (chunk === Infinity) scanner.push(bytes, true);
    else for (let p = 0; p < bytes.length; p += chunk) scanner.push(bytes.subarray(p, p + chunk), p + chunk >= bytes.length);
    return got;
  }

  it('gives the builder\'s own number for every field it reads, and leaves codes, words and odd forms to it', () => {
    const cell = fc.string({ unit: fc.constantFrom(...'0123456789.,-+e E'), maxLength: 19 });
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 8 }), fc.boolean(), fc.integer({ min: 1, max: 9 }), (cells, comma, chunk) => {
        const delimiter = comma ? ';' : '\t';
        const text = cells.map((c) => c.replaceAll(delimiter, '')).join(delimiter) + '\n';
        for (const { scanned, builder } of both(text, delimiter, comma, chunk)) {
          if (Number.isNaN(scanned)) continue;
          // read by the scanner: the builder, given the bytes, would have stored this very number
          expect(builder.codes === null || builder.codes[0] === -2).toBe(true);
          expect(Object.is(builder.numbers[0], scanned)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('reads the usual measurements itself and leaves codes, exponents and long numbers to the builder', () => {
    const fields = ['12.5', '-0.75', '0', '-0', '140', '0.001', '123456789012345', ' 7 ', '007', '1e3', '1234567890123456', '5.', '.5', '1.2.3', 'NA', ''];
    const scanned = both(fields.join(',') + '\n', ',', false).map((f) => f.scanned);
    expect(scanned.slice(0, 7)).toEqual([12.5, -0.75, 0, -0, 140, 0.001, 123456789012345]);
    expect(Object.is(scanned[3], -0)).toBe(true);
    for (const v of scanned.slice(7)) expect(v).toBeNaN(); // spaces around a number, too, are the builder's
    const comma = both('12,5;-0,75;1.5\n', ';', true).map((f) => f.scanned);
    expect(comma[0]).toBe(12.5);
    expect(comma[1]).toBe(-0.75);
    expect(comma[2]).toBeNaN(); // a point in a decimal-comma file: the builder reads it
  });
});
