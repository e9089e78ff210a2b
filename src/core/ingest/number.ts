/**
 * Decimal numbers parsed straight from the file's bytes, without making a string per cell.
 * With at most 15 significant digits the integer mantissa m and 10^k (k ≤ 22) are exact
 * doubles, so m·10^k or m/10^k is one correctly rounded operation: the same double as
 * `Number(text)`. Longer or more extreme numbers fall back to `Number`.
 */
const POW10 = new Float64Array(23);
for (let k = 0, p = 1; k < 23; k++, p *= 10) POW10[k] = p;

const PLUS = 0x2b;
const MINUS = 0x2d;
const DOT = 0x2e;
const COMMA = 0x2c;
const ZERO = 0x30;
const NINE = 0x39;

/**
 * Parses bytes [start, end) (already trimmed) as a decimal number: optional sign, digits with an
 * optional decimal point (also ',' when `decimalComma`), optional exponent. Returns NaN when the
 * text is not such a number (words, missing-value tokens, hex, thousands separators); may return
 * ±Infinity for numbers beyond the double range (the caller decides what that means).
 */
export function parseDecimal(buf: Uint8Array, start: number, end: number, decimalComma: boolean): number {
  let i = start;
  if (i >= end) return NaN;
  let negative = false;
  let c = buf[i];
  if (c === PLUS || c === MINUS) {
    negative = c === MINUS;
    i++;
  }
  let mantissa = 0;
  let digits = 0; // significant digits accumulated in mantissa
  let dropped = 0; // integer digits beyond the accumulated ones (scale up)
  let fraction = 0; // fractional digits accumulated (scale down)
  let sawDigit = false;
  let exact = true;
  while (i < end && (c = buf[i]) >= ZERO && c <= NINE) {
    sawDigit = true;
    if (digits < 15) {
      if (mantissa !== 0 || c !== ZERO) {
        mantissa = mantissa * 10 + (c - ZERO);
        digits++;
      }
    } else {
      dropped++;
      exact = false;
    }
    i++;
  }
  if (i < end && (buf[i] === DOT || (decimalComma && buf[i] === COMMA))) {
    i++;
    while (i < end && (c = buf[i]) >= ZERO && c <= NINE) {
      sawDigit = true;
      if (digits < 15) {
        mantissa = mantissa * 10 + (c - ZERO);
        if (mantissa !== 0) digits++;
        fraction++;
      } else exact = false;
      i++;
    }
  }
  if (!sawDigit) return NaN;
  let exponent = 0;
  if (i < end && (buf[i] === 0x65 || buf[i] === 0x45)) {
    i++;
    let expNegative = false;
    if (i < end && (buf[i] === PLUS || buf[i] === MINUS)) {
      expNegative = buf[i] === MINUS;
      i++;
    }
    const expStart = i;
    while (i < end && (c = buf[i]) >= ZERO && c <= NINE) {
      if (exponent < 100000) exponent = exponent * 10 + (c - ZERO);
      i++;
    }
    if (i === expStart) return NaN;
    if (expNegative) exponent = -exponent;
  }
  if (i !== end) return NaN;
  const scale = exponent + dropped - fraction;
  let value: number;
  if (exact && scale === 0) value = mantissa;
  else if (exact && scale > 0 && scale <= 22) value = mantissa * POW10[scale];
  else if (exact && scale < 0 && scale >= -22) value = mantissa / POW10[-scale];
  else if (mantissa === 0) value = 0;
  else return slowParse(buf, start, end, decimalComma);
  return negative ? -value : value;
}

/** The bytes are known to form a valid decimal here; `Number` rounds long mantissas correctly. */
function slowParse(buf: Uint8Array, start: number, end: number, decimalComma: boolean): number {
  let s = '';
  for (let i = start; i < end; i++) {
    const c = buf[i];
    s += decimalComma && c === COMMA ? '.' : String.fromCharCode(c);
  }
  return Number(s);
}
