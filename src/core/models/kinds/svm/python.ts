/** The linear SVM in the exported scripts: libsvm itself, or MLlib's LinearSVC, and Platt scaling. */
import { pyFloat } from '../../../export/python-literals';
import type { PythonDesign, PythonStep } from '../../registry/definition';
import { sparkReg } from '../logreg/python';

export const PY_PLATT = String.raw`def fit_platt(decision, y):
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

export const PY_PLATT_SPARK = String.raw`def fit_platt(margins):
    """Platt scaling on the training margins f (columns f, label), as the app: minimize the
    cross-entropy of P = 1 / (1 + exp(A f + B)) against libsvm's smoothed targets t. That is a
    logistic regression of a 0/1 label on f with each row twice, label 1 with weight t and label 0
    with weight 1 - t; its slope and intercept are -A and -B."""
    prior1 = margins.where(F.col("label") == 1).count()
    prior0 = margins.count() - prior1
    rows = VectorAssembler(inputCols=["f"], outputCol="fv").transform(margins).withColumn(
        "t", F.when(F.col("label") == 1, (prior1 + 1) / (prior1 + 2)).otherwise(1 / (prior0 + 2)))
    twice = rows.select("fv", F.lit(1.0).alias("target"), F.col("t").alias("w")).unionByName(
        rows.select("fv", F.lit(0.0).alias("target"), (1 - F.col("t")).alias("w")))
    fit = LogisticRegression(featuresCol="fv", labelCol="target", weightCol="w", regParam=0.0,
                             standardization=False, maxIter=1000, tol=1e-12).fit(twice)
    return -float(fit.coefficients[0]), -float(fit.intercept)`;

export function sklearnStep(C: number, design: PythonDesign = { sparse: false }): PythonStep {
  return {
    imports: ['from scipy.special import expit as sigmoid', 'from sklearn.svm import SVC'],
    helpers: [PY_PLATT],
    body: [
      '# libsvm, as the app: 1/2 ||w||^2 + C * sum of hinge losses, solved to a tight tolerance.',
      `model = SVC(kernel="linear", C=${pyFloat(C)}, tol=1e-8)`,
      'model.fit(Z_train, y_train)',
      '# Risks: Platt scaling fitted on the training decision values, as the app. SVC(probability=True)',
      '# would fit it on an internal random 5-fold cross-validation and give other risks.',
      'A, B = fit_platt(model.decision_function(Z_train), y_train)',
      '',
      'def predict(Z):',
      '    score = model.decision_function(Z)  # ranks the rows: the AUC uses it',
      '    return score, sigmoid(-(A * score + B))',
      // fitted on a sparse matrix, libsvm's coef_ is one too
      `return model.coef_${design.sparse ? '.toarray()' : ''}[0], model.intercept_[0], predict`,
    ],
  };
}

export function pysparkStep(C: number): PythonStep {
  return {
    imports: ['from pyspark.ml.classification import LinearSVC, LogisticRegression'],
    helpers: [PY_PLATT_SPARK],
    body: [
      '# LinearSVC minimizes (1/n) sum hinge + regParam/2 ||w||^2 (standardization=False: on w itself),',
      '# so regParam = 1/(C n) gives libsvm\'s 1/2 ||w||^2 + C sum hinge divided by C n: the same',
      '# objective. It differs in the solving: OWL-QN, a quasi-Newton method, on the non-differentiable',
      '# hinge stops near the optimum, not at it (the coefficients agree only approximately), and',
      '# where the best intercept is an interval libsvm takes its middle. No probabilities: Platt below.',
      'model = LinearSVC(',
      `    featuresCol="z", labelCol="label", ${sparkReg(C)}, standardization=False,`,
      '    fitIntercept=True, maxIter=1000, tol=1e-8,  # an iteration = a pass over the data',
      ').fit(train_z)',
      'coef, intercept = model.coefficients.toArray(), model.intercept',
      'margin = vector_to_array("rawPrediction")[1]',
      'A, B = fit_platt(model.transform(train_z).withColumn("f", margin))',
      'scored = model.transform(test_z).withColumn("score", margin)',
      'scored = scored.withColumn("risk", 1 / (1 + F.exp(A * F.col("score") + B)))',
    ],
  };
}
