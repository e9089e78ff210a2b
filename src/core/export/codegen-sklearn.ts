/**
 * A run exported as a standalone Python script (pandas + scikit-learn) that repeats it from the CSV:
 * the same cells read as missing, the same rows, split, imputation, one-hot levels, z-scores and model
 * settings, so a data scientist can check the app's numbers or rerun them elsewhere. The script
 * prints one JSON line: accuracy, AUC, coefficients by input name, intercept, n_train, n_test.
 * What it shares with the PySpark export is in codegen-python.ts.
 */
import { modelDefinition } from '../models/registry';
import { describeRun, pythonEncoding, settingsBlock, PY_TEXT_HELPERS, type CodegenInput } from './codegen-python';

export type { CodegenInput } from './codegen-python';

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

const PY_ENCODING = String.raw`def one_hot(column, train_values, test_values, train_groups):
    """scikit-learn's OneHotEncoder for one categorical column, fitted on the training rows: the first
    frequent level is the reference; levels seen for fewer than MIN_PATIENTS patients are pooled into
    one last input, "(other)", which also takes levels the training rows never had. Without a patient
    key that is OneHotEncoder(min_frequency=...) itself (it counts rows); with one, the levels are
    counted in patients, and the pooled level is passed to the encoder as a category of its own."""
    seen = train_values.nunique()
    if PATIENT_KEY is None:
        encoder = OneHotEncoder(drop="first", min_frequency=MIN_PATIENTS,
                                handle_unknown="infrequent_if_exist", sparse_output=False)
        train_x = encoder.fit_transform(train_values.to_frame())
        rare = set(encoder.infrequent_categories_[0]) if encoder.infrequent_categories_[0] is not None else set()
        frequent = [level for level in encoder.categories_[0] if level not in rare]
    else:
        patients = pd.Series(train_groups).groupby(train_values.to_numpy()).nunique()
        frequent = sorted(patients.index[patients >= MIN_PATIENTS])
        pooled = len(frequent) < len(patients)
        if pooled:
            train_values = train_values.where(train_values.isin(frequent), OTHER)
            test_values = test_values.where(test_values.isin(frequent), OTHER)
        encoder = OneHotEncoder(categories=[frequent + [OTHER] * pooled], drop="first",
                                handle_unknown="ignore", sparse_output=False)
        train_x = encoder.fit_transform(train_values.to_frame())
    if frequent != CATEGORICAL[column] or (len(frequent) < seen) != (column in POOLED):
        print(f"warning: the frequent training levels of {column!r} differ from the app's", file=sys.stderr)
    return train_x, encoder.transform(test_values.to_frame())


def design(train, test, train_groups):
    """Model inputs, in the app's order: numeric columns as they are, categorical ones one-hot."""
    train_blocks, test_blocks = [], []
    for column in FEATURES:
        if column in CATEGORICAL:
            a, b = one_hot(column, train[column], test[column], train_groups)
        else:
            a, b = train[[column]].to_numpy(float), test[[column]].to_numpy(float)
        train_blocks.append(a)
        test_blocks.append(b)
    return np.hstack(train_blocks), np.hstack(test_blocks)`;

const indent = (code: string): string => code.split('\n').map((l) => (l ? `    ${l}` : l)).join('\n');

/** The whole script (see the file comment). */
export function sklearnScript(input: CodegenInput): string {
  const { setup } = input;
  const model = modelDefinition(setup.model.kind).python.sklearn(setup.model);
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
    ...(key === null ? ['groups = np.arange(len(y))  # no patient key: each row is a patient'] : ['groups = patient_groups(table[PATIENT_KEY])[keep.to_numpy()]']),
    '',
    ...split,
    'train, test = features.iloc[train_rows], features.iloc[test_rows]',
    'y_train, y_test = y[train_rows], y[test_rows]',
    ...impute,
    '',
    '# 4. Inputs and z-scores: mean and population std (ddof=0) of the training rows, as the app.',
    'X_train, X_test = design(train, test, groups[train_rows])',
    'scaler = StandardScaler().fit(X_train)',
    'Z_train, Z_test = scaler.transform(X_train), scaler.transform(X_test)',
    '',
    '# 5. The model.',
    ...model.body,
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
  const fromImports = [
    ...model.imports, 'from sklearn.metrics import roc_auc_score', 'from sklearn.preprocessing import OneHotEncoder, StandardScaler',
    ...(setup.split.kind === 'random' && key === null ? ['from sklearn.model_selection import train_test_split'] : []),
    ...(setup.split.kind === 'random' && key !== null ? ['from sklearn.model_selection import StratifiedGroupKFold'] : []),
  ];
  const imports = ['import csv', 'import json', 'import sys', '', 'import numpy as np', 'import pandas as pd', ...[...new Set(fromImports)].sort()].join('\n');
  return [
    `#!/usr/bin/env python3\n${describeRun(input, 'pandas and scikit-learn')}\n\n${imports}`,
    settingsBlock(input, pythonEncoding(input.encoding)),
    PY_TEXT_HELPERS,
    PY_PANDAS_READING,
    ...(key === null ? [] : [PY_PATIENTS]),
    `OTHER = "\\x00other"  # the pooled level: no cell of the file holds this text\n\n\n${PY_ENCODING}`,
    ...model.helpers,
    'def finite_or_none(x):\n    return float(x) if x is not None and np.isfinite(x) else None',
    `def main(path):\n${indent(main)}`,
    'if __name__ == "__main__":\n    if len(sys.argv) != 2:\n        sys.exit(f"usage: python3 {sys.argv[0]} path/to/{FILE_NAME}")\n    main(sys.argv[1])',
  ].join('\n\n\n') + '\n';
}
