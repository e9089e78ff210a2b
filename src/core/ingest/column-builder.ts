import { parseDecimal } from './number';
import { MISSING_TOKENS, MAX_MISSING_TOKEN_LENGTH } from './missing';

/** Codes in a builder's `codes`: ≥ 0 a dictionary entry, MISSING, or NUMBER (the value is in `numbers`). */
export const MISSING = -1;
export const NUMBER = -2;

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

  /** A field of the file as bytes [start, end), already trimmed; `decode` turns bytes into text. */
  pushBytes(
    buf: Uint8Array,
    start: number,
    end: number,
    decimalComma: boolean,
    decode: (bytes: Uint8Array) => string,
  ): void {
    const v = parseDecimal(buf, start, end, decimalComma);
    if (v === v && v !== Infinity && v !== -Infinity) {
      if (this.count === this.numbers.length) this.grow();
      this.numbers[this.count] = v;
      if (this.codes) this.codes[this.count] = NUMBER;
      this.count++;
      this.numeric++;
      return;
    }
    const text = decode(buf.subarray(start, end));
    this.pushText(text);
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
