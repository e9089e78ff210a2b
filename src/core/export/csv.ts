/**
 * CSV writing for exports (RFC 4180), in chunks: a million rows never become one string; the
 * caller makes a Blob from the chunks (`new Blob([...csvChunks(...)])`, UTF-8).
 */

export type CsvCell = string | number | null | undefined;

export interface CsvOptions {
  /** Field separator (default ','). */
  delimiter?: ',' | ';' | '\t' | '|';
  /** Start with a byte-order mark, so that Excel reads the file as UTF-8 (Chinese text); default false. */
  bom?: boolean;
  /** Record separator: RFC 4180 says CRLF (the default). */
  newline?: '\r\n' | '\n';
  /** Rows per chunk (default 2,000). */
  chunkRows?: number;
}

/** A finite decimal number as text ("-2.5", "-0", "1e-3"): written as is, it is data, not a formula. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
// OWASP "CSV Injection": cells starting with = + - @ TAB CR are run as formulas by spreadsheets; so are
// they after leading spaces (Excel and LibreOffice skip them), and after a line feed. The fullwidth
// signs ＝ ＋ － ＠, which a Chinese or Japanese input method types, are read as formulas too.
const FORMULA_START = /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n]/;

/** A text cell made inert for spreadsheets: prefixed with ' when it would start a formula (OWASP CSV injection). */
export function neutralizeFormula(text: string): string {
  if (!FORMULA_START.test(text)) return text;
  if (DECIMAL.test(text) && Number.isFinite(Number(text))) return text;
  return `'${text}`;
}

/** One field: numbers as they are (non-finite ones as empty), text neutralized then quoted when needed. */
export function csvField(value: CsvCell, delimiter: string = ','): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = neutralizeFormula(value);
  // RFC 4180 §2.6–2.7: fields with the delimiter, quotes or line breaks are quoted, quotes doubled;
  // leading or trailing spaces are quoted too, so that readers that trim keep them
  const quote =
    text.includes(delimiter) || text.includes('"') || text.includes('\n') || text.includes('\r') || text !== text.trim();
  return quote ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The CSV text in chunks of `chunkRows` rows, the header (and BOM) first. `cell(row, col)` gives
 * each value; it is called row by row, so it can read straight from columnar storage.
 */
export function* csvChunks(
  header: readonly string[],
  rowCount: number,
  cell: (row: number, col: number) => CsvCell,
  options: CsvOptions = {},
): Generator<string, void, undefined> {
  const delimiter = options.delimiter ?? ',';
  const newline = options.newline ?? '\r\n';
  const chunkRows = Math.max(1, Math.floor(options.chunkRows ?? 2000));
  const width = header.length;
  const head = header.map((h) => csvField(h, delimiter)).join(delimiter) + newline;
  yield options.bom ? `\uFEFF${head}` : head;
  const lines: string[] = [];
  const fields = new Array<string>(width);
  for (let row = 0; row < rowCount; row++) {
    for (let col = 0; col < width; col++) fields[col] = csvField(cell(row, col), delimiter);
    // a one-column row with an empty cell would be a blank line, which readers skip: quote it
    lines.push(width === 1 && fields[0] === '' ? '""' : fields.join(delimiter));
    if (lines.length === chunkRows || row === rowCount - 1) {
      yield lines.join(newline) + newline;
      lines.length = 0;
    }
  }
}

/** The whole CSV as one string: for tests and small tables only. */
export function csvText(header: readonly string[], rowCount: number, cell: (row: number, col: number) => CsvCell, options: CsvOptions = {}): string {
  return [...csvChunks(header, rowCount, cell, options)].join('');
}
