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
   * breaks inside quoted fields counted), as a text editor shows it.
   */
  record(buf: Uint8Array, starts: Int32Array, ends: Int32Array, quoted: Uint8Array, count: number, line: number): void;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

export class CsvScanner {
  private carry: Uint8Array = new Uint8Array(0);
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private quoted = new Uint8Array(64);
  /** True once a quote was left open at the end of the input. */
  unterminatedQuote = false;
  /** Number of records delivered so far (including the header). */
  records = 0;
  /** The line on which the next record starts. */
  private line = 1;

  constructor(
    private readonly delimiter: number,
    private readonly sink: RecordSink,
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
          i = s;
          while (i < n) {
            const c = buf[i];
            if (c === delim || c === LF || c === CR) break;
            i++;
          }
          if (i === n && !final) return recordStart;
          let e = i;
          while (e > s && (buf[e - 1] === SPACE || (trimTab && buf[e - 1] === TAB))) e--;
          fieldStart = s;
          fieldEnd = e;
        }
        this.addField(count++, fieldStart, fieldEnd, quoted);
        if (i >= n) {
          pos = n;
          break;
        }
        const c = buf[i];
        if (c === delim) {
          pos = i + 1;
          if (pos === n && final) {
            this.addField(count++, n, n, 0); // a trailing delimiter at the very end: one more empty field
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

  private addField(k: number, start: number, end: number, quoted: number): void {
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
    }
    this.starts[k] = start;
    this.ends[k] = end;
    this.quoted[k] = quoted;
  }

  private emit(buf: Uint8Array, count: number, line: number): void {
    // a line holding nothing (or only spaces) is not a record
    if (count === 1 && this.quoted[0] === 0 && this.starts[0] === this.ends[0]) return;
    this.records++;
    this.sink.record(buf, this.starts, this.ends, this.quoted, count, line);
  }
}
