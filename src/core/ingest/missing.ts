/**
 * Text that means "no value" in hospital and statistics exports: exactly the tokens pandas' read_csv
 * treats as missing by default, plus those seen in clinical extracts ('?', '-', '.'). Compared after
 * trimming. Lower-case 'none' or 'na' are NOT missing: "none" is a real answer (no symptoms).
 */
export const MISSING_TOKENS: ReadonlySet<string> = new Set([
  '',
  'NA',
  'N/A',
  'n/a',
  'NULL',
  'null',
  'NaN',
  'nan',
  '-NaN',
  '-nan',
  'None',
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
