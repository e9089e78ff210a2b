/**
 * A run exported as a standalone Python script (pandas + scikit-learn) that repeats it from the CSV:
 * the same cells read as missing, the same rows, split, imputation, one-hot levels, z-scores and model
 * settings, so a data scientist can check the app's numbers or rerun them elsewhere. The script
 * prints one JSON line: accuracy, AUC, coefficients by input name, intercept, n_train, n_test; with
 * --bootstrap B, the bootstrap's optimism correction (the app's draws); with --external F, the model's
 * figures on another file; with --treatment COLUMN (--treatment-replicates B, --reference OPTION), the
 * treatment options compared by standardized risks over the test rows (core/treatment/cohort.ts).
 * Note columns (free text): the script finds the app's terms again in the training rows (written for at
 * least 5 patients, the most frequent kept) and stops unless they and their idf are the app's; their
 * TF-IDF (TfidfVectorizer with note_terms, text/python.ts) divided by the training SD follows the other
 * inputs in a scipy.sparse matrix. The bootstrap and the treatment intervals refit the terms per
 * replicate, as the app refits its whole pipeline. What it shares with the PySpark export is in
 * codegen-python.ts.
 */
import { modelDefinition } from '../models/registry';
import { describeRun, featureColumns, noteTermsSource, pyFloat, pythonEncoding, settingsBlock, PY_TEXT_HELPERS, type CodegenInput } from './codegen-python';

export type { CodegenInput } from './codegen-python';

const PY_PANDAS_READING = String.raw`def read_table(path, columns=USED):
    """The used columns as text, trimmed, with the app's missing-value tokens as NaN."""
    with open(path, encoding=ENCODING, newline="") as f:
        names = app_column_names(next(csv.reader(f, delimiter=DELIMITER), []))
    table = pd.read_csv(
        path, sep=DELIMITER, encoding=ENCODING, header=0, names=names, usecols=columns,
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

const PY_PATIENTS = String.raw`def patient_groups(cells):
    """Each row's patient as a number, in the key's sorted order (numbers numerically, text by code
    point, as the app and np.unique sort them); a row without a key is a patient of its own, after
    all the others (np.unique would put all of them into one group)."""
    if PATIENT_KEY_NUMERIC:
        key = to_number(cells)
    else:
        # the app keeps digit strings with a leading zero as written ("00123"); other numbers as JavaScript writes them
        numbers = to_number(cells)
        zero_led = cells.str.fullmatch(r"[+-]?0\d+", na=False)
        key = cells.where(numbers.isna() | zero_led, numbers.map(js_number_text, na_action="ignore"))
    codes, uniques = pd.factorize(key, sort=True)
    alone = codes < 0
    codes[alone] = len(uniques) + np.arange(alone.sum())
    return codes`;

const PY_ONE_HOT = String.raw`def fit_one_hot(column, train_values, train_groups, check=True):
    """scikit-learn's OneHotEncoder for one categorical column, fitted on the training rows; returns
    encode(values). The first frequent level is the reference; levels seen for fewer than MIN_PATIENTS
    patients are pooled into one last input, "(other)", which also takes levels the training rows never
    had. Without a patient key that is OneHotEncoder(min_frequency=...) itself (it counts rows); with one,
    the levels are counted in patients, and the pooled level is given to the encoder as a category."""
    seen = train_values.nunique()
    if PATIENT_KEY is None:
        encoder = OneHotEncoder(drop="first", min_frequency=MIN_PATIENTS,
                                handle_unknown="infrequent_if_exist", sparse_output=False)
        encoder.fit(train_values.to_frame())
        rare = set(encoder.infrequent_categories_[0]) if encoder.infrequent_categories_[0] is not None else set()
        frequent = [level for level in encoder.categories_[0] if level not in rare]
        pool = None
    else:
        patients = pd.Series(train_groups).groupby(train_values.to_numpy()).nunique()
        frequent = sorted(patients.index[patients >= MIN_PATIENTS])
        pool = frequent if len(frequent) < len(patients) else None
        encoder = OneHotEncoder(categories=[frequent + [OTHER] * (pool is not None)], drop="first",
                                handle_unknown="ignore", sparse_output=False)
        encoder.fit((train_values if pool is None else train_values.where(train_values.isin(pool), OTHER)).to_frame())
    # (a bootstrap replicate may well have other frequent levels: check=False, no warning)
    if check and (frequent != CATEGORICAL[column] or (len(frequent) < seen) != (column in POOLED)):
        print(f"warning: the frequent training levels of {column!r} differ from the app's", file=sys.stderr)

    def encode(values):
        return encoder.transform((values if pool is None else values.where(values.isin(pool), OTHER)).to_frame())
    return encode`;

const PY_PIPELINE = String.raw`def fit_pipeline(train, train_groups, check=True):
    """Fill values, one-hot levels and z-scores learned on these training rows only (none on test rows,
    none from the outcome); returns inputs(frame): the model's standardized inputs for any rows."""
    fill = fill_values(train)
    train = train.fillna(fill)
    encoders = {c: fit_one_hot(c, train[c], train_groups, check) for c in CATEGORICAL}

    def design(frame):
        frame = frame.fillna(fill)
        return np.hstack([encoders[c](frame[c]) if c in CATEGORICAL else frame[[c]].to_numpy(float) for c in FEATURES])
    # z-scores: mean and population std (ddof=0) of the training rows, as the app
    scaler = StandardScaler().fit(design(train))
    return lambda frame: scaler.transform(design(frame))`;

/**
 * The note columns (a run with notes): the vocabulary found again in the training rows by the app's
 * rule, then TfidfVectorizer with it; and fit_pipeline with the notes' TF-IDF inputs after the dense
 * ones, in a scipy.sparse matrix (nothing is densified).
 */
const PY_NOTES = String.raw`def fit_note_terms(column, notes, train_groups, check=True):
    """scikit-learn's TfidfVectorizer for one note column, fitted on the training rows; returns
    tfidf(values): their TF-IDF matrix (sparse, unscaled). The vocabulary is chosen by the app's rule,
    not TfidfVectorizer's (every term): the terms note_terms finds in the notes of at least MIN_PATIENTS
    patients (with a patient key; else rows) of the training rows, of them the MAX_TERMS with the
    highest total count (ties by code point), sorted by code point. So a name or a record number written
    for fewer patients never becomes an input. The idf weights are TfidfVectorizer's, learned from
    these rows: ln((1 + n) / (1 + df)) + 1. A missing note is an empty one: no terms."""
    notes = notes.fillna("")
    counter = CountVectorizer(analyzer=note_terms, lowercase=False, dtype=np.float64)
    try:
        counts = counter.fit_transform(notes).tocsc()
        found = counter.get_feature_names_out().tolist()
    except ValueError:  # no training note has a term
        counts, found = sparse.csc_matrix((len(notes), 0)), []
    present = (counts > 0).astype(np.float64)
    if PATIENT_KEY is None:
        # rows: one the bootstrap drew twice counts twice, as in the app
        reach = np.asarray(present.sum(axis=0)).ravel()
    else:
        # distinct patients (a row without a key is one of its own; drawn twice by a bootstrap replicate it
        # counts once here and twice in the app, as for the categorical levels)
        patient = pd.factorize(np.asarray(train_groups))[0]
        member = sparse.csr_matrix((np.ones(len(patient)), (patient, np.arange(len(patient)))))
        reach = np.asarray(((member @ present) > 0).sum(axis=0)).ravel()
    total = np.asarray(counts.sum(axis=0)).ravel()
    ranked = sorted(np.flatnonzero(reach >= MIN_PATIENTS), key=lambda j: (-total[j], found[j]))
    vocabulary = sorted(found[j] for j in ranked[:MAX_TERMS])
    # (a bootstrap replicate may well have other terms: check=False)
    if check and vocabulary != NOTES[column]:
        extra = len(set(vocabulary) - set(NOTES[column]))
        lost = len(set(NOTES[column]) - set(vocabulary))
        sys.exit(f"error: the terms of the note column {column!r} found in these training rows differ from "
                 f"the app's ({extra} not among the app's, {lost} of the app's not found): not the file or "
                 "the rows the app used; stopping")
    if not vocabulary:
        return lambda values: sparse.csr_matrix((len(values), 0))
    vectorizer = TfidfVectorizer(analyzer=note_terms, vocabulary=vocabulary, smooth_idf=True, norm="l2",
                                 sublinear_tf=SUBLINEAR_TF, lowercase=False, dtype=np.float64).fit(notes)
    if check and not np.allclose(vectorizer.idf_, NOTE_IDF[column], rtol=1e-12, atol=0):
        worst = np.max(np.abs(vectorizer.idf_ - NOTE_IDF[column]))
        sys.exit(f"error: the idf weights of the note column {column!r} differ from the app's (by up to "
                 f"{worst:.3g}): not the training rows the app used; stopping")
    return lambda values: vectorizer.transform(values.fillna(""))


def fit_pipeline(train, train_groups, check=True):
    """Fill values, one-hot levels, z-scores and the notes' terms learned on these training rows only
    (none on test rows, none from the outcome); returns inputs(frame): the model's inputs for any rows
    as a scipy.sparse CSR matrix: the standardized numeric and categorical inputs, then the note terms'
    TF-IDF divided by their training SD (population, zeros included), not centred, as the app."""
    fill = fill_values(train)
    train = train.fillna(fill)
    encoders = {c: fit_one_hot(c, train[c], train_groups, check) for c in CATEGORICAL}

    def design(frame):
        frame = frame.fillna(fill)
        return np.hstack([encoders[c](frame[c]) if c in CATEGORICAL else frame[[c]].to_numpy(float) for c in DENSE])
    # z-scores: mean and population std (ddof=0) of the training rows, as the app
    scaler = StandardScaler().fit(design(train)) if DENSE else None
    notes = {c: fit_note_terms(c, train[c], train_groups, check) for c in NOTES}

    def tfidf(frame):
        return sparse.hstack([notes[c](frame[c]) for c in NOTES], format="csr")
    # StandardScaler(with_mean=False): divided by the SD, not centred, so the terms stay sparse
    train_tfidf = tfidf(train)
    note_scaler = StandardScaler(with_mean=False).fit(train_tfidf) if train_tfidf.shape[1] else None

    def inputs(frame):
        blocks = [sparse.csr_matrix(scaler.transform(design(frame)))] if scaler else []
        blocks += [note_scaler.transform(tfidf(frame))] if note_scaler else []
        return sparse.hstack(blocks, format="csr")
    return inputs`;

/** The validation of the app, in numpy and scikit-learn: its metrics, the bootstrap with the same draws, another file. */
const PY_VALIDATION_ALL = String.raw`def logit(p):
    q = np.clip(p, 1e-15, 1 - 1e-15)
    return np.log(q / (1 - q))


def newton_logistic(y, offset, x=None, iterations=100):
    """Intercept (and slope of x) of logit P(y) = a [+ b x] + offset by Newton's method: the app's
    calibration-in-the-large (x = None, offset = logit p) and calibration slope (x = logit p)."""
    X = np.ones((len(y), 1)) if x is None else np.column_stack([np.ones(len(y)), x])
    beta = np.zeros(X.shape[1])
    for _ in range(iterations):
        mu = sigmoid(X @ beta + offset)
        step = np.linalg.solve(X.T @ (X * (mu * (1 - mu))[:, None]), X.T @ (y - mu))
        beta += step
        if np.max(np.abs(step)) < 1e-12:
            break
    return beta


def performance(y, score, risk):
    """AUC (of the ranking score), Brier score, calibration slope and calibration-in-the-large."""
    lp = logit(risk)
    return {"auc": roc_auc_score(y, score), "brier": float(np.mean((risk - y) ** 2)),
            "calibration-slope": newton_logistic(y, np.zeros(len(y)), lp)[1],
            "calibration-intercept": newton_logistic(y, lp)[0]}


def bootstrap(train, y_train, groups_train, replicates):
    """Harrell's optimism correction as the app: replicate b draws n indices into the training rows
    in file order (or, with a patient key, patients, each with all its rows) with
    np.random.RandomState(BOOTSTRAP_SEED).randint(0, n, size=n), one replicate after another; each
    refits the whole pipeline and the model on its replicate, scored on the replicate and on the
    original training rows. Corrected = apparent - mean optimism."""
    inputs = fit_pipeline(train, groups_train)
    apparent = performance(y_train, *fit_model(inputs(train), y_train)[2](inputs(train)))
    members = [np.flatnonzero(groups_train == g) for g in np.unique(groups_train)] if PATIENT_KEY else None
    units = len(members) if members else len(y_train)
    rng = np.random.RandomState(BOOTSTRAP_SEED)
    optimism = {m: [] for m in apparent}
    for _ in range(replicates):
        draw = rng.randint(0, units, size=units)
        rows = np.concatenate([members[g] for g in draw]) if members else draw
        y_b = y_train[rows]
        if y_b.min() == y_b.max():
            continue
        inputs_b = fit_pipeline(train.iloc[rows], groups_train[rows], check=False)
        predict = fit_model(inputs_b(train.iloc[rows]), y_b)[2]
        own, original = performance(y_b, *predict(inputs_b(train.iloc[rows]))), performance(y_train, *predict(inputs_b(train)))
        for m in apparent:
            optimism[m].append(own[m] - original[m])
    return {m: {"apparent": float(apparent[m]), "optimism": float(np.mean(optimism[m])),
                "corrected": float(apparent[m] - np.mean(optimism[m]))} for m in apparent}


def treatment_options(column, train, y_train, groups_train, test, groups_test, inputs, predict, replicates, reference=None):
    """Treatment options compared as the app does (g-computation, marginal standardization): the
    standardized risk under an option is the mean, over the test rows, of the model's risk with COLUMN
    set to that option (the other values as they are), recalibrated as the model in use. The options: a
    categorical column's frequent training levels ("(other)" is not one), or 0 and 1 for a 0/1 column.
    The 95% intervals: replicate b draws the training units, then the test units, with
    np.random.RandomState(BOOTSTRAP_SEED).randint(0, n, size=n) (patients with a patient key), refits the
    pipeline and the model on its training rows and standardizes over its test rows; the 2.5th and 97.5th
    percentiles of the replicates. The reference: REFERENCE, else the most common option in the training rows.
    For the app's warnings: each option's training rows and events, and the standardized mean difference
    of each numeric feature between its training rows and the others'.
    In observational data these are associations adjusted for the other features, not treatment effects."""
    if column in CATEGORICAL:
        values = names = list(CATEGORICAL[column])
        if len(values) < 2 or len(values) + (column in POOLED) > 10:
            sys.exit(f"{column!r} has {len(values)} frequent levels: a treatment needs 2 to 10 (\"(other)\" included)")
    elif column in NUMERIC and train[column].dropna().isin([0, 1]).all() and train[column].nunique() == 2:
        values, names = [0.0, 1.0], ["0", "1"]
    else:
        sys.exit(f"{column!r} is not a treatment: a categorical feature, or a 0/1 feature, of the model")
    counts = [int((train[column] == v).sum()) for v in values]
    ref = names.index(reference) if reference is not None else int(np.argmax(counts))

    def smd(x, y):
        """Standardized mean difference (sample variances), missing values left out; None if undefined."""
        x, y = x[~np.isnan(x)], y[~np.isnan(y)]
        if len(x) < 2 or len(y) < 2:
            return None
        sd = np.sqrt((x.var(ddof=1) + y.var(ddof=1)) / 2)
        return finite_or_none((x.mean() - y.mean()) / sd) if sd > 0 else (0.0 if x.mean() == y.mean() else None)

    # who had which option in the training rows: rows, events, and the balance of the numeric features
    had = train[column].notna().to_numpy()
    groups = {}
    for name, v in zip(names, values):
        mine = (train[column] == v).to_numpy()
        groups[name] = {"rows": int(mine.sum()), "events": int(y_train[mine].sum()), "smd": {
            c: smd(train[c].to_numpy(float)[mine], train[c].to_numpy(float)[had & ~mine]) for c in NUMERIC if c != column}}

    def standardized(inputs, predict, rows=None):
        out = []
        for v in values:
            frame = test.copy()
            frame[column] = v
            risk = predict(inputs(frame))[1]
            if RECALIBRATION is not None:
                risk = sigmoid(RECALIBRATION[0] + RECALIBRATION[1] * logit(risk))
            out.append(np.mean(risk if rows is None else risk[rows]))
        return np.array(out)

    def units(groups):
        return [np.flatnonzero(groups == g) for g in np.unique(groups)] if PATIENT_KEY else None

    members_train, members_test = units(groups_train), units(groups_test)
    n_train = len(members_train) if members_train else len(y_train)
    n_test = len(members_test) if members_test else len(test)
    rng = np.random.RandomState(BOOTSTRAP_SEED)
    draws, failed = [], 0
    for _ in range(replicates):
        draw_train, draw_test = rng.randint(0, n_train, size=n_train), rng.randint(0, n_test, size=n_test)
        rows = np.concatenate([members_train[g] for g in draw_train]) if members_train else draw_train
        rows_test = np.concatenate([members_test[g] for g in draw_test]) if members_test else draw_test
        y_b = y_train[rows]
        if y_b.min() == y_b.max():
            failed += 1
            continue
        inputs_b = fit_pipeline(train.iloc[rows], groups_train[rows], check=False)
        predict_b = fit_model(inputs_b(train.iloc[rows]), y_b)[2]
        draws.append(standardized(inputs_b, predict_b, rows_test))
    risks = standardized(inputs, predict)
    draws = np.array(draws).reshape(-1, len(values))

    def interval(value, samples):
        low, high = np.quantile(samples, [0.025, 0.975]) if len(samples) else (np.nan, np.nan)
        return {"value": float(value), "low": finite_or_none(low), "high": finite_or_none(high)}
    return {
        "column": column, "options": names, "reference": names[ref], "n_test": int(len(test)),
        "replicates": int(len(draws)), "failed": failed, "training": groups,
        "standardized": {names[k]: interval(risks[k], draws[:, k]) for k in range(len(values))},
        "difference": {names[k]: interval(risks[k] - risks[ref], draws[:, k] - draws[:, ref]) for k in range(len(values)) if k != ref},
    }


def external(path, inputs, predict):
    """The model on another file's patients (its rows with the outcome and every value the model needs):
    risks recalibrated as the model in use (RECALIBRATION), then the app's external figures."""
    table = read_table(path, [OUTCOME, *FEATURES])
    outcome = category_text(table[OUTCOME])
    frame = pd.DataFrame({c: to_number(table[c]) if c in NUMERIC else category_text(table[c]) for c in FEATURES})
    keep = outcome.notna() & (frame.notna().all(axis=1) if MISSING == "drop" else True)
    y = (outcome[keep] == POSITIVE_CLASS).to_numpy(dtype=int)
    score, risk = predict(inputs(frame[keep].reset_index(drop=True)))
    if RECALIBRATION is not None:
        risk = sigmoid(RECALIBRATION[0] + RECALIBRATION[1] * logit(risk))
    figures = performance(y, score, risk)
    return {"rows": int(len(y)), "events": int(y.sum()), "oe": float(y.sum() / risk.sum()), **{k: float(v) for k, v in figures.items()}}`;


/** The validation code; with note columns, a missing note leaves no row out (only DENSE columns must be present). */
const pyValidation = (notes: boolean): string =>
  notes ? PY_VALIDATION_ALL.replace('(frame.notna().all(axis=1) if', '(frame[DENSE].notna().all(axis=1) if') : PY_VALIDATION_ALL;

const indent = (code: string): string => code.split('\n').map((l) => (l ? `    ${l}` : l)).join('\n');

/** The fill values of the training rows (the app's imputation), as a function of the script. */
function fillValuesFunction(missing: 'drop' | 'mean' | 'median' | 'mode'): string {
  if (missing === 'drop') return 'def fill_values(train):\n    """No imputation: rows with a missing feature were left out."""\n    return {}';
  return [
    'def fill_values(train):',
    '    """Imputation learned on the training rows: the most frequent level of a category, and the',
    `    ${missing === 'mode' ? 'most frequent value' : missing} of a number (a column without values: 0)."""`,
    '    fill = {c: most_frequent(train[c]) for c in CATEGORICAL}',
    '    for c in NUMERIC:',
    `        value = ${missing === 'mode' ? 'most_frequent(train[c])' : `train[c].${missing}()`}`,
    '        fill[c] = 0.0 if np.isnan(value) else value',
    '    return fill',
  ].join('\n');
}

/** The whole script (see the file comment). */
export function sklearnScript(input: CodegenInput): string {
  const { setup } = input;
  const notes = featureColumns(input.fitted).text.length > 0;
  const model = modelDefinition(setup.model.kind).python.sklearn(setup.model, { sparse: notes });
  const key = setup.patientKey ?? null;
  const split = setup.split.kind === 'random'
    ? key === null
      ? [
        '# 2. Split: the app\'s stratified split is train_test_split\'s algorithm, draw for draw.',
        'rows = np.arange(len(y))',
        'train_rows, test_rows = train_test_split(',
        '    rows, test_size=TEST_FRACTION, random_state=SPLIT_SEED, stratify=y)',
        'train_rows, test_rows = np.sort(train_rows), np.sort(test_rows)',
      ]
      : [
        '# 2. Split by patient: each patient\'s rows on one side. The test rows are the first fold of',
        '# StratifiedGroupKFold with round(1 / TEST_FRACTION) folds, as in the app.',
        'folds = StratifiedGroupKFold(n_splits=max(2, round(1 / TEST_FRACTION)), shuffle=True, random_state=SPLIT_SEED)',
        'train_rows, test_rows = next(folds.split(np.zeros(len(y)), y, groups))',
        'train_rows, test_rows = np.sort(train_rows), np.sort(test_rows)',
      ]
    : [
      '# 2. Split by the cohort column: rows with TRAIN_VALUE train, all others test.',
      'is_train = (split_value[keep] == TRAIN_VALUE).to_numpy()',
      'train_rows, test_rows = np.flatnonzero(is_train), np.flatnonzero(~is_train)',
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
    ...(setup.missing === 'drop' ? [notes ? 'keep &= features[DENSE].notna().all(axis=1)  # a missing note is an empty one' : 'keep &= features.notna().all(axis=1)'] : []),
    'features = features[keep].reset_index(drop=True)',
    'y = (outcome[keep] == POSITIVE_CLASS).to_numpy(dtype=int)',
    ...(key === null ? ['groups = np.arange(len(y))  # no patient key: each row is a patient'] : ['groups = patient_groups(table[PATIENT_KEY])[keep.to_numpy()]']),
    '',
    ...split,
    'train, test = features.iloc[train_rows], features.iloc[test_rows]',
    'y_train, y_test = y[train_rows], y[test_rows]',
    '',
    notes
      ? '# 3. Imputation, one-hot levels, z-scores and the notes\' terms, learned on the training rows only.'
      : '# 3. Imputation, one-hot levels and z-scores, learned on the training rows only.',
    'inputs = fit_pipeline(train, groups[train_rows])',
    'Z_train, Z_test = inputs(train), inputs(test)',
    '',
    '# 4. The model.',
    'coef, intercept, predict = fit_model(Z_train, y_train)',
    'score, risk = predict(Z_test)',
    '',
    '# 5. Test-set results in the app\'s terms: an event is predicted when the risk is >= 0.5.',
    'results = {',
    '    "accuracy": float(np.mean((risk >= 0.5) == (y_test == 1))),',
    '    "auc": float(roc_auc_score(y_test, score)),',
    '    "coefficients": {name: finite_or_none(v) for name, v in zip(INPUT_NAMES, coef)},',
    '    "intercept": finite_or_none(intercept),',
    '    "n_train": int(len(y_train)),',
    '    "n_test": int(len(y_test)),',
    '}',
    '# 6. Validation, when asked: the bootstrap (same draws as the app) and another file.',
    'if replicates:',
    '    results["bootstrap"] = bootstrap(train, y_train, groups[train_rows], replicates)',
    'if external_path:',
    '    results["external"] = external(external_path, inputs, predict)',
    '# 7. Treatment options compared, when asked: standardized risks over the test rows, as the app.',
    'if treatment:',
    '    results["treatment"] = treatment_options(',
    '        treatment, train, y_train, groups[train_rows], test, groups[test_rows], inputs, predict, treatment_replicates, reference)',
    'print(json.dumps(results))',
  ].join('\n');
  const fromImports = [
    ...model.imports, 'from sklearn.metrics import roc_auc_score', 'from sklearn.preprocessing import OneHotEncoder, StandardScaler',
    'from scipy.special import expit as sigmoid',
    ...(notes ? ['from scipy import sparse', 'from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer'] : []),
    ...(setup.split.kind === 'random' && key === null ? ['from sklearn.model_selection import train_test_split'] : []),
    ...(setup.split.kind === 'random' && key !== null ? ['from sklearn.model_selection import StratifiedGroupKFold'] : []),
  ];
  const imports = ['import argparse', 'import csv', 'import json', ...(notes ? ['import re'] : []), 'import sys', '', 'import numpy as np', 'import pandas as pd', ...[...new Set(fromImports)].sort()].join('\n');
  const r = input.recalibration ?? null;
  const validationSettings = [
    `BOOTSTRAP_SEED = ${setup.split.kind === 'random' ? 'SPLIT_SEED' : 'SEED'}  # the bootstrap's generator: the split's seed, as the app`,
    r
      ? `RECALIBRATION = (${pyFloat(r.intercept)}, ${pyFloat(r.slope)})  # the model in use: logit p' = a + b logit p (${r.method}, on ${r.rows} rows)`
      : 'RECALIBRATION = None  # the model in use is the model as trained',
  ].join('\n');
  return [
    `#!/usr/bin/env python3\n${describeRun(input, 'pandas and scikit-learn')}\n\n${imports}`,
    `${settingsBlock(input, pythonEncoding(input.encoding))}\n${validationSettings}`,
    PY_TEXT_HELPERS,
    PY_PANDAS_READING,
    ...(key === null ? [] : [PY_PATIENTS]),
    `OTHER = "\\x00other"  # the pooled level: no cell of the file holds this text`,
    fillValuesFunction(setup.missing),
    PY_ONE_HOT,
    ...(notes ? [noteTermsSource(), PY_NOTES] : [PY_PIPELINE]),
    ...model.helpers,
    `def fit_model(Z_train, y_train):\n    """The model, fitted on the training inputs: its coefficients, intercept and predict(Z) -> (score, risk)."""\n${indent(model.body.join('\n'))}`,
    pyValidation(notes),
    'def finite_or_none(x):\n    return float(x) if x is not None and np.isfinite(x) else None',
    `def main(path, replicates=0, external_path=None, treatment=None, treatment_replicates=0, reference=None):\n${indent(main)}`,
    [
      'if __name__ == "__main__":',
      '    parser = argparse.ArgumentParser(description="Repeats a Clinical ML Workbench run.")',
      '    parser.add_argument("path", help=f"the data file ({FILE_NAME})")',
      '    parser.add_argument("--bootstrap", type=int, default=0, metavar="B", help="bootstrap replicates for the optimism correction")',
      '    parser.add_argument("--external", metavar="CSV", help="another file with the outcome, to validate the model on")',
      '    parser.add_argument("--treatment", metavar="COLUMN", help="a feature to compare the options of (standardized risks over the test rows)")',
      '    parser.add_argument("--treatment-replicates", type=int, default=0, metavar="B", help="bootstrap replicates for the intervals of --treatment")',
      '    parser.add_argument("--reference", metavar="OPTION", help="the option --treatment compares with (default: the most common)")',
      '    args = parser.parse_args()',
      '    main(args.path, args.bootstrap, args.external, args.treatment, args.treatment_replicates, args.reference)',
    ].join('\n'),
  ].join('\n\n\n') + '\n';
}
