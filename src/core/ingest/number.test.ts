import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseDecimal } from './number';

const encoder = new TextEncoder();

/** Parses `text` placed in the middle of other bytes, so that the [start, end) bounds are honoured. */
function parse(text: string, decimalComma = false): number {
  const bytes = encoder.encode(`9${text}9`);
  return parseDecimal(bytes, 1, bytes.length - 1, decimalComma);
}

const digits = (maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength });

/** Decimal literals as exports write them: sign, leading zeros, `.5`, `5.`, up to 20 digits a side, exponents. */
const decimalText: fc.Arbitrary<string> = fc
  .record({
    sign: fc.constantFrom('', '+', '-'),
    whole: digits(20),
    fraction: fc.option(digits(20), { nil: undefined }),
    exponent: fc.option(
      fc.record({ e: fc.constantFrom('e', 'E'), sign: fc.constantFrom('', '+', '-'), digits: fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 4 }) }),
      { nil: undefined },
    ),
  })
  .filter((r) => r.whole.length + (r.fraction?.length ?? 0) > 0)
  .map((r) => {
    const fraction = r.fraction === undefined ? '' : `.${r.fraction}`;
    const exponent = r.exponent === undefined ? '' : `${r.exponent.e}${r.exponent.sign}${r.exponent.digits}`;
    return `${r.sign}${r.whole}${fraction}${exponent}`;
  });

describe('parseDecimal agrees with Number(text) bit for bit', () => {
  it('on random decimal literals (integers, long mantissas, exponents, signs, leading zeros)', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        expect(Object.is(parse(text), Number(text)), text).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('on the shortest text of random doubles', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = String(x); // '0' for -0
        expect(Object.is(parse(text), Number(text)), text).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('on random integers', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 53), max: 2 ** 53 }), (x) => {
        expect(parse(String(x))).toBe(x);
      }),
    );
  });

  it.each([
    '0', '-0', '+0', '007', '.5', '5.', '-.5', '+5.', '0.1', '0.30000000000000004', '123456789012345',
    '1234567890123456789', '9007199254740993', '12345678901234567890.12345678901234567890', '1e22', '1e23',
    '1.7976931348623157e308', '5e-324', '2.2250738585072014e-308', '1e-400', '-1e-400', '0e999999', '1E+5',
    '0.000000000000000000000000001', '100000000000000000000000', '4.35', '0.1e1', '1.5e-7',
  ])('%s', (text) => {
    expect(Object.is(parse(text), Number(text))).toBe(true);
  });
});

describe('parseDecimal rejects what is not a plain decimal', () => {
  it.each([
    'abc', 'NA', 'NaN', 'nan', '0x1F', '0b101', '0o17', '1,234.5', '1 234', '١٢٣', '', '-', '+', '.', '-.', 'e5',
    '.e5', '1e', '1e+', '1e-', '1.2.3', '--1', '+-1', 'Infinity', '-Infinity', 'inf', '1_000', '12abc', '<0.1',
    '5%', '1/2', '12:30', '2023-01-05', '1d', '1f',
  ])('%j is NaN', (text) => {
    expect(parse(text)).toBeNaN();
  });

  it('returns ±Infinity beyond the double range, for the caller to judge', () => {
    expect(parse('1e400')).toBe(Infinity);
    expect(parse('-1e400')).toBe(-Infinity);
    expect(parse('1' + '0'.repeat(400))).toBe(Infinity);
    expect(parse('1e308')).toBe(1e308);
  });
});

describe('parseDecimal with a decimal comma', () => {
  it('reads 1,5 as 1.5 only when asked to', () => {
    expect(parse('1,5', true)).toBe(1.5);
    expect(parse('-2,25', true)).toBe(-2.25);
    expect(parse('1,5')).toBeNaN();
    expect(parse('2,25')).toBeNaN();
  });

  it('still reads a decimal point, and plain integers', () => {
    expect(parse('1.5', true)).toBe(1.5);
    expect(parse('42', true)).toBe(42);
  });

  it('rejects two separators', () => {
    expect(parse('1,234,5', true)).toBeNaN();
    expect(parse('1.234,5', true)).toBeNaN();
  });

  it('agrees with Number on the dotted text, long mantissas included', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        expect(Object.is(parse(text.replace('.', ','), true), Number(text)), text).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
