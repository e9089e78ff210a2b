/** The L2 logistic regression in the exported scripts (and plain maximum likelihood, C = null). */
import { pyFloat } from '../../../export/python-literals';
import type { PythonDesign, PythonStep } from '../../registry/definition';
import { PY_INDEPENDENT } from '../logreg-firth/python';

/** The inputs the app's maximum likelihood keeps, on a sparse design (a run with note columns). */
const PY_KEPT_INPUTS = String.raw`def kept_inputs(Z):
    """The inputs the app's maximum likelihood keeps (as R's glm): those not constant in the training
    rows and not a linear combination of the earlier kept ones and the intercept (independent_columns,
    on the centred Gram matrix Z'Z - n m m', m the column means, so that the sparse Z stays sparse).
    Note terms often are such combinations: the characters and bigrams of a phrase are written together."""
    n = Z.shape[0]
    varying = np.flatnonzero((Z.max(axis=0) != Z.min(axis=0)).toarray().ravel())
    X = Z[:, varying]
    mean = np.asarray(X.mean(axis=0)).ravel()
    gram = (X.T @ X).toarray() - n * np.outer(mean, mean)
    return varying[independent_columns(gram)]`;

export function sklearnStep(C: number | null, design: PythonDesign = { sparse: false }): PythonStep {
  if (C === null && design.sparse) {
    return {
      imports: ['from sklearn.linear_model import LogisticRegression'],
      helpers: [PY_INDEPENDENT, PY_KEPT_INPUTS],
      body: [
        '# Plain maximum likelihood (penalty=None needs scikit-learn >= 1.2), as the app\'s Newton-Raphson',
        '# (glm), on the inputs the app keeps (kept_inputs): the constant and collinear ones get NaN, as in',
        '# the app (scikit-learn would keep them, and split their weight among them).',
        '# newton-cholesky (scikit-learn >= 1.2), Newton\'s method with the exact Hessian as the app\'s,',
        '# reaches the optimum in a few steps; newton-cg on a sparse matrix (the note terms) can stall at',
        '# rounding level short of tol=1e-10, and lbfgs (the default, tol=1e-4) stops ~1e-3 away from it.',
        'keep = kept_inputs(Z_train)',
        'model = LogisticRegression(penalty=None, solver="newton-cholesky", tol=1e-10, max_iter=100)',
        'model.fit(Z_train[:, keep], y_train)',
        'coef = np.full(Z_train.shape[1], np.nan)',
        'coef[keep] = model.coef_[0]',
        '',
        'def predict(Z):',
        '    risk = model.predict_proba(Z[:, keep])[:, 1]',
        '    return risk, risk',
        'return coef, model.intercept_[0], predict',
      ],
    };
  }
  const args = C !== null ? `C=${pyFloat(C)}` : 'penalty=None';
  const why = C !== null
    ? ['# 1/2 ||w||^2 + C * sum of log-losses, the intercept not penalized: the app\'s objective.']
    : ['# Plain maximum likelihood (penalty=None needs scikit-learn >= 1.2), as the app\'s Newton-Raphson', '# (glm); the app leaves out constant and collinear inputs (NaN), scikit-learn keeps them.'];
  const solver = design.sparse
    ? ['# newton-cholesky (scikit-learn >= 1.2), Newton\'s method with the exact Hessian, reaches the optimum',
      '# in a few steps; newton-cg on a sparse matrix (the note terms) can stall at rounding level short of',
      '# tol=1e-10, and lbfgs (the default, tol=1e-4) stops ~1e-3 away from it.',
      `model = LogisticRegression(${args}, solver="newton-cholesky", tol=1e-10, max_iter=100)`]
    : ['# scikit-learn\'s default solver (lbfgs, tol=1e-4) stops early, ~1e-3 away from the optimum;',
      '# newton-cg with a tight tolerance reaches it, as the app does.',
      `model = LogisticRegression(${args}, solver="newton-cg", tol=1e-10, max_iter=10000)`];
  return {
    imports: ['from sklearn.linear_model import LogisticRegression'],
    helpers: [],
    body: [
      ...why,
      ...solver,
      'model.fit(Z_train, y_train)',
      '',
      'def predict(Z):',
      '    risk = model.predict_proba(Z)[:, 1]',
      '    return risk, risk',
      'return model.coef_[0], model.intercept_[0], predict',
    ],
  };
}

/** MLlib's regularization for the app's objective with this C. */
export const sparkReg = (C: number) => `regParam=1.0 / (${pyFloat(C)} * n_train)`;

/** The test rows' risks from an MLlib model's probability column; the AUC ranks by the risk. */
export const SPARK_PROBABILITY = [
  'scored = model.transform(test_z).withColumn("risk", vector_to_array("probability")[1])',
  'scored = scored.withColumn("score", F.col("risk"))  # the AUC ranks by the risk',
];

export function pysparkStep(C: number | null): PythonStep {
  return {
    imports: ['from pyspark.ml.classification import LogisticRegression'],
    helpers: [],
    body: [
      ...(C !== null ? [
        '# MLlib minimizes (1/n) sum log-loss + regParam * ((1 - a)/2 ||w||^2 + a ||w||_1),',
        '# a = elasticNetParam.',
        '# With a = 0 and regParam = 1/(C n) that is (1/n) sum log-loss + ||w||^2 / (2 C n)',
        '#   = [1/2 ||w||^2 + C sum log-loss] / (C n): the app\'s objective divided by C n, same optimum.',
      ] : ['# regParam = 0: plain maximum likelihood, as the app\'s Newton-Raphson (glm).']),
      '# standardization=False: else MLlib would penalize w_j * s_j (coefficients on its own rescaled',
      '# inputs), another objective. The intercept is never penalized, as in the app.',
      'model = LogisticRegression(',
      `    featuresCol="z", labelCol="label", ${C !== null ? sparkReg(C) : 'regParam=0.0'}, elasticNetParam=0.0,`,
      '    standardization=False, fitIntercept=True, maxIter=1000, tol=1e-10,  # an iteration = a pass',
      ').fit(train_z)',
      'coef, intercept = model.coefficients.toArray(), model.intercept',
      ...SPARK_PROBABILITY,
    ],
  };
}
