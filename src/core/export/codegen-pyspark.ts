/**
 * A run exported as a PySpark MLlib script: the steps of the scikit-learn export (codegen-sklearn.ts)
 * as Spark jobs, for files too large for one machine. Exact where MLlib allows it (rows, split,
 * imputation, levels, z-scores, the notes' TF-IDF terms, the logistic objective, Platt scaling,
 * full-batch gradient descent); where MLlib differs (LinearSVC's solver, the network, Spark's IDF and
 * sample SD) the script says so next to the call.
 */
import { describeRun, featureColumns, noteTermsSource, pyStr, settingsBlock, PY_TEXT_HELPERS, type CodegenInput } from './codegen-python';
import { modelDefinition } from '../models/registry';

/** Java's charset name for the app's encoding. */
function javaEncoding(encoding: string): string {
  const names: Record<string, string> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE', gb18030: 'GB18030' };
  return names[encoding.toLowerCase()] ?? encoding;
}

const PY_READING = String.raw`js_text = F.udf(js_number_text, T.StringType())


def clean(cell):
    """Trimmed text; the app's missing-value tokens become null."""
    text = F.regexp_replace(cell, r"^[ \t]+|[ \t]+$", "")
    return F.when(text.isin(MISSING_TOKENS), F.lit(None)).otherwise(text)


def to_number(text):
    """Numbers as the app parses them: plain decimals (with DECIMAL_COMMA, 1,5 too); else null."""
    if DECIMAL_COMMA:
        text = F.regexp_replace(text, ",", ".")
    value = F.when(text.rlike("^" + NUMBER_PATTERN + "$"), text.cast("double"))
    return F.when(F.abs(value) < float("inf"), value)


def category_text(text):
    """Cells of a text column as the app holds them: numbers rewritten by js_number_text."""
    number = to_number(text)
    return F.when(number.isNotNull(), js_text(number)).otherwise(text)


def read_table(spark, path):
    """The used columns as text (internal names c0, c1, ...: Spark reads dots in names as fields),
    with each data row's 0-based number in the file. zipWithIndex numbers the rows in file order
    without gaps; monotonically_increasing_id() is increasing but not contiguous."""
    raw = spark.read.csv(
        path, sep=DELIMITER, encoding=ENCODING, header=False, quote='"', escape='"',
        multiLine=MULTILINE, inferSchema=False, mode="PERMISSIVE",
    )
    names = app_column_names([cell or "" for cell in raw.first()])
    positions = [names.index(c) for c in USED]
    rows = raw.rdd.zipWithIndex().filter(lambda pair: pair[1] > 0).map(
        lambda pair: [pair[1] - 1] + [pair[0][k] if k < len(pair[0]) else None for k in positions]
    )
    fields = [T.StructField("row", T.LongType())]
    fields += [T.StructField(ID[c], T.StringType()) for c in USED]
    table = spark.createDataFrame(rows, T.StructType(fields))
    return table.select("row", *[clean(F.col(ID[c])).alias(ID[c]) for c in USED])`;

const PY_SPLIT = String.raw`def approximate_mode(class_counts, n_draws, rng):
    """sklearn.utils._approximate_mode (1.2): floor shares, the rest to the largest remainders."""
    continuous = class_counts / class_counts.sum() * n_draws
    floored = np.floor(continuous)
    need_to_add = int(n_draws - floored.sum())
    if need_to_add > 0:
        remainder = continuous - floored
        for value in np.sort(np.unique(remainder))[::-1]:
            (inds,) = np.where(remainder == value)
            add_now = min(len(inds), need_to_add)
            floored[rng.choice(inds, size=add_now, replace=False)] += 1
            need_to_add -= add_now
            if need_to_add == 0:
                break
    return floored.astype(int)


def stratified_split(y, test_fraction, seed):
    """Positions of the test rows that train_test_split(np.arange(len(y)), test_size=test_fraction,
    random_state=seed, stratify=y) returns (scikit-learn 1.2's StratifiedShuffleSplit, first split;
    the app's split is the same algorithm on the same MT19937 stream), sorted."""
    n = len(y)
    n_test = int(np.ceil(test_fraction * n))
    classes, y_indices = np.unique(y, return_inverse=True)
    class_counts = np.bincount(y_indices)
    class_indices = np.split(np.argsort(y_indices, kind="mergesort"), np.cumsum(class_counts)[:-1])
    rng = np.random.RandomState(seed)
    n_i = approximate_mode(class_counts, n - n_test, rng)
    t_i = approximate_mode(class_counts - n_i, n_test, rng)
    test = []
    for i in range(len(classes)):
        permuted = class_indices[i].take(rng.permutation(class_counts[i]), mode="clip")
        test.extend(permuted[n_i[i]:n_i[i] + t_i[i]])
    return np.sort(np.array(test, dtype=int))


def stratified_test_rows(data):
    """File row numbers of the test rows. Spark's randomSplit draws each row independently (not
    stratified, and it depends on the partitioning), so the labels of the used rows are
    collected in file order (one number per row: fine for ~10^7 rows) and split on the driver
    as the app does."""
    pairs = data.select("row", "label").orderBy("row").collect()
    rows = np.array([r["row"] for r in pairs], dtype=np.int64)
    labels = np.array([int(r["label"]) for r in pairs])
    return rows[stratified_split(labels, TEST_FRACTION, SPLIT_SEED)]`;

const PY_KEY_VALUE = String.raw`def key_value(text):
    """A patient key cell as the app holds it: a number (PATIENT_KEY_NUMERIC), or text in which numbers
    are written as JavaScript writes them, except digit strings with a leading zero ("00123")."""
    if text is None:
        return None
    decimal = text.replace(",", ".") if DECIMAL_COMMA else text
    number = float(decimal) if re.fullmatch(NUMBER_PATTERN, decimal) else float("nan")
    if PATIENT_KEY_NUMERIC:
        return number if math.isfinite(number) else None
    if math.isfinite(number) and not re.fullmatch(r"[+-]?0\d+", text):
        return js_number_text(number)
    return text`;

const PY_GROUP_SPLIT = String.raw`def patient_numbers(keys):
    """Each row's patient as a number in the key's sorted order; a row without a key is a patient of
    its own, after all the others."""
    values = [key_value(k) for k in keys]
    rank = {v: r for r, v in enumerate(sorted({v for v in values if v is not None}))}
    out, alone = [], len(rank)
    for v in values:
        if v is None:
            out.append(alone)
            alone += 1
        else:
            out.append(rank[v])
    return np.array(out)


def first_group_fold(y, groups, n_splits, seed):
    """The test rows of scikit-learn 1.2's StratifiedGroupKFold(n_splits, shuffle=True,
    random_state=seed): its first fold, sorted (the app's split by patient is the same algorithm)."""
    rng = np.random.RandomState(seed)
    _, y_inv, y_cnt = np.unique(y, return_inverse=True, return_counts=True)
    _, groups_inv, groups_cnt = np.unique(groups, return_inverse=True, return_counts=True)
    per_group = np.zeros((len(groups_cnt), len(y_cnt)))
    for class_idx, group_idx in zip(y_inv, groups_inv):
        per_group[group_idx, class_idx] += 1
    per_fold = np.zeros((n_splits, len(y_cnt)))
    fold_of = np.zeros(len(groups_cnt), dtype=int)
    rng.shuffle(per_group)
    for g in np.argsort(-np.std(per_group, axis=1), kind="mergesort"):
        best, min_eval, min_samples = None, np.inf, np.inf
        for i in range(n_splits):
            per_fold[i] += per_group[g]
            fold_eval = np.mean(np.std(per_fold / y_cnt.reshape(1, -1), axis=0))
            per_fold[i] -= per_group[g]
            samples = np.sum(per_fold[i])
            if fold_eval < min_eval or np.isclose(fold_eval, min_eval) and samples < min_samples:
                best, min_eval, min_samples = i, fold_eval, samples
        per_fold[best] += per_group[g]
        fold_of[g] = best
    return np.flatnonzero(fold_of[groups_inv] == 0)


def patient_test_rows(data):
    """File row numbers of the test rows of the split by patient: each patient's rows on one side.
    The labels and keys of the used rows are collected in file order and split on the driver."""
    rows = data.select("row", "label", "key").orderBy("row").collect()
    labels = np.array([int(r["label"]) for r in rows])
    groups = patient_numbers([r["key"] for r in rows])
    test = first_group_fold(labels, groups, max(2, round(1 / TEST_FRACTION)), SPLIT_SEED)
    return np.array([r["row"] for r in rows], dtype=np.int64)[test]`;

/** Pools the rare levels, as the app did (both versions of the preprocessing). */
const PY_POOL_RARE = String.raw`def pool_rare(frame):
    """Levels the app saw for fewer than MIN_PATIENTS patients (all but CATEGORICAL's) as the one
    pooled level, "(other)", in the columns where it pooled some (POOLED)."""
    for c in POOLED:
        frame = frame.withColumn(ID[c], F.when(F.col(ID[c]).isin(CATEGORICAL[c]), F.col(ID[c])).otherwise(F.lit(OTHER)))
    return frame
`;

/** The body of the loop over the dense columns (`c`): a numeric input as it is, a categorical one one-hot encoded. */
const PY_DENSE_INPUTS = String.raw`        if c not in CATEGORICAL:
            inputs.append(ID[c])
        elif len(CATEGORICAL[c]) > 1 or (c in POOLED and CATEGORICAL[c]):
            # Indexed labels = the app's levels after the reference. The reference level, levels
            # the training rows never had and nulls all go to handleInvalid="keep"'s extra last
            # index, which dropLast=True removes: all zeros, as in the app; the others keep the
            # app's order.
            index, onehot = ID[c] + "_index", ID[c] + "_onehot"
            labels = CATEGORICAL[c][1:] + ([OTHER] if c in POOLED else [])
            stages.append(StringIndexerModel.from_labels(
                labels, inputCol=ID[c], outputCol=index, handleInvalid="keep"))
            stages.append(OneHotEncoder(inputCol=index, outputCol=onehot, dropLast=True))
            inputs.append(onehot)
`;

const PY_PREPROCESSING = String.raw`${PY_POOL_RARE}

def preprocessing(n_train):
    """One-hot indicators, the input vector and z-scores: a Pipeline to fit on the training rows."""
    stages, inputs = [], []
    for c in FEATURES:
${PY_DENSE_INPUTS}    stages.append(VectorAssembler(inputCols=inputs, outputCol="x"))
    # StandardScaler divides by the SAMPLE std s (ddof=1); the app (and sklearn's StandardScaler)
    # by the population std sigma = s * sqrt((n - 1) / n). So z_app = z_spark * sqrt(n / (n - 1)).
    # (A column constant in the training rows: Spark gives 0 everywhere, the app x - mean; the
    # same on training rows, different only for test rows with another value.)
    stages.append(StandardScaler(inputCol="x", outputCol="z_sample", withMean=True, withStd=True))
    rescale = Vectors.dense([math.sqrt(n_train / (n_train - 1))] * len(INPUT_NAMES))
    stages.append(ElementwiseProduct(scalingVec=rescale, inputCol="z_sample", outputCol="z"))
    return Pipeline(stages=stages)`;

/**
 * The note columns in Spark (a run with notes): the terms by note_terms in a udf, the app's vocabulary
 * found again in the training rows, then CountVectorizerModel, the idf as fixed weights, Normalizer,
 * and StandardScaler without centring; the dense inputs' z-scores as before.
 */
const pySparkNotes = (key: boolean): string => String.raw`note_terms_udf = F.udf(note_terms, T.ArrayType(T.StringType()))


def with_note_terms(frame):
    """Each note's term occurrences, a column "<id>_terms" per note column. A Python udf of note_terms:
    Spark's RegexTokenizer and NGram cannot repeat the app's analyzer (a Han run's characters and their
    adjacent pairs, word pairs that skip the stop words, the limits on a cell), and one copy of it is
    safer than two."""
    for c in NOTES:
        frame = frame.withColumn(ID[c] + "_terms", note_terms_udf(F.col(ID[c])))
    return frame


def fit_vocabularies(train, n_train):
    """The terms of each note column, found again in the training rows by the app's rule: those in the
    notes of at least MIN_PATIENTS patients (with a patient key; else rows; a row without a key is a
    patient of its own), of them the MAX_TERMS with the highest total count (ties by code point: Spark
    orders strings by their UTF-8 bytes, which is code point order), sorted by code point; and their
    idf as scikit-learn's TfidfVectorizer (smooth_idf) and the app weigh them, ln((1 + n) / (1 + df))
    + 1. Stops if they are not the app's (NOTES, NOTE_IDF). Returns {column: (terms, idf)}."""
${key
    ? String.raw`    # the patient: the key as the app reads it; a row without a key is a patient of its own
    patient = F.udf(lambda cell: None if key_value(cell) is None else str(key_value(cell)), T.StringType())
    unit = F.coalesce(patient(F.col("key")), F.concat(F.lit("\x00row "), F.col("row").cast("string")))`
    : '    unit = F.col("row")  # no patient key: each row is a patient'}
    found = {}
    for c in NOTES:
        occurrences = train.select("row", unit.alias("unit"), F.explode(ID[c] + "_terms").alias("term"))
        counts = occurrences.groupBy("term").agg(
            F.count("*").alias("total"), F.countDistinct("row").alias("df"), F.countDistinct("unit").alias("patients"))
        top = (counts.where(F.col("patients") >= MIN_PATIENTS)
               .orderBy(F.desc("total"), F.asc("term")).limit(MAX_TERMS).collect())
        terms = sorted(r["term"] for r in top)
        if terms != NOTES[c]:
            sys.exit(f"error: the terms of the note column {c!r} found in the training rows differ from the "
                     "app's: not the file or the rows the app used; stopping")
        df = {r["term"]: r["df"] for r in top}
        idf = [math.log((n_train + 1) / (df[t] + 1)) + 1 for t in terms]
        if any(abs(a - b) > 1e-12 * b for a, b in zip(idf, NOTE_IDF[c])):
            sys.exit(f"error: the idf weights of the note column {c!r} differ from the app's: not the "
                     "training rows the app used; stopping")
        found[c] = (terms, idf)
    return found


class SublinearTf(Transformer):
    """1 + ln(count) for each term a note holds (TfidfVectorizer's sublinear_tf, SUBLINEAR_TF): no MLlib
    stage does it, so a udf (the stage runs in this Python pipeline; it cannot be saved with it)."""

    def __init__(self, inputCol, outputCol):
        super().__init__()
        self.input_col, self.output_col = inputCol, outputCol

    def _transform(self, frame):
        def damp(counts):  # CountVectorizerModel's counts: a sparse vector
            return SparseVector(counts.size, counts.indices, [1.0 + math.log(v) for v in counts.values])
        return frame.withColumn(self.output_col, F.udf(damp, VectorUDT())(F.col(self.input_col)))`;

const PY_PREPROCESSING_NOTES = String.raw`${PY_POOL_RARE}

def preprocessing(n_train, vocabularies):
    """One-hot indicators, z-scores and the notes' TF-IDF terms: a Pipeline to fit on the training rows.
    The input vector z: the numeric and categorical inputs, then the terms of each note column."""
    stages, inputs, notes = [], [], []
    for c in DENSE:
${PY_DENSE_INPUTS}    for c in NOTES:
        terms, idf = vocabularies[c]
        if not terms:
            continue  # no term written for MIN_PATIENTS patients: no input, as in the app
        # the count of each term of the app's vocabulary (from_vocabulary: nothing to fit)
        tf = ID[c] + "_tf"
        stages.append(CountVectorizerModel.from_vocabulary(terms, inputCol=ID[c] + "_terms", outputCol=tf))
        if SUBLINEAR_TF:
            stages.append(SublinearTf(inputCol=tf, outputCol=ID[c] + "_logtf"))
            tf = ID[c] + "_logtf"
        # Spark's IDF learns ln((n + 1) / (df + 1)), without the + 1 of scikit-learn's smooth idf (the
        # app's): the weights fit_vocabularies found multiply the counts instead.
        stages.append(ElementwiseProduct(scalingVec=Vectors.dense(idf), inputCol=tf, outputCol=ID[c] + "_tfidf"))
        # each note's vector of unit length (TfidfVectorizer's norm="l2"); an empty note stays all zeros
        stages.append(Normalizer(p=2.0, inputCol=ID[c] + "_tfidf", outputCol=ID[c] + "_l2"))
        notes.append(ID[c] + "_l2")
    # StandardScaler divides by the SAMPLE std s (ddof=1); the app (and sklearn's StandardScaler)
    # by the population std sigma = s * sqrt((n - 1) / n). So z_app = z_spark * sqrt(n / (n - 1)).
    # (A column constant in the training rows: Spark gives 0 everywhere, the app x - mean for the
    # dense inputs, x for the terms; the same on training rows but for a term written in every
    # training note with the same weight, different for test rows with another value.)
    rescale = math.sqrt(n_train / (n_train - 1))
    n_terms = sum(len(vocabularies[c][0]) for c in NOTES)
    parts = []
    if inputs:
        stages.append(VectorAssembler(inputCols=inputs, outputCol="x"))
        stages.append(StandardScaler(inputCol="x", outputCol="z_sample", withMean=True, withStd=True))
        stages.append(ElementwiseProduct(scalingVec=Vectors.dense([rescale] * (len(INPUT_NAMES) - n_terms)),
                                         inputCol="z_sample", outputCol="z_dense"))
        parts.append("z_dense")
    if notes:
        # the terms divided by their training SD (zeros included), not centred, as the app's
        # StandardScaler(with_mean=False): they stay sparse
        stages.append(VectorAssembler(inputCols=notes, outputCol="t"))
        stages.append(StandardScaler(inputCol="t", outputCol="t_sample", withMean=False, withStd=True))
        stages.append(ElementwiseProduct(scalingVec=Vectors.dense([rescale] * n_terms), inputCol="t_sample", outputCol="z_notes"))
        parts.append("z_notes")
    stages.append(VectorAssembler(inputCols=parts, outputCol="z"))
    return Pipeline(stages=stages)`;

function fillValues(missing: 'mean' | 'median' | 'mode'): string {
  const numeric = missing === 'median'
    ? [
      '        # Imputer\'s median is approxQuantile: a data value, never the mean of the two middle',
      '        # values (the app\'s and numpy\'s median of an even count); SQL percentile() is exact.',
      '        medians = [F.expr(f"percentile({i}, 0.5)").alias(i) for i in numeric]',
      '        fill.update(train.agg(*medians).first().asDict())',
    ]
    : [
      '        # (strategy "mode": ties go to the smallest value, as in the app)',
      `        imputer = Imputer(strategy=${pyStr(missing)}, inputCols=numeric,`,
      '                          outputCols=[i + "_filled" for i in numeric])',
      '        fill.update(imputer.fit(train).surrogateDF.first().asDict())',
    ];
  return [
    'def fill_values(train):',
    '    """Fill values learned on the training rows: MISSING for numbers, the most frequent level',
    '    (ties to the smallest) for categories."""',
    '    fill, numeric = {}, [ID[c] for c in NUMERIC]',
    '    if numeric:',
    ...numeric,
    '    for c in CATEGORICAL:',
    '        top = (train.where(F.col(ID[c]).isNotNull()).groupBy(ID[c]).count()',
    '               .orderBy(F.desc("count"), F.asc(ID[c])).first())',
    '        if top is not None:',
    '            fill[ID[c]] = top[0]',
    '    return {k: v for k, v in fill.items() if v is not None and v == v}',
  ].join('\n');
}

/** The PySpark script (see the file comment). */
export function pysparkScript(input: CodegenInput): string {
  const { setup } = input;
  const model = modelDefinition(setup.model.kind).python.pyspark(setup.model);
  const plainImports = model.imports.filter((i) => i.startsWith('import '));
  const fromImports = model.imports.filter((i) => !i.startsWith('import '));
  const columnSplit = setup.split.kind === 'column';
  const byPatient = !columnSplit && !!setup.patientKey;
  const notes = featureColumns(input.fitted).text.length > 0;
  // the patient key's cells: for the split by patient, and for the notes' terms (counted in patients)
  const key = byPatient || (notes && !!setup.patientKey);
  const utf16 = /^utf-16/i.test(input.encoding);
  const settings = [
    settingsBlock(input, javaEncoding(input.encoding)),
    notes
      ? 'MULTILINE = True  # quoted cells (notes) may hold line breaks: then one task reads the file'
      : `MULTILINE = ${utf16 ? 'True' : 'False'}  # True if quoted cells hold line breaks (then one task reads the file)`,
    'ID = {name: f"c{k}" for k, name in enumerate(USED)}',
  ].join('\n');
  const select = [
    'def select_rows(table):',
    '    """Label (1.0 = event), features (numbers or category text); the rows the app uses."""',
    '    outcome = category_text(F.col(ID[OUTCOME]))',
    '    label = F.when(outcome == POSITIVE_CLASS, 1.0).otherwise(0.0)',
    '    columns = [F.col("row"), outcome.alias("outcome"), label.alias("label")]',
    '    for c in FEATURES:',
    '        cell = F.col(ID[c])',
    ...(notes
      ? ['        if c in NOTES:  # a missing note is an empty one: no terms, never a missing value',
        '            columns.append(F.coalesce(category_text(cell), F.lit("")).alias(ID[c]))',
        '        else:',
        '            columns.append((to_number(cell) if c in NUMERIC else category_text(cell)).alias(ID[c]))']
      : ['        columns.append((to_number(cell) if c in NUMERIC else category_text(cell)).alias(ID[c]))']),
    ...(columnSplit ? ['    columns.append(category_text(F.col(ID[SPLIT_COLUMN])).alias("split_value"))'] : []),
    ...(key ? ['    columns.append(F.col(ID[PATIENT_KEY]).alias("key"))'] : []),
    '    data = table.select(*columns).where(F.col("outcome").isNotNull())',
    ...(columnSplit ? ['    data = data.where(F.col("split_value").isNotNull())'] : []),
    ...(setup.missing === 'drop' ? [notes
      ? '    data = data.dropna(subset=[ID[c] for c in DENSE])  # "drop": every feature present (a note always is)'
      : '    data = data.dropna(subset=[ID[c] for c in FEATURES])  # "drop": every feature present'] : []),
    '    return data',
  ].join('\n');
  const split = columnSplit
    ? ['# 2. Split by the cohort column: rows with TRAIN_VALUE train, all others test.',
      'train = data.where(F.col("split_value") == TRAIN_VALUE).cache()',
      'test = data.where(F.col("split_value") != TRAIN_VALUE).cache()']
    : [byPatient
        ? '# 2. Split by patient: the app\'s split (see patient_test_rows), joined back by row number.'
        : '# 2. Split: the app\'s stratified split (see stratified_test_rows), joined back by row number.',
      `marks = spark.createDataFrame([(int(r),) for r in ${byPatient ? 'patient_test_rows' : 'stratified_test_rows'}(data)], "row long")`,
      'data = data.join(F.broadcast(marks.withColumn("is_test", F.lit(True))), "row", "left")',
      'train = data.where(F.col("is_test").isNull()).cache()',
      'test = data.where(F.col("is_test").isNotNull()).cache()'];
  const main = [
    'spark = SparkSession.builder.appName("clinical-ml-workbench-export").getOrCreate()',
    '',
    '# 1. Rows: the outcome present' + (columnSplit ? ', the split value present' : '') + (setup.missing === 'drop' ? ', every feature present.' : '.'),
    'data = select_rows(read_table(spark, path)).cache()',
    '',
    ...split,
    'n_train, n_test = train.count(), test.count()',
    ...(setup.missing === 'drop' ? [] : ['', '# 3. Imputation, learned on the training rows only.', 'fill = fill_values(train)', 'train, test = train.fillna(fill), test.fillna(fill)']),
    '',
    ...(notes
      ? ['# 4. Indicators, the notes\' terms, input vector and z-scores, fitted on the training rows.',
        'train, test = pool_rare(train), pool_rare(test)',
        'train, test = with_note_terms(train).cache(), with_note_terms(test)',
        'vocabularies = fit_vocabularies(train, n_train)',
        'prep = preprocessing(n_train, vocabularies).fit(train)']
      : ['# 4. Indicators, input vector and z-scores, fitted on the training rows.',
        'train, test = pool_rare(train), pool_rare(test)',
        'prep = preprocessing(n_train).fit(train)']),
    'train_z = prep.transform(train).select("row", "label", "z").cache()',
    'test_z = prep.transform(test).select("row", "label", "z")',
    '',
    '# 5. The model.',
    ...model.body,
    '',
    '# 6. Test-set results in the app\'s terms: an event is predicted when the risk is >= 0.5;',
    '# numBins=0: the exact ROC curve, not one down-sampled to 1000 points.',
    'auc = BinaryClassificationEvaluator(',
    '    rawPredictionCol="score", labelCol="label", metricName="areaUnderROC", numBins=0,',
    ').evaluate(scored)',
    'hit = ((F.col("risk") >= 0.5).cast("double") == F.col("label")).cast("double")',
    'accuracy = scored.select(F.avg(hit)).first()[0]',
    '',
    '# 7. Treatment options compared, as the app (g-computation): not run here. For each option v of a',
    '# treatment column c (a categorical feature\'s levels in CATEGORICAL, or 0 and 1), set it on every test',
    '# row, test.withColumn(ID[c], F.lit(v)), and score that frame with the fitted `prep` and model as in',
    '# steps 4 and 5: the mean risk is the standardized risk under v (recalibrated as the model in use, if',
    '# it is), and its difference from another option\'s the standardized risk difference. The app\'s',
    '# bootstrap intervals refit the pipeline and the model on each replicate\'s training rows; the',
    '# scikit-learn export repeats it all on one machine: --treatment COLUMN --treatment-replicates B.',
    '# These are associations adjusted for the other features, not treatment effects (confounding by indication).',
    'print(json.dumps({',
    '    "accuracy": accuracy,',
    '    "auc": auc,',
    '    "coefficients": {name: float(v) for name, v in zip(INPUT_NAMES, coef)},',
    '    "intercept": None if intercept is None else float(intercept),',
    '    "n_train": n_train,',
    '    "n_test": n_test,',
    '}))',
    'spark.stop()',
  ].join('\n').split('\n').map((l) => (l ? `    ${l}` : l)).join('\n');
  const imports = [
    'import json', 'import math', ...(byPatient || notes ? ['import re'] : []), 'import sys', '',
    ...(!columnSplit || plainImports.includes('import numpy as np') ? ['import numpy as np'] : []),
    notes ? 'from pyspark.ml import Pipeline, Transformer' : 'from pyspark.ml import Pipeline', ...fromImports,
    'from pyspark.ml.evaluation import BinaryClassificationEvaluator',
    'from pyspark.ml.feature import (',
    `    ElementwiseProduct, ${setup.missing === 'drop' || setup.missing === 'median' ? '' : 'Imputer, '}OneHotEncoder, StandardScaler,`,
    '    StringIndexerModel, VectorAssembler,',
    ')',
    ...(notes ? ['from pyspark.ml.feature import CountVectorizerModel, Normalizer'] : []),
    'from pyspark.ml.functions import vector_to_array',
    notes ? 'from pyspark.ml.linalg import SparseVector, VectorUDT, Vectors' : 'from pyspark.ml.linalg import Vectors',
    'from pyspark.sql import SparkSession', 'from pyspark.sql import functions as F', 'from pyspark.sql import types as T',
  ].join('\n');
  return [
    `#!/usr/bin/env python3\n${describeRun(input, 'PySpark MLlib (Spark 3.1+)')}\n\n${imports}`,
    settings,
    PY_TEXT_HELPERS,
    PY_READING,
    select,
    ...(key ? [PY_KEY_VALUE] : []),
    ...(columnSplit ? [] : [byPatient ? PY_GROUP_SPLIT : PY_SPLIT]),
    'OTHER = "\\x00other"  # the pooled level: no cell of the file holds this text',
    ...(setup.missing === 'drop' ? [] : [fillValues(setup.missing)]),
    ...(notes ? [noteTermsSource(), pySparkNotes(key), PY_PREPROCESSING_NOTES] : [PY_PREPROCESSING]),
    ...model.helpers,
    `def main(path):\n${main}`,
    'if __name__ == "__main__":\n    if len(sys.argv) != 2:\n        sys.exit(f"usage: spark-submit {sys.argv[0]} path/to/{FILE_NAME}")\n    main(sys.argv[1])',
  ].join('\n\n\n') + '\n';
}
