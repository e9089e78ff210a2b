import { parseDecimal } from './number';
import { MISSING_TOKENS, MAX_MISSING_TOKEN_LENGTH } from './missing';

/** Codes in a builder's `codes`: ≥ 0 a dictionary entry, MISSING, or NUMBER (the value is in `numbers`). */
export const MISSING = -1;
export const NUMBER = -2;

/** Cells of at most this many ASCII bytes are looked up by their bytes, without decoding (see pushBytes). */
const SHORT_CELL = 6;
const EMPTY_IS_MISSING = MISSING_TOKENS.has('');

/**
 * Collects one column while the file streams in, without knowing its type yet: a numeric cell
 * goes into a growable Float64Array (no string made); any other text is coded through a
 * dictionary, allocated only when the first such cell arrives. Type inference decides later.
 */
export class ColumnBuilder {
  numbers: Float64Array;
  codes: Int32Array | null = null;
  readonly dictionary = new Map<string, number>();
  readonly levels: string[] = [];
  /** Short ASCII cells seen so far: key of their bytes → dictionary code, or MISSING for a missing-value token. */
  private readonly shortCells = new Map<number, number>();
  /** How many cells of each kind were seen. */
  count = 0;
  missing = 0;
  numeric = 0;
  text = 0;

  constructor(
    readonly name: string,
    capacity: number,
  ) {
    this.numbers = new Float64Array(Math.max(16, capacity));
  }

  /**
   * Makes room for `capacity` cells at once (readTable's estimate of the file's rows from its first chunk), so
   * that a million-row column is not grown and copied ten times, with two copies alive at each step.
   */
  reserve(capacity: number): void {
    if (capacity <= this.numbers.length) return;
    const next = new Float64Array(capacity);
    next.set(this.numbers.subarray(0, this.count));
    this.numbers = next;
    if (this.codes) {
      const c = new Int32Array(capacity);
      c.set(this.codes.subarray(0, this.count));
      this.codes = c;
    }
  }

  private grow(): void {
    const size = this.numbers.length * 2;
    const next = new Float64Array(size);
    next.set(this.numbers);
    this.numbers = next;
    if (this.codes) {
      const c = new Int32Array(size);
      c.set(this.codes);
      this.codes = c;
    }
  }

  pushMissing(): void {
    if (this.count === this.numbers.length) this.grow();
    this.numbers[this.count] = NaN;
    if (this.codes) this.codes[this.count] = MISSING;
    this.count++;
    this.missing++;
  }

  /** A finite number the scanner read from a plain decimal field (never a code such as "007"). */
  pushNumber(v: number): void {
    if (this.count === this.numbers.length) this.grow();
    this.numbers[this.count] = v;
    if (this.codes) this.codes[this.count] = NUMBER;
    this.count++;
    this.numeric++;
  }

  /** A field of the file as bytes [start, end), already trimmed; `decode` turns bytes into text. */
  pushBytes(
    buf: Uint8Array,
    start: number,
    end: number,
    decimalComma: boolean,
    decode: (bytes: Uint8Array) => string,
  ): void {
    if (start === end && EMPTY_IS_MISSING) {
      this.pushMissing();
      return;
    }
    const v = parseDecimal(buf, start, end, decimalComma);
    if (v === v && v !== Infinity && v !== -Infinity && !isCodeLike(buf, start, end, v)) {
      this.pushNumber(v);
      return;
    }
    const len = end - start;
    if (len <= SHORT_CELL && len > 0) {
      // a short ASCII cell (a sex or site code, "NA"): decoded and looked up once per distinct spelling
      let key = 0;
      for (let i = end - 1; i >= start; i--) {
        const c = buf[i];
        if (c >= 0x80) {
          key = -1;
          break;
        }
        key = key * 257 + c + 1; // digits 1…128 in base 257: distinct byte strings get distinct keys < 2^53
      }
      if (key >= 0) {
        const code = this.shortCells.get(key);
        if (code === undefined) {
          this.pushText(decode(buf.subarray(start, end)));
          this.shortCells.set(key, this.codes && this.codes[this.count - 1] >= 0 ? this.codes[this.count - 1] : MISSING);
        } else if (code === MISSING) this.pushMissing();
        else this.pushCode(code);
        return;
      }
    }
    const text = decode(buf.subarray(start, end));
    this.pushText(text);
  }

  /** A cell whose text is already in the dictionary as `code`. */
  private pushCode(code: number): void {
    if (this.count === this.numbers.length) this.grow();
    if (!this.codes) this.startCodes();
    this.numbers[this.count] = NaN;
    (this.codes as Int32Array)[this.count] = code;
    this.count++;
    this.text++;
  }

  /** A cell that is not a finite number: a missing-value token, or text to code. */
  pushText(text: string): void {
    if (text.length <= MAX_MISSING_TOKEN_LENGTH && MISSING_TOKENS.has(text)) {
      this.pushMissing();
      return;
    }
    if (this.count === this.numbers.length) this.grow();
    if (!this.codes) this.startCodes();
    let code = this.dictionary.get(text);
    if (code === undefined) {
      code = this.levels.length;
      this.dictionary.set(text, code);
      this.levels.push(text);
    }
    this.numbers[this.count] = NaN;
    (this.codes as Int32Array)[this.count] = code;
    this.count++;
    this.text++;
  }

  private startCodes(): void {
    const codes = new Int32Array(this.numbers.length);
    for (let i = 0; i < this.count; i++) codes[i] = Number.isNaN(this.numbers[i]) ? MISSING : NUMBER;
    this.codes = codes;
  }
}

const ZERO = 0x30;
const NINE = 0x39;

/**
 * Digits that are a code, not a quantity: a leading zero ("007", a postal code "01234"), or an integer
 * beyond 2^53 that a double would round (an 18-digit resident identity number). Such cells are kept as
 * text; type inference turns them back into numbers when they are a minority in a measurement column.
 */
function isCodeLike(buf: Uint8Array, start: number, end: number, value: number): boolean {
  const len = end - start;
  if (len < 2) return false;
  if (buf[start] !== ZERO && value <= Number.MAX_SAFE_INTEGER) return false;
  for (let i = start; i < end; i++) if (buf[i] < ZERO || buf[i] > NINE) return false;
  return true;
}
