/**
 * Text that means "no value" in hospital and statistics exports: the tokens pandas' read_csv
 * treats as missing, plus those seen in clinical extracts ('?', '-', '.'). Compared after trimming.
 */
export const MISSING_TOKENS: ReadonlySet<string> = new Set([
  '',
  'NA',
  'N/A',
  'n/a',
  'na',
  'NULL',
  'null',
  'Null',
  'NaN',
  'nan',
  'NAN',
  '-NaN',
  '-nan',
  'None',
  'none',
  '<NA>',
  '#N/A',
  '#N/A N/A',
  '#NA',
  '-1.#IND',
  '-1.#QNAN',
  '1.#IND',
  '1.#QNAN',
  '?',
  '-',
  '.',
]);

export const MAX_MISSING_TOKEN_LENGTH = 8;
