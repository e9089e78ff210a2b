/** The network in the exported scripts: MLPClassifier trained as the app trains it (and MLlib's approximation). */
import { pyFloat } from '../../../export/python-literals';
import type { PythonStep } from '../../registry/definition';
import { SPARK_PROBABILITY } from '../logreg/python';

export const PY_NETWORK = String.raw`def fit_network(Z, y, hidden, alpha, learning_rate, max_epochs, seed, patience=10, tol=1e-4):
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

export function sklearnStep(hidden: number[], alpha: number, learningRate: number, maxEpochs: number): PythonStep {
  return {
    imports: ['from sklearn.model_selection import train_test_split', 'from sklearn.neural_network import MLPClassifier'],
    helpers: [PY_NETWORK],
    body: [
      'model = fit_network(',
      `    Z_train, y_train, hidden=(${hidden.join(', ')},), alpha=${pyFloat(alpha)}, learning_rate=${pyFloat(learningRate)},`,
      `    max_epochs=${maxEpochs}, seed=SEED,`,
      ')',
      '',
      'def predict(Z):',
      '    risk = model.predict_proba(Z)[:, 1]',
      '    return risk, risk',
      'return [], None, predict  # a network has no coefficients',
    ],
  };
}

export function pysparkStep(hidden: number[], maxEpochs: number): PythonStep {
  return {
    imports: ['from pyspark.ml.classification import MultilayerPerceptronClassifier'],
    helpers: [],
    body: [
      '# APPROXIMATE: MLlib\'s network has sigmoid hidden units, a softmax output, no L2 penalty',
      '# (alpha) and L-BFGS instead of Adam with early stopping; only the layer sizes and the epoch',
      '# budget carry over. Expect a similar AUC, not the app\'s numbers.',
      'model = MultilayerPerceptronClassifier(',
      `    featuresCol="z", labelCol="label", layers=[len(INPUT_NAMES), ${hidden.join(', ')}, 2],`,
      `    maxIter=${maxEpochs}, seed=SEED,`,
      ').fit(train_z)',
      'coef, intercept = [], None  # a network has no coefficients',
      ...SPARK_PROBABILITY,
    ],
  };
}
