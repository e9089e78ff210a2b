import Papa from 'papaparse';

export interface Dialect {
  delimiter: ',' | ';' | '\t' | '|';
  /** True when numbers are written with a decimal comma (1,5), as European exports in semicolon files do. */
  decimalComma: boolean;
}

const CANDIDATES = [',', ';', '\t', '|'] as const;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;
const DECIMAL_DOT = /^[+-]?\d*\.\d+$/;

/**
 * The delimiter (PapaParse's guess: the candidate that splits the first lines into the most
 * consistent number of fields, quotes respected), and whether numbers use a decimal comma
 * (only possible when the delimiter is not a comma).
 */
export function detectDialect(sampleText: string): Dialect {
  const lines = sampleText.length > 0 ? sampleText : '';
  const result = Papa.parse<string[]>(lines, { preview: 50, delimitersToGuess: [...CANDIDATES], skipEmptyLines: true });
  const guessed = result.meta.delimiter;
  const delimiter = (CANDIDATES as readonly string[]).includes(guessed) ? (guessed as Dialect['delimiter']) : ',';
  if (delimiter === ',') return { delimiter, decimalComma: false };
  let commas = 0;
  let dots = 0;
  for (const row of result.data.slice(1)) {
    for (const cell of row) {
      const t = cell.trim();
      if (DECIMAL_COMMA.test(t)) commas++;
      else if (DECIMAL_DOT.test(t)) dots++;
    }
  }
  return { delimiter, decimalComma: commas > 0 && commas >= dots };
}
