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
export function detectDialect(sampleText: string, given?: Dialect['delimiter']): Dialect {
  const lines = sampleText.length > 0 ? sampleText : '';
  const result = Papa.parse<string[]>(lines, { preview: 50, ...(given ? { delimiter: given } : { delimitersToGuess: [...CANDIDATES] }), skipEmptyLines: true });
  const guessed = given ?? result.meta.delimiter;
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

/** Excel's "sep=;" first line names the delimiter (Excel writes it in some locales and reads it back). */
export function excelSeparatorLine(sampleText: string): { delimiter: Dialect['delimiter']; length: number } | null {
  const m = /^sep=([,;\t|])\r?\n/.exec(sampleText);
  return m ? { delimiter: m[1] as Dialect['delimiter'], length: m[0].length } : null;
}
