/** Gradient descent in the exported scripts: the app's rule, in numpy (and summed over Spark partitions). */
import { pyFloat } from '../../../export/python-literals';
import type { PythonStep } from '../../registry/definition';

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

export const PY_GD_SPARK = String.raw`def fit_gradient_descent_spark(train_z, C, learning_rate, epochs, tol=1e-6):
    """The app's full-batch rule (see fit_gradient_descent in the scikit-learn export): each epoch's
    gradient is summed over the partitions with treeReduce, so any number of rows fits."""
    def to_block(rows):
        rows = list(rows)
        if rows:
            yield np.array([r[0].toArray() for r in rows]), np.array([r[1] for r in rows])

    blocks = train_z.select("z", "label").rdd.mapPartitions(to_block).cache()
    n, p = train_z.count(), len(INPUT_NAMES)

    def loss_and_gradient(w, b):
        def partial(block):
            X, t = block
            margin = X @ w + b
            residual = sigmoid(margin) - t
            loss = np.logaddexp(0.0, -(2 * t - 1) * margin).sum()
            return np.concatenate([X.T @ residual, [residual.sum(), loss]])

        total = blocks.map(partial).treeReduce(np.add)
        gradient = np.append(total[:p] / n + w / (C * n), total[p] / n)
        return total[p + 1] / n + w @ w / (2 * C * n), np.max(np.abs(gradient)), gradient

    w, b = np.zeros(p), 0.0
    loss, largest, gradient = loss_and_gradient(w, b)
    limit = 10 * loss  # J(0, 0) = log 2
    for _ in range(epochs):
        if largest <= tol:
            break
        previous = (w, b)
        w, b = w - learning_rate * gradient[:p], b - learning_rate * gradient[p]
        loss, largest, gradient = loss_and_gradient(w, b)
        if not (np.isfinite(loss) and np.all(np.isfinite(w)) and np.isfinite(b)):
            w, b = previous
            break
        if loss > limit:
            break
    return w, b`;

const SIGMOID = 'def sigmoid(margin):\n    return np.exp(-np.logaddexp(0.0, -margin))';

export function sklearnStep(C: number, learningRate: number, epochs: number, batchSize: number | null): PythonStep {
  return {
    imports: ['from scipy.special import expit as sigmoid'],
    helpers: [PY_GRADIENT_DESCENT],
    body: [
      'coef, intercept = fit_gradient_descent(',
      `    Z_train, y_train, C=${pyFloat(C)}, learning_rate=${pyFloat(learningRate)}, epochs=${epochs},`,
      `    batch_size=${batchSize === null ? 'None' : `min(${batchSize}, len(y_train))`}, seed=SEED,`,
      ')',
      '',
      'def predict(Z):',
      '    risk = sigmoid(Z @ coef + intercept)',
      '    return risk, risk',
      'return coef, intercept, predict',
    ],
  };
}

export function pysparkStep(C: number, learningRate: number, epochs: number, batchSize: number | null): PythonStep {
  return {
    imports: ['import numpy as np'],
    helpers: [SIGMOID, batchSize === null ? PY_GD_SPARK : PY_GRADIENT_DESCENT],
    body: [
      ...(batchSize === null
        ? ['coef, intercept = fit_gradient_descent_spark(',
          `    train_z, C=${pyFloat(C)}, learning_rate=${pyFloat(learningRate)}, epochs=${epochs},`, ')']
        : ['# Mini-batches follow one shuffle of all training rows per epoch: Spark cannot replay it on',
          '# partitioned data, so the training inputs are collected (n x p numbers, in file order) and',
          '# the app\'s loop runs here. For data that does not fit, use full batch or logreg.',
          'rows = train_z.orderBy("row").select("z", "label").collect()',
          'Z, y = np.array([r[0].toArray() for r in rows]), np.array([r[1] for r in rows])',
          'coef, intercept = fit_gradient_descent(',
          `    Z, y, C=${pyFloat(C)}, learning_rate=${pyFloat(learningRate)}, epochs=${epochs},`,
          `    batch_size=min(${batchSize}, len(y)), seed=SEED,`, ')']),
      'z = vector_to_array("z")',
      'margin = sum((z[j] * float(coef[j]) for j in range(len(coef))), F.lit(float(intercept)))',
      'scored = test_z.withColumn("score", margin).withColumn("risk", 1 / (1 + F.exp(-F.col("score"))))',
    ],
  };
}
