/**
 * What the two code exporters share (codegen-sklearn.ts, codegen-pyspark.ts): the run as input, Python
 * literals, the docstring, the settings block (file, columns, fitted levels, split, patient key) and the
 * helpers that read cells as the app does, and the app's gradient-descent rule.
 */
import { MISSING_TOKENS } from '../ingest/missing';
import { MIN_LEVEL_PATIENTS, type FittedPrep } from '../prep/pipeline';
import type { ModelSpec, TrainSetup } from '../prep/setup';
import { foldsForFraction } from '../prep/group-split';

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
  appVersion: string;
  results: { testAccuracy: number; auc: number; coefficients?: number[]; intercept?: number };
}

/** A Python string literal: JSON's escapes (\" \\ \n \uXXXX) mean the same in Python, and it never spans lines. */
export const pyStr = (s: string): string => JSON.stringify(s);

/** A Python float literal that reads back as the same double. */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return 'float("nan")';
  if (!Number.isFinite(x)) return x > 0 ? 'float("inf")' : '-float("inf")';
  const s = String(x);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** `NAME = [a, b, …]`, on one line when it fits in 88 columns, else packed over indented lines. */
export function pyAssignList(name: string, items: string[]): string {
  const one = `${name} = [${items.join(', ')}]`;
  if (one.length <= 88) return one;
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    if (line && 4 + line.length + 1 + item.length + 1 > 88) {
      lines.push(line);
      line = '';
    }
    line += (line ? ' ' : '') + item + ',';
  }
  lines.push(line);
  return `${name} = [\n${lines.map((l) => `    ${l}`).join('\n')}\n]`;
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
export function featureColumns(fitted: FittedPrep): { all: string[]; numeric: string[]; categorical: [string, string[]][]; pooled: string[] } {
  const numeric: string[] = [];
  const categorical: [string, string[]][] = [];
  const pooled: string[] = [];
  for (const t of fitted.transforms) {
    if (t.kind === 'numeric') numeric.push(t.column);
    else {
      categorical.push([t.column, t.levels]);
      if (t.other) pooled.push(t.column);
    }
  }
  return { all: fitted.transforms.map((t) => t.column), numeric, categorical, pooled };
}

/** The model's name and its settings, for the docstring. */
function modelText(m: ModelSpec): string {
  switch (m.kind) {
    case 'logreg':
      return `L2-penalized logistic regression, C = ${m.C}`;
    case 'logreg-mle':
      return 'unpenalized logistic regression (maximum likelihood)';
    case 'svm':
      return `linear SVM, C = ${m.C}, risks by Platt scaling`;
    case 'gd':
      return `logistic regression by gradient descent,\n              C = ${m.C}, learning rate ${m.learningRate}, ` +
        `${m.epochs} epochs, ${m.batchSize === null ? 'full batch' : `mini-batches of ${m.batchSize}`}`;
    case 'mlp':
      return `neural network, hidden layers (${m.hidden.join(', ')}),\n              alpha ${m.alpha}, ` +
        `Adam learning rate ${m.learningRate}, up to ${m.maxEpochs} epochs`;
  }
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
  return [
    `"""Repeats a Clinical ML Workbench run with ${tools}.`,
    '',
    `Exported by Clinical ML Workbench ${input.appVersion} from ${pyStr(input.fileName)}.`,
    `    Outcome:  ${pyStr(setup.outcome)}, event (y = 1) = ${pyStr(setup.positiveClass)}`,
    `    Features: ${fitted.transforms.length} columns -> ${fitted.features.length} model inputs ` +
      '(z-scores on the training rows)',
    `    Missing:  ${missing}`,
    `    Split:    ${split}`,
    `    Model:    ${modelText(setup.model)}`,
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
    `PATIENT_KEY = ${key === null ? 'None' : pyStr(key)}  # the column naming the patient${key === null ? ' (none: each row is a patient)' : ': its rows stay on one side'}`,
    ...(key === null ? [] : [`PATIENT_KEY_NUMERIC = ${input.patientKeyNumeric ? 'True' : 'False'}  # the app read it as ${input.patientKeyNumeric ? 'numbers' : 'text'}: its sort order`]),
    pyAssignList('INPUT_NAMES', fitted.features.map((f) => pyStr(f.name))),
    split,
    `USED = [OUTCOME, *FEATURES${setup.split.kind === 'column' ? ', SPLIT_COLUMN' : ''}${key === null ? '' : ', PATIENT_KEY'}]  # the columns read`,
    `SEED = ${setup.seed}  # gradient-descent shuffles and network weights`,
  ].join('\n');
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

export const PY_GRADIENT_DESCENT = String.raw`def fit_gradient_descent(Z, y, C, learning_rate, epochs, batch_size, seed, tol=1e-6):
    """Logistic regression by the app's plain rule (w, b) <- (w, b) - learning_rate * gradient.

    From w = 0, b = 0. J(w, b) = mean log-loss + ||w||^2 / (2 C n): logistic regression's
    objective divided by C n.
    Full batch: one step per epoch with the gradient on all rows. Mini-batches: each epoch shuffles
    the row order in place with np.random.RandomState(seed) (the app's MT19937 makes the same draws)
    and steps on consecutive batches; a batch's gradient is its mean log-loss gradient + w / (C n).
    Stops when max |gradient of J| <= tol after an epoch, or on divergence: J above 10 J(0, 0)
    (kept), or not finite (the previous point is kept).
    """
    n, p = Z.shape
    sign = 2.0 * y - 1.0

    def loss_and_gradient(w, b):
        margin = Z @ w + b
        residual = sigmoid(margin) - y
        loss = np.mean(np.logaddexp(0.0, -sign * margin)) + w @ w / (2 * C * n)
        gradient = np.append(Z.T @ residual / n + w / (C * n), residual.mean())
        return loss, np.max(np.abs(gradient)), gradient

    w, b = np.zeros(p), 0.0
    loss, largest, gradient = loss_and_gradient(w, b)
    limit = 10 * loss  # J(0, 0) = log 2
    rng = np.random.RandomState(seed)
    order = np.arange(n)
    for _ in range(epochs):
        if largest <= tol:
            break
        previous = (w, b)
        if batch_size is None:
            w, b = w - learning_rate * gradient[:p], b - learning_rate * gradient[p]
        else:
            rng.shuffle(order)
            for start in range(0, n, batch_size):
                rows = order[start:start + batch_size]
                residual = sigmoid(Z[rows] @ w + b) - y[rows]
                w, b = (w - learning_rate * (Z[rows].T @ residual / len(rows) + w / (C * n)),
                        b - learning_rate * residual.mean())
        loss, largest, gradient = loss_and_gradient(w, b)
        if not (np.isfinite(loss) and np.all(np.isfinite(w)) and np.isfinite(b)):
            w, b = previous
            break
        if loss > limit:
            break
    return w, b`;

