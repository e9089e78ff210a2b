/**
 * A run exported as a standalone Python script (pandas + scikit-learn) that repeats it from the CSV:
 * the same cells read as missing, the same rows, split, imputation, one-hot levels, z-scores and model
 * settings, so a data scientist can check the app's numbers or rerun them elsewhere. The script
 * prints one JSON line: accuracy, AUC, coefficients by input name, intercept, n_train, n_test.
 * Python literals and the parts shared with the PySpark export (codegen-pyspark.ts) live here too.
 */
import { MISSING_TOKENS } from '../ingest/missing';
import type { FittedPrep } from '../prep/pipeline';
import type { ModelSpec, TrainSetup } from '../prep/setup';

export interface CodegenInput {
  fileName: string;
  /** As detected by ingest/detect-encoding.ts: utf-8, utf-16le, utf-16be, gb18030, windows-1252. */
  encoding: string;
  delimiter: string;
  decimalComma: boolean;
  setup: TrainSetup;
  fitted: FittedPrep;
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

/** The feature columns, split into numeric ones and categorical ones with their fitted training levels. */
export function featureColumns(fitted: FittedPrep): { all: string[]; numeric: string[]; categorical: [string, string[]][] } {
  const numeric: string[] = [];
  const categorical: [string, string[]][] = [];
  for (const t of fitted.transforms) {
    if (t.kind === 'numeric') numeric.push(t.column);
    else categorical.push([t.column, t.levels]);
  }
  return { all: fitted.transforms.map((t) => t.column), numeric, categorical };
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
    ? `stratified random, ${+(setup.split.testFraction * 100).toPrecision(12)}% test, seed ${setup.split.seed}`
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
    categorical,
    pyAssignList('INPUT_NAMES', fitted.features.map((f) => pyStr(f.name))),
    split,
    `USED = [OUTCOME, *FEATURES${setup.split.kind === 'column' ? ', SPLIT_COLUMN' : ''}]  # the columns read`,
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

const PY_PANDAS_READING = String.raw`def read_table(path):
    """The used columns as text, trimmed, with the app's missing-value tokens as NaN."""
    with open(path, encoding=ENCODING, newline="") as f:
        names = app_column_names(next(csv.reader(f, delimiter=DELIMITER), []))
    table = pd.read_csv(
        path, sep=DELIMITER, encoding=ENCODING, header=0, names=names, usecols=USED,
        index_col=False, dtype=str, na_values=MISSING_TOKENS, keep_default_na=False,
    )
    # pandas matches na_values against the untrimmed cell; the app trims spaces first.
    table = table.apply(lambda column: column.str.strip(" \t"))
    return table.mask(table.isin(MISSING_TOKENS))


def to_number(text):
    """Numbers as the app parses them: plain decimals (with DECIMAL_COMMA, 1,5 too); else NaN."""
    if DECIMAL_COMMA:
        text = text.str.replace(",", ".", regex=False)
    is_number = text.str.fullmatch(NUMBER_PATTERN, na=False)
    values = text.where(is_number).astype(float)
    return values.where(np.isfinite(values))


def category_text(text):
    """Cells of a text column as the app holds them: numbers rewritten by js_number_text."""
    numbers = to_number(text)
    return text.where(numbers.isna(), numbers.map(js_number_text, na_action="ignore"))


def most_frequent(values):
    """The most frequent value, ties to the smallest (the app's and SimpleImputer's rule)."""
    counts = values.value_counts()
    return min(counts.index[counts == counts.max()]) if len(counts) else np.nan`;

const PY_DESIGN = String.raw`def design(frame):
    """Model inputs: numeric columns as they are, a 0/1 indicator per non-reference level
    (a level not seen in the training rows gets no indicator: all zeros, as the reference)."""
    blocks = []
    for column in FEATURES:
        if column in CATEGORICAL:
            levels = CATEGORICAL[column][1:]
            blocks += [(frame[column] == level).to_numpy(float) for level in levels]
        else:
            blocks.append(frame[column].to_numpy(float))
    return np.column_stack(blocks)`;

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

const PY_PLATT = String.raw`def fit_platt(decision, y):
    """Platt scaling as libsvm's sigmoid_train and the app: P(event) = 1 / (1 + exp(A f + B)) on the
    training decision values f, smoothed targets, Newton's method with backtracking."""
    prior1 = float(np.sum(y == 1))
    prior0 = len(y) - prior1
    target = np.where(y == 1, (prior1 + 1) / (prior1 + 2), 1 / (prior0 + 2))

    def cross_entropy(A, B):
        z = decision * A + B
        return np.sum(np.where(z >= 0, target, target - 1) * z + np.log1p(np.exp(-np.abs(z))))

    A, B = 0.0, np.log((prior0 + 1) / (prior1 + 1))
    value = cross_entropy(A, B)
    for _ in range(100):
        z = decision * A + B
        e = np.exp(-np.abs(z))
        p = np.where(z >= 0, e / (1 + e), 1 / (1 + e))
        q = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
        d2, d1 = p * q, target - p
        h11, h22, h21 = 1e-12 + np.sum(decision**2 * d2), 1e-12 + np.sum(d2), np.sum(decision * d2)
        g1, g2 = np.sum(decision * d1), np.sum(d1)
        if abs(g1) < 1e-5 and abs(g2) < 1e-5:
            break
        det = h11 * h22 - h21 * h21
        dA, dB = -(h22 * g1 - h21 * g2) / det, -(-h21 * g1 + h11 * g2) / det
        slope = g1 * dA + g2 * dB
        step = 1.0
        while step >= 1e-10:
            new = cross_entropy(A + step * dA, B + step * dB)
            if new < value + 1e-4 * step * slope:
                A, B, value = A + step * dA, B + step * dB, new
                break
            step /= 2
        if step < 1e-10:
            break
    return A, B`;

const PY_NETWORK = String.raw`def fit_network(Z, y, hidden, alpha, learning_rate, max_epochs, seed, patience=10, tol=1e-4):
    """The app's network: MLPClassifier (ReLU, Adam, Glorot start, batches of min(200, n)) trained
    one epoch at a time with partial_fit, with the app's early stopping: a stratified 10% of the
    training rows is held out (if each class has >= 2 rows), its log-loss is watched, and the best
    epoch's weights are kept. (MLPClassifier(early_stopping=True) watches the validation accuracy
    of another random 10% instead, and gives other numbers.)"""
    n, events = len(y), int(y.sum())
    held_out = int(np.ceil(0.1 * n))
    early = min(events, n - events) >= 2 and held_out >= 2 and n - held_out >= 2
    fit_rows, val_rows = np.arange(n), np.arange(0)
    if early:
        fit_rows, val_rows = train_test_split(
            fit_rows, test_size=0.1, random_state=seed, stratify=y)
        fit_rows, val_rows = np.sort(fit_rows), np.sort(val_rows)
    model = MLPClassifier(
        hidden_layer_sizes=hidden, activation="relu", solver="adam", alpha=alpha,
        batch_size=min(200, len(fit_rows)), learning_rate_init=learning_rate, max_iter=max_epochs,
        shuffle=False, random_state=seed,
    )
    # One random stream, as in the app: first the weights' draws (made by the first partial_fit
    # from RandomState(seed)), then each epoch's shuffle of the rows.
    units = [Z.shape[1], *hidden, 1]
    shuffles = np.random.RandomState(seed)
    shuffles.random_sample(sum(a * b + b for a, b in zip(units[:-1], units[1:])))
    best, best_weights, stale = np.inf, None, 0
    for _ in range(max_epochs):
        shuffles.shuffle(fit_rows)
        model.partial_fit(Z[fit_rows], y[fit_rows], classes=[0, 1])
        if early:
            p = model.predict_proba(Z[val_rows])[:, 1]
            monitored = -np.mean(np.log(np.where(y[val_rows] == 1, p, 1 - p)))
        else:
            monitored = model.loss_
        stale = 0 if monitored <= best - tol else stale + 1
        if monitored < best:
            best = monitored
            best_weights = [c.copy() for c in model.coefs_], [b.copy() for b in model.intercepts_]
        if stale > patience:
            break
    if early:
        model.coefs_, model.intercepts_ = best_weights
    return model`;

/** The model step of main(), indented: fits on Z_train and sets coef, intercept, score (ranks) and risk. */
function modelStep(m: ModelSpec): { imports: string[]; helpers: string[]; body: string } {
  switch (m.kind) {
    case 'logreg':
    case 'logreg-mle': {
      const args = m.kind === 'logreg' ? `C=${pyFloat(m.C)}` : 'penalty=None';
      const why = m.kind === 'logreg'
        ? ['# 1/2 ||w||^2 + C * sum of log-losses, the intercept not penalized: the app\'s objective.']
        : ['# Plain maximum likelihood (penalty=None needs scikit-learn >= 1.2), as the app\'s Newton-Raphson', '# (glm); the app leaves out constant and collinear inputs (NaN), scikit-learn keeps them.'];
      return {
        imports: ['from sklearn.linear_model import LogisticRegression'],
        helpers: [],
        body: [
          ...why,
          '# scikit-learn\'s default solver (lbfgs, tol=1e-4) stops early, ~1e-3 away from the optimum;',
          '# newton-cg with a tight tolerance reaches it, as the app does.',
          `model = LogisticRegression(${args}, solver="newton-cg", tol=1e-10, max_iter=10000)`,
          'model.fit(Z_train, y_train)',
          'coef, intercept = model.coef_[0], model.intercept_[0]',
          'score = risk = model.predict_proba(Z_test)[:, 1]',
        ].join('\n'),
      };
    }
    case 'svm':
      return {
        imports: ['from sklearn.svm import SVC'],
        helpers: [PY_PLATT],
        body: [
          '# libsvm, as the app: 1/2 ||w||^2 + C * sum of hinge losses, solved to a tight tolerance.',
          `model = SVC(kernel="linear", C=${pyFloat(m.C)}, tol=1e-8)`,
          'model.fit(Z_train, y_train)',
          'coef, intercept = model.coef_[0], model.intercept_[0]',
          'score = model.decision_function(Z_test)  # ranks the rows: the AUC uses it',
          '# Risks: Platt scaling fitted on the training decision values, as the app. SVC(probability=True)',
          '# would fit it on an internal random 5-fold cross-validation and give other risks.',
          'A, B = fit_platt(model.decision_function(Z_train), y_train)',
          'risk = sigmoid(-(A * score + B))',
        ].join('\n'),
      };
    case 'gd':
      return {
        imports: [],
        helpers: [PY_GRADIENT_DESCENT],
        body: [
          'coef, intercept = fit_gradient_descent(',
          `    Z_train, y_train, C=${pyFloat(m.C)}, learning_rate=${pyFloat(m.learningRate)}, epochs=${m.epochs},`,
          `    batch_size=${m.batchSize === null ? 'None' : `min(${m.batchSize}, len(y_train))`}, seed=SEED,`,
          ')',
          'score = risk = sigmoid(Z_test @ coef + intercept)',
        ].join('\n'),
      };
    case 'mlp':
      return {
        imports: ['from sklearn.neural_network import MLPClassifier'],
        helpers: [PY_NETWORK],
        body: [
          'model = fit_network(',
          `    Z_train, y_train, hidden=(${m.hidden.join(', ')},), alpha=${pyFloat(m.alpha)}, learning_rate=${pyFloat(m.learningRate)},`,
          `    max_epochs=${m.maxEpochs}, seed=SEED,`,
          ')',
          'coef, intercept = [], None  # a network has no coefficients',
          'score = risk = model.predict_proba(Z_test)[:, 1]',
        ].join('\n'),
      };
  }
}

const indent = (code: string): string => code.split('\n').map((l) => (l ? `    ${l}` : l)).join('\n');

/** The whole script (see the file comment). */
export function sklearnScript(input: CodegenInput): string {
  const { setup } = input;
  const model = modelStep(setup.model);
  const split = setup.split.kind === 'random'
    ? [
      '# 2. Split: the app\'s stratified split is train_test_split\'s algorithm, draw for draw.',
      'rows = np.arange(len(y))',
      'train_rows, test_rows = train_test_split(',
      '    rows, test_size=TEST_FRACTION, random_state=SPLIT_SEED, stratify=y)',
      'train_rows, test_rows = np.sort(train_rows), np.sort(test_rows)',
    ]
    : [
      '# 2. Split by the cohort column: rows with TRAIN_VALUE train, all others test.',
      'is_train = (split_value[keep] == TRAIN_VALUE).to_numpy()',
      'train_rows, test_rows = np.flatnonzero(is_train), np.flatnonzero(~is_train)',
    ];
  const impute = setup.missing === 'drop' ? [] : [
    '',
    '# 3. Imputation, learned on the training rows only (a column without values: 0).',
    'fill = {c: most_frequent(train[c]) for c in CATEGORICAL}',
    'for c in NUMERIC:',
    `    value = ${setup.missing === 'mode' ? 'most_frequent(train[c])' : `train[c].${setup.missing}()`}`,
    '    fill[c] = 0.0 if np.isnan(value) else value',
    'train, test = train.fillna(fill), test.fillna(fill)',
  ];
  const main = [
    'table = read_table(path)',
    '',
    '# 1. Rows: the outcome present' + (setup.split.kind === 'column' ? ', the split value present' : '') +
      (setup.missing === 'drop' ? ', every feature present.' : '.'),
    'outcome = category_text(table[OUTCOME])',
    'features = pd.DataFrame({',
    '    c: to_number(table[c]) if c in NUMERIC else category_text(table[c]) for c in FEATURES',
    '})',
    'keep = outcome.notna()',
    ...(setup.split.kind === 'column' ? ['split_value = category_text(table[SPLIT_COLUMN])', 'keep &= split_value.notna()'] : []),
    ...(setup.missing === 'drop' ? ['keep &= features.notna().all(axis=1)'] : []),
    'features = features[keep].reset_index(drop=True)',
    'y = (outcome[keep] == POSITIVE_CLASS).to_numpy(dtype=int)',
    '',
    ...split,
    'train, test = features.iloc[train_rows], features.iloc[test_rows]',
    'y_train, y_test = y[train_rows], y[test_rows]',
    'for c, levels in CATEGORICAL.items():',
    '    if sorted(train[c].dropna().unique()) != levels:',
    '        print(f"warning: training levels of {c!r} differ from the app\'s", file=sys.stderr)',
    ...impute,
    '',
    '# 4. Inputs and z-scores: mean and population std (ddof=0) of the training rows, as the app.',
    'X_train, X_test = design(train), design(test)',
    'scaler = StandardScaler().fit(X_train)',
    'Z_train, Z_test = scaler.transform(X_train), scaler.transform(X_test)',
    '',
    '# 5. The model.',
    model.body,
    '',
    '# 6. Test-set results in the app\'s terms: an event is predicted when the risk is >= 0.5.',
    'print(json.dumps({',
    '    "accuracy": float(np.mean((risk >= 0.5) == (y_test == 1))),',
    '    "auc": float(roc_auc_score(y_test, score)),',
    '    "coefficients": {name: finite_or_none(v) for name, v in zip(INPUT_NAMES, coef)},',
    '    "intercept": finite_or_none(intercept),',
    '    "n_train": int(len(y_train)),',
    '    "n_test": int(len(y_test)),',
    '}))',
  ].join('\n');
  const sklearn = [
    ...model.imports, 'from sklearn.metrics import roc_auc_score', 'from sklearn.preprocessing import StandardScaler',
    ...(setup.split.kind === 'random' || setup.model.kind === 'mlp' ? ['from sklearn.model_selection import train_test_split'] : []),
  ].sort();
  const imports = ['import csv', 'import json', 'import sys', '', 'import numpy as np', 'import pandas as pd',
    ...(setup.model.kind === 'svm' || setup.model.kind === 'gd' ? ['from scipy.special import expit as sigmoid'] : []),
    ...sklearn].join('\n');
  return [
    `#!/usr/bin/env python3\n${describeRun(input, 'pandas and scikit-learn')}\n\n${imports}`,
    settingsBlock(input, pythonEncoding(input.encoding)),
    PY_TEXT_HELPERS,
    PY_PANDAS_READING,
    PY_DESIGN,
    ...model.helpers,
    'def finite_or_none(x):\n    return float(x) if x is not None and np.isfinite(x) else None',
    `def main(path):\n${indent(main)}`,
    'if __name__ == "__main__":\n    if len(sys.argv) != 2:\n        sys.exit(f"usage: python3 {sys.argv[0]} path/to/{FILE_NAME}")\n    main(sys.argv[1])',
  ].join('\n\n\n') + '\n';
}
