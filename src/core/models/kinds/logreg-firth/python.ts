/**
 * Firth's logistic regression in the exported scripts. Neither scikit-learn nor MLlib has Firth's
 * penalty, so both scripts fit it with numpy, by the app's algorithm (models/logistic-firth.ts: modified
 * Fisher scoring with step halving on the penalized log-likelihood), to the same estimates. The scripts
 * report the coefficients only; the profile-likelihood intervals are in the app's report and model file.
 */
import type { PythonDesign, PythonStep } from '../../registry/definition';

/** The inputs the app keeps (logistic-mle.ts's screenColumns), from a centred Gram matrix. */
export const PY_INDEPENDENT = String.raw`def independent_columns(gram):
    """The inputs the app keeps, from the centred Gram matrix G of the training inputs: not constant
    (G_jj > 0), and not a linear combination of the earlier kept ones and the intercept (the squared
    residual on them above 1e-10 of G_jj), as the app (and R's glm) leave such inputs out."""
    keep = []
    for j in range(gram.shape[0]):
        g = gram[j, j]
        if not g > 0:
            continue
        residual = g - gram[j, keep] @ np.linalg.solve(gram[np.ix_(keep, keep)], gram[keep, j]) if keep else g
        if residual > 1e-10 * g:
            keep.append(j)
    return keep`;

/** One Newton-type iteration loop shared by both scripts: `penalized(theta)` and `modified_score(theta, L)` differ. */
const PY_FIRTH_LOOP = String.raw`def firth_iterations(penalized, modified_score, start, max_iter=200):
    """Maximizes l*(theta) = l(theta) + 1/2 log det(A'WA) by the app's modified Fisher scoring:
    theta <- theta + t (A'WA)^-1 U*(theta), U* = A'(y - mu + h (1/2 - mu)) (h: the hat values of
    W^1/2 A), the step at most 5 in any coordinate, t halved until l* does not decrease; stops when a step
    moves no coordinate by more than 1e-12 (1 + max |theta|). penalized(theta) -> (l*, A'WA, its Cholesky
    factor L) with l* = -inf where A'WA is singular; modified_score(theta, L) -> U*."""
    theta = start
    value, info, L = penalized(theta)
    for _ in range(max_iter):
        step = np.linalg.solve(info, modified_score(theta, L))
        largest = np.max(np.abs(step))
        if largest > 5:
            step *= 5 / largest
        t = 1.0
        for _ in range(50):
            trial = penalized(theta + t * step)
            if trial[0] >= value - 1e-13 * abs(value):
                break
            t /= 2
        else:
            break  # no step raises l*: at its maximum to rounding
        theta = theta + t * step
        value, info, L = trial
        if np.max(np.abs(t * step)) <= 1e-12 * (1 + np.max(np.abs(theta))):
            break
    return theta`;

const PY_FIRTH = String.raw`def fit_firth(Z, y):
    """Firth's bias-reduced logistic regression (Firth 1993; the estimates of R's logistf and of
    brglm2::brglmFit(type = "AS_mean")), as the app fits it: see firth_iterations. scikit-learn has no
    such penalty. Inputs the app leaves out (constant, collinear) get NaN."""
    n, p = Z.shape
    centred = Z - Z.mean(axis=0)
    keep = independent_columns(centred.T @ centred)
    A = np.column_stack([Z[:, keep], np.ones(n)])
    sign = 2.0 * y - 1.0

    def penalized(theta):
        eta = A @ theta
        mu = sigmoid(eta)
        info = A.T @ (A * (mu * (1 - mu))[:, None])
        try:
            L = np.linalg.cholesky(info)
        except np.linalg.LinAlgError:
            return -np.inf, info, None
        return -np.sum(np.logaddexp(0.0, -sign * eta)) + np.sum(np.log(np.diag(L))), info, L

    def modified_score(theta, L):
        mu = sigmoid(A @ theta)
        Q = np.linalg.solve(L, (A * np.sqrt(mu * (1 - mu))[:, None]).T)  # L^-1 A'W^1/2: h = column norms^2
        h = np.sum(Q * Q, axis=0)
        return A.T @ (y - mu + h * (0.5 - mu))

    start = np.zeros(len(keep) + 1)
    start[-1] = np.log(y.mean() / (1 - y.mean()))
    theta = firth_iterations(penalized, modified_score, start)
    coef = np.full(p, np.nan)
    coef[keep] = theta[:-1]
    return coef, theta[-1]`;

const PY_FIRTH_SPARK = String.raw`def fit_firth_spark(train_z):
    """Firth's logistic regression as the app fits it (see firth_iterations), each pass over the rows
    summed over the partitions with treeReduce (MLlib has no Firth penalty): per iteration one pass for
    l and A'WA (its Cholesky factor on the driver) and one for the hat values and the modified score.
    Inputs the app leaves out (constant, collinear) get NaN."""
    def to_block(rows):
        rows = list(rows)
        if rows:
            Z = np.array([r[0].toArray() for r in rows])
            yield np.column_stack([Z, np.ones(len(rows))]), np.array([r[1] for r in rows], dtype=float)

    blocks = train_z.select("z", "label").rdd.mapPartitions(to_block).cache()
    p = len(INPUT_NAMES)
    # which inputs to keep, from the centred Gram matrix (the last column of A is the intercept's 1)
    moments = blocks.map(lambda b: b[0].T @ b[0]).treeReduce(np.add)
    n, sums = moments[p, p], moments[:p, p]
    keep = independent_columns(moments[:p, :p] - np.outer(sums, sums) / n)
    cols = keep + [p]
    events = blocks.map(lambda b: b[1].sum()).treeReduce(np.add)

    def penalized(theta):
        def part(block):
            A, y = block[0][:, cols], block[1]
            eta = A @ theta
            mu = sigmoid(eta)
            loglik = -np.sum(np.logaddexp(0.0, -(2 * y - 1) * eta))
            return np.concatenate([[loglik], (A.T @ (A * (mu * (1 - mu))[:, None])).ravel()])

        total = blocks.map(part).treeReduce(np.add)
        info = total[1:].reshape(len(cols), len(cols))
        try:
            L = np.linalg.cholesky(info)
        except np.linalg.LinAlgError:
            return -np.inf, info, None
        return total[0] + np.sum(np.log(np.diag(L))), info, L

    def modified_score(theta, L):
        def part(block):
            A, y = block[0][:, cols], block[1]
            mu = sigmoid(A @ theta)
            Q = np.linalg.solve(L, (A * np.sqrt(mu * (1 - mu))[:, None]).T)
            h = np.sum(Q * Q, axis=0)
            return A.T @ (y - mu + h * (0.5 - mu))

        return blocks.map(part).treeReduce(np.add)

    start = np.zeros(len(cols))
    start[-1] = np.log(events / (n - events))
    theta = firth_iterations(penalized, modified_score, start)
    blocks.unpersist()
    coef = np.full(p, np.nan)
    coef[keep] = theta[:-1]
    return coef, theta[-1]`;

const SIGMOID = 'def sigmoid(margin):\n    return np.exp(-np.logaddexp(0.0, -margin))';

export function sklearnStep(design: PythonDesign = { sparse: false }): PythonStep {
  return {
    imports: ['from scipy.special import expit as sigmoid'],
    helpers: [PY_INDEPENDENT, PY_FIRTH_LOOP, PY_FIRTH],
    body: [
      '# Firth\'s penalty 1/2 log det(A\'WA) (Jeffreys\' prior): finite estimates even with separation.',
      ...(design.sparse
        ? ['# fit_firth works on a numpy array: the sparse inputs (note terms) are densified here only.',
          'coef, intercept = fit_firth(Z_train.toarray(), y_train)']
        : ['coef, intercept = fit_firth(Z_train, y_train)']),
      'weights = np.nan_to_num(coef)  # a left-out input contributes nothing, as in the app',
      '',
      'def predict(Z):',
      '    risk = sigmoid(Z @ weights + intercept)',
      '    return risk, risk',
      'return coef, intercept, predict',
    ],
  };
}

export function pysparkStep(): PythonStep {
  return {
    imports: ['import numpy as np'],
    helpers: [SIGMOID, PY_INDEPENDENT, PY_FIRTH_LOOP, PY_FIRTH_SPARK],
    body: [
      '# Firth\'s penalty 1/2 log det(A\'WA) (Jeffreys\' prior): finite estimates even with separation.',
      'coef, intercept = fit_firth_spark(train_z)',
      'z = vector_to_array("z")',
      'margin = sum((z[j] * float(coef[j]) for j in range(len(coef)) if np.isfinite(coef[j])), F.lit(float(intercept)))',
      'scored = test_z.withColumn("score", margin).withColumn("risk", 1 / (1 + F.exp(-F.col("score"))))',
    ],
  };
}
