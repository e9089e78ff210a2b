/**
 * An RFC 4180 CSV scanner over bytes, fed chunk by chunk. It finds records and fields without
 * decoding text (delimiters, quotes and line breaks are ASCII, and never occur inside a UTF-8,
 * GBK/GB18030 or Windows-1252 multi-byte character, except '|' as a GBK second byte: readTable
 * transcodes such files to UTF-8), and hands each complete record to a sink
 * as byte ranges. A record cut by a chunk's end is carried into the next chunk.
 *
 * Tolerated like spreadsheet exports produce them: CRLF, LF or lone CR line ends (mixed), quoted
 * fields holding delimiters, quotes ("") and line breaks, stray quotes inside unquoted fields
 * (kept literally), text after a closing quote (appended), an unterminated quote (the rest of
 * the file becomes that field; reported).
 */
export interface RecordSink {
  /**
   * One record: field k is `buf[starts[k], ends[k])`, trimmed of surrounding spaces; when
   * `quoted[k] === 2` the field holds escaped quotes ("") that the sink must unescape.
   * `line` is the 1-based line of the file on which the record starts (blank lines and line
   * breaks inside quoted fields counted), as a text editor shows it. `numbers[k]` is field k's value
   * when it is a plain decimal (see `plainNumber`), read while the field was scanned; NaN for any
   * other field, which the sink parses itself.
   */
  record(buf: Uint8Array, starts: Int32Array, ends: Int32Array, quoted: Uint8Array, count: number, line: number, numbers: Float64Array): void;
}

const QUOTE = 0x22;
const MINUS = 0x2d;
const ZERO = 0x30;
const POW10 = Float64Array.from({ length: 16 }, (_, k) => 10 ** k);
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

export class CsvScanner {
  private carry: Uint8Array = new Uint8Array(0);
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private quoted = new Uint8Array(64);
  private numbers = new Float64Array(64);
  /** True once a quote was left open at the end of the input. */
  unterminatedQuote = false;
  /** Number of records delivered so far (including the header). */
  records = 0;
  /** The line on which the next record starts. */
  private line = 1;

  /**
   * `decimalPoint`: the byte of a plain number's decimal separator ('.', or ',' in a file whose
   * numbers are written with decimal commas), or 0 to leave every number to the sink.
   */
  constructor(
    private readonly delimiter: number,
    private readonly sink: RecordSink,
    private readonly decimalPoint = 0x2e,
  ) {}

  /** Bytes of an incomplete record held back for the next chunk (rescanned with it). */
  get pending(): number {
    return this.carry.length;
  }

  push(chunk: Uint8Array, final: boolean): void {
    let buf: Uint8Array;
    if (this.carry.length === 0) buf = chunk;
    else {
      buf = new Uint8Array(this.carry.length + chunk.length);
      buf.set(this.carry, 0);
      buf.set(chunk, this.carry.length);
    }
    const consumed = this.scan(buf, final);
    this.carry = consumed < buf.length ? buf.slice(consumed) : new Uint8Array(0);
  }

  /** Scans complete records; returns how many bytes were consumed. */
  private scan(buf: Uint8Array, final: boolean): number {
    const n = buf.length;
    const delim = this.delimiter;
    const trimTab = delim !== TAB;
    const point = this.decimalPoint;
    let pos = 0;
    while (pos < n) {
      const recordStart = pos;
      let count = 0;
      let breaks = 0; // line breaks inside this record's quoted fields
      for (;;) {
        // one field starting at pos
        let s = pos;
        while (s < n && (buf[s] === SPACE || (trimTab && buf[s] === TAB))) s++;
        let fieldStart: number;
        let fieldEnd: number;
        let quoted = 0;
        let value = NaN;
        let i: number;
        if (s < n && buf[s] === QUOTE) {
          quoted = 1;
          i = s + 1;
          let closed = -1;
          while (i < n) {
            if (buf[i] === QUOTE) {
              if (i + 1 < n && buf[i + 1] === QUOTE) {
                quoted = 2;
                i += 2;
                continue;
              }
              if (i + 1 >= n && !final) break; // cannot tell "" from " at the chunk's end
              closed = i;
              i++;
              break;
            }
            if (buf[i] === LF || (buf[i] === CR && buf[i + 1] !== LF)) breaks++;
            i++;
          }
          if (closed < 0) {
            if (!final) return recordStart;
            this.unterminatedQuote = true;
            fieldStart = s + 1;
            fieldEnd = n;
            i = n;
          } else {
            fieldStart = s + 1;
            fieldEnd = closed;
            // text after the closing quote, up to the delimiter, is appended literally
            let j = i;
            while (j < n && buf[j] !== delim && buf[j] !== LF && buf[j] !== CR) j++;
            if (j === n && !final) return recordStart;
            let k = j;
            while (k > i && (buf[k - 1] === SPACE || (trimTab && buf[k - 1] === TAB))) k--;
            if (k > i) {
              fieldEnd = k;
              quoted = 3; // malformed: quote + trailing text; the sink takes bytes as they are
              fieldStart = s;
            }
            i = j;
          }
        } else {
          // the field's end, and on the way its value when it is a plain decimal: [-]digits[.digits], at most
          // 15 digits, no leading zero before another digit. Such a value is m or m / 10^f with m and 10^f exact,
          // one correctly rounded operation: the double parseDecimal gives (number.ts), without a second read.
          i = s;
          let m = 0;
          let digits = 0;
          let fraction = -1; // digits after the point; −1 before one
          let plain = s < n && (buf[s] !== ZERO || s + 1 >= n || buf[s + 1] - ZERO >>> 0 > 9);
          if (plain && buf[s] === MINUS) i++;
          while (i < n) {
            const c = buf[i];
            const d = (c - ZERO) >>> 0;
            if (d <= 9) {
              m = m * 10 + d;
              digits++;
              if (fraction >= 0) fraction++;
            } else if (c === delim || c === LF || c === CR) break;
            else if (c === point && fraction < 0) fraction = 0;
            else plain = false;
            i++;
          }
          if (i === n && !final) return recordStart;
          let e = i;
          while (e > s && (buf[e - 1] === SPACE || (trimTab && buf[e - 1] === TAB))) e--;
          fieldStart = s;
          fieldEnd = e;
          // (a trimmed space, a point with no digit after it, or a lone "-" is left to the sink)
          if (plain && e === i && digits > 0 && digits <= 15 && fraction !== 0 && buf[s] !== point && point !== 0) {
            const v = fraction > 0 ? m / POW10[fraction] : m;
            value = buf[s] === MINUS ? -v : v;
          }
        }
        this.addField(count++, fieldStart, fieldEnd, quoted, value);
        if (i >= n) {
          pos = n;
          break;
        }
        const c = buf[i];
        if (c === delim) {
          pos = i + 1;
          if (pos === n && final) {
            this.addField(count++, n, n, 0, NaN); // a trailing delimiter at the very end: one more empty field
            break;
          }
          continue;
        }
        // a line break ends the record
        if (c === CR) {
          if (i + 1 < n) pos = buf[i + 1] === LF ? i + 2 : i + 1;
          else if (final) pos = i + 1;
          else return recordStart; // a CR at the chunk's end may be the first half of CRLF
        } else pos = i + 1;
        break;
      }
      // the field loop only breaks out on a complete record (an incomplete one returns)
      this.emit(buf, count, this.line);
      this.line += breaks + 1;
    }
    return n;
  }

  private addField(k: number, start: number, end: number, quoted: number, value: number): void {
    if (k >= this.starts.length) {
      const size = this.starts.length * 2;
      const s = new Int32Array(size);
      s.set(this.starts);
      this.starts = s;
      const e = new Int32Array(size);
      e.set(this.ends);
      this.ends = e;
      const q = new Uint8Array(size);
      q.set(this.quoted);
      this.quoted = q;
      const v = new Float64Array(size);
      v.set(this.numbers);
      this.numbers = v;
    }
    this.starts[k] = start;
    this.ends[k] = end;
    this.quoted[k] = quoted;
    this.numbers[k] = value;
  }

  private emit(buf: Uint8Array, count: number, line: number): void {
    // a line holding nothing (or only spaces) is not a record
    if (count === 1 && this.quoted[0] === 0 && this.starts[0] === this.ends[0]) return;
    this.records++;
    this.sink.record(buf, this.starts, this.ends, this.quoted, count, line, this.numbers);
  }
}
