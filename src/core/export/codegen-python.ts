/**
 * What the two code exporters share (codegen-sklearn.ts, codegen-pyspark.ts): the run as input, Python
 * literals, the docstring, the settings block (file, columns, fitted levels, note terms, split, patient
 * key) and the helpers that read cells as the app does (and the notes' analyzer, note_terms). Each
 * model's own step is in its folder (models/kinds).
 */
import { MISSING_TOKENS } from '../ingest/missing';
import { MIN_LEVEL_PATIENTS, type FittedPrep } from '../prep/pipeline';
import { DEFAULT_MAX_TERMS, type TextTransform } from '../text/tfidf';
import { noteTermsPython } from '../text/python';
import { DEFAULT_TEXT_OPTIONS, type TrainSetup } from '../prep/setup';
import { modelDefinition } from '../models/registry';
import { foldsForFraction } from '../prep/group-split';
import { pyAssignList, pyFloat, pyList, pyStr } from './python-literals';

export { pyAssignList, pyFloat, pyStr } from './python-literals';

export interface CodegenInput {
  fileName: string;
  /** As detected by ingest/detect-encoding.ts: utf-8, utf-16le, utf-16be, gb18030, windows-1252. */
  encoding: string;
  delimiter: string;
  decimalComma: boolean;
  setup: TrainSetup;
  fitted: FittedPrep;
  /** Whether the patient key column holds numbers (its patients are then ordered numerically, else as text). */
  patientKeyNumeric?: boolean;
  /** The recalibration of the model in use, if any (the script's external evaluation applies it). */
  recalibration?: { intercept: number; slope: number; method: string; rows: number } | null;
  appVersion: string;
  results: { testAccuracy: number; auc: number; coefficients?: number[]; intercept?: number };
}

/** Python's codec for the app's encoding name (utf-8-sig also skips a byte-order mark). */
export function pythonEncoding(encoding: string): string {
  const names: Record<string, string> = { 'utf-8': 'utf-8-sig', 'utf-16le': 'utf-16-le', 'utf-16be': 'utf-16-be', 'windows-1252': 'cp1252' };
  return names[encoding.toLowerCase()] ?? encoding.toLowerCase();
}

/**
 * The feature columns, split into numeric ones and categorical ones with their fitted (frequent)
 * training levels; `pooled`: the categorical columns whose rarer levels the app pooled into "(other)".
 */
export function featureColumns(fitted: FittedPrep): { all: string[]; numeric: string[]; categorical: [string, string[]][]; pooled: string[]; text: TextTransform[] } {
  const numeric: string[] = [];
  const categorical: [string, string[]][] = [];
  const pooled: string[] = [];
  const text: TextTransform[] = [];
  for (const t of fitted.transforms) {
    if (t.kind === 'numeric') numeric.push(t.column);
    else if (t.kind === 'text') text.push(t);
    else {
      categorical.push([t.column, t.levels]);
      if (t.other) pooled.push(t.column);
    }
  }
  return { all: fitted.transforms.map((t) => t.column), numeric, categorical, pooled, text };
}

/** The docstring's summary of the run (user text always quoted and escaped, so it cannot end the docstring). */
export function describeRun(input: CodegenInput, tools: string): string {
  const { setup, fitted, results } = input;
  const split = setup.split.kind === 'random'
    ? setup.patientKey
      ? `by patient (${pyStr(setup.patientKey)}), stratified: the first of ${foldsForFraction(setup.split.testFraction)} folds, seed ${setup.split.seed}`
      : `stratified random, ${+(setup.split.testFraction * 100).toPrecision(12)}% test, seed ${setup.split.seed}`
    : `by column ${pyStr(setup.split.column)}: rows with ${pyStr(setup.split.trainValue)} train, all others test`;
  const missing = setup.missing === 'drop'
    ? 'rows with a missing feature value are left out'
    : `filled with the training rows' ${setup.missing === 'mode' ? 'most frequent value' : setup.missing}` +
      '\n              (categories: the most frequent level)';
  const intercept = results.intercept === undefined ? '' : `,\n    intercept ${results.intercept}`;
  const { text } = featureColumns(fitted);
  const notes = text.length === 0 ? [] : [
    `    Notes:    ${text.map((t) => `${pyStr(t.column)} (${t.terms.length} terms)`).join(', ')}: TF-IDF of the words and Han characters`,
    `              written in the notes of at least ${MIN_LEVEL_PATIENTS} patients of the training rows (the ${noteOptions(setup).maxTerms} most`,
    '              frequent at most), divided by their training SD, not centred; a name or number',
    '              written for fewer patients is in no input and not in this script.',
  ];
  return [
    `"""Repeats a Clinical ML Workbench run with ${tools}.`,
    '',
    `Exported by Clinical ML Workbench ${input.appVersion} from ${pyStr(input.fileName)}.`,
    `    Outcome:  ${pyStr(setup.outcome)}, event (y = 1) = ${pyStr(setup.positiveClass)}`,
    `    Features: ${fitted.transforms.length} columns -> ${fitted.features.length} model inputs ` +
      '(z-scores on the training rows)',
    ...notes,
    `    Missing:  ${missing}`,
    `    Split:    ${split}`,
    `    Model:    ${modelDefinition(setup.model.kind).python.describe(setup.model)}`,
    'The app reported on the test rows:',
    `    accuracy ${results.testAccuracy}, ROC AUC ${results.auc}${intercept}.`,
    '',
    'Prints one JSON line: {"accuracy", "auc", "coefficients", "intercept", "n_train", "n_test"}; the',
    'coefficients are per training standard deviation of each input, as the app shows them.',
    '"""',
  ].join('\n');
}

/** The settings block: how to read the file, which columns play which part. */
export function settingsBlock(input: CodegenInput, encoding: string): string {
  const { setup, fitted } = input;
  const cols = featureColumns(fitted);
  const categorical = cols.categorical.length === 0
    ? 'CATEGORICAL = {}'
    : `CATEGORICAL = {\n${cols.categorical.map(([c, levels]) => `    ${pyStr(c)}: [${levels.map(pyStr).join(', ')}],`).join('\n')}\n}`;
  const key = setup.patientKey ?? null;
  const split = setup.split.kind === 'random'
    ? `TEST_FRACTION = ${pyFloat(setup.split.testFraction)}\nSPLIT_SEED = ${setup.split.seed}`
    : `SPLIT_COLUMN = ${pyStr(setup.split.column)}\nTRAIN_VALUE = ${pyStr(setup.split.trainValue)}  # rows with this value train, the others test`;
  return [
    `FILE_NAME = ${pyStr(input.fileName)}`,
    `ENCODING = ${pyStr(encoding)}  # the app detected ${pyStr(input.encoding)}`,
    `DELIMITER = ${pyStr(input.delimiter)}`,
    `DECIMAL_COMMA = ${input.decimalComma ? 'True' : 'False'}  # True: numbers are written 1,5`,
    '# Cell texts the app reads as "no value" (after trimming spaces); so is any other',
    '# text in a numeric column.',
    pyAssignList('MISSING_TOKENS', Array.from(MISSING_TOKENS, pyStr)),
    '',
    `OUTCOME = ${pyStr(setup.outcome)}`,
    `POSITIVE_CLASS = ${pyStr(setup.positiveClass)}  # this value is the event (y = 1), all others y = 0`,
    `MISSING = ${pyStr(setup.missing)}  # "drop": rows with a missing feature are left out; else the imputation`,
    '# Feature columns in the app\'s order. Categorical ones with the levels of the training rows, sorted:',
    '# the first is the reference level, each other level gets a 0/1 input named "column=level".',
    pyAssignList('FEATURES', cols.all.map(pyStr)),
    pyAssignList('NUMERIC', cols.numeric.map(pyStr)),
    '# Levels seen for fewer than MIN_PATIENTS patients in the training rows are pooled into one',
    '# "(other)" input (last), so that no rare value is part of the model; CATEGORICAL lists only the',
    '# frequent ones (the app\'s), and POOLED the columns that had rare ones.',
    categorical,
    `MIN_PATIENTS = ${MIN_LEVEL_PATIENTS}`,
    pyAssignList('POOLED', cols.pooled.map(pyStr)),
    ...(cols.text.length === 0 ? [] : [notesSettings(setup, cols.text)]),
    `PATIENT_KEY = ${key === null ? 'None' : pyStr(key)}  # the column naming the patient${key === null ? ' (none: each row is a patient)' : ': its rows stay on one side'}`,
    ...(key === null ? [] : [`PATIENT_KEY_NUMERIC = ${input.patientKeyNumeric ? 'True' : 'False'}  # the app read it as ${input.patientKeyNumeric ? 'numbers' : 'text'}: its sort order`]),
    pyAssignList('INPUT_NAMES', fitted.features.map((f) => pyStr(f.name))),
    split,
    `USED = [OUTCOME, *FEATURES${setup.split.kind === 'column' ? ', SPLIT_COLUMN' : ''}${key === null ? '' : ', PATIENT_KEY'}]  # the columns read`,
    `SEED = ${setup.seed}  # gradient-descent shuffles and network weights`,
  ].join('\n');
}

/** The note columns' options as the pipeline applies them (text/tfidf.ts: a NaN falls back to the default). */
function noteOptions(setup: TrainSetup): { maxTerms: number; sublinearTf: boolean } {
  const options = setup.text ?? DEFAULT_TEXT_OPTIONS;
  const maxTerms = Math.max(0, Math.floor(Number.isNaN(options.maxTerms) ? DEFAULT_MAX_TERMS : options.maxTerms));
  return { maxTerms, sublinearTf: options.sublinearTf };
}

/** The settings of the note columns: the app's terms and idf weights (to check the script's against), the options. */
function notesSettings(setup: TrainSetup, text: TextTransform[]): string {
  const { maxTerms, sublinearTf } = noteOptions(setup);
  const dict = (name: string, lists: string[][]): string =>
    `${name} = {\n${text.map((t, k) => pyList(`${pyStr(t.column)}: `, lists[k], '    ', ',')).join('\n')}\n}`;
  return [
    '# Note columns (free text, the last FEATURES): each term of NOTES[column] is a model input',
    '# "column:term", after all the others: its TF-IDF weight (TfidfVectorizer: smooth idf, each row of',
    '# unit length) divided by its training SD, not centred (StandardScaler(with_mean=False)). The terms:',
    '# those written in the notes of at least MIN_PATIENTS patients of the training rows, of them the',
    '# MAX_TERMS most frequent (total count; ties by code point), sorted by code point. The script finds',
    '# them again in the training rows and stops if they differ. A missing note is an empty one: no',
    '# terms, never a missing value.',
    dict('NOTES', text.map((t) => t.terms.map(pyStr))),
    '# the app\'s idf weights of those terms, ln((1 + n) / (1 + df)) + 1 over the n training rows',
    dict('NOTE_IDF', text.map((t) => t.idf.map(pyFloat))),
    `MAX_TERMS = ${maxTerms}`,
    `SUBLINEAR_TF = ${sublinearTf ? 'True' : 'False'}  # True: a term written k times in a note weighs 1 + ln k, not k`,
    'DENSE = [c for c in FEATURES if c not in NOTES]  # the numeric and categorical columns',
  ].join('\n');
}

/** The note analyzer `note_terms(text)` (text/python.ts, the one Python copy of the app's tokenizer), without its `import re`. */
export function noteTermsSource(): string {
  const lines = noteTermsPython();
  if (lines[0] !== 'import re' || lines[1] !== '') throw new Error('noteTermsPython() no longer starts with "import re"');
  return lines.slice(2).join('\n');
}

/** JavaScript's String(number), the stripping of cells and the app's column names, in plain Python. */
export const PY_TEXT_HELPERS = String.raw`NUMBER_PATTERN = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"


def js_number_text(value):
    """JavaScript's String(number): the app writes a number found in a text column this way
    ("01" -> "1", "1.50" -> "1.5", "1e-7"): shortest round-trip digits, no trailing ".0"."""
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    mantissa, _, exponent = repr(abs(value)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    n = len(whole) + int(exponent or 0) - (len(whole + fraction) - len(digits))
    digits = digits.rstrip("0")
    k = len(digits)
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * -n + digits
    head = digits[0] + ("." + digits[1:] if k > 1 else "")
    return sign + head + "e" + ("+" if n > 1 else "-") + str(abs(n - 1))


def app_column_names(header):
    """The app's column names: trimmed; an empty name becomes "column N" and a repeated one
    gets " (2)", " (3)"... (pandas would write "Unnamed: N" and "name.1")."""
    names, taken, next_suffix = [], set(), {}
    for k, raw in enumerate(header):
        name = (raw or "").lstrip("\ufeff").strip() or f"column {k + 1}"
        if name in taken:
            i = next_suffix.get(name, 2)
            while f"{name} ({i})" in taken:
                i += 1
            next_suffix[name] = i + 1
            name = f"{name} ({i})"
        taken.add(name)
        names.append(name)
    return names`;


