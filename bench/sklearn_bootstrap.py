#!/usr/bin/env python3
"""The bootstrap case of the benchmark in numpy + pandas + scikit-learn: the loop of the script the app
exports (codegen-sklearn.ts, PY_VALIDATION's bootstrap), with that script's own building blocks.

The script is the one the app exports for the same run (bench/bootstrap.ts writes it); this file imports
it as a module and uses its read_table / to_number / category_text (the rows and values as the app
reads them), fit_pipeline (fill values, OneHotEncoder per categorical column, StandardScaler, learned
on the rows given), fit_model and performance (roc_auc_score, Brier, calibration slope and
calibration-in-the-large by Newton's method). The loop is the exported bootstrap() with the same draws
(np.random.RandomState(BOOTSTRAP_SEED).randint(0, n, size=n), one replicate after another), written
without its repeated work (the replicate's frame is taken once, and its design matrix built once for the
fit and the replicate's scores), and with the model to validate fitted before the clock starts, as the
app's bootstrapValidation is given it.

Per replicate: draw; take the replicate's rows; fit the pipeline on them; build the design matrices of
the replicate and of the original training rows; fit the model; score both; the four metrics on both.
The parts are timed separately (time.perf_counter) and summed over the replicates.

Models (--models):
  exact    the exported script's fit_model: LogisticRegression(C=1, solver="newton-cg", tol=1e-10),
           the optimum the app reaches (its figures should equal the app's to ~1e-6); --exact-replicates
           of them (default all): on some replicates newton-cg runs on for thousands of iterations;
  default  LogisticRegression() (lbfgs, tol 1e-4), what a data scientist would write (its optimum is
           ~1e-5 off, so its figures differ from the app's by about that much).

Run with Debian's interpreter:
  /usr/bin/python3 bench/sklearn_bootstrap.py --script EXPORTED.py --csv FILE --replicates 200 --json OUT
"""
import argparse
import importlib.util
import json
import sys
import time
import warnings

import numpy as np
import pandas as pd
import scipy
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split

PARTS = ["draw", "select", "fit_pipeline", "design", "fit", "predict", "metrics"]


def load_script(path):
    spec = importlib.util.spec_from_file_location("exported", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def read_training_rows(mod, csv):
    """The exported script's main(), steps 1 and 2: the rows the app uses and its stratified split."""
    table = mod.read_table(csv)
    outcome = mod.category_text(table[mod.OUTCOME])
    features = pd.DataFrame({c: mod.to_number(table[c]) if c in mod.NUMERIC else mod.category_text(table[c]) for c in mod.FEATURES})
    keep = outcome.notna()
    if mod.MISSING == "drop":
        keep &= features.notna().all(axis=1)
    kept_rows = np.flatnonzero(keep.to_numpy())
    features = features[keep].reset_index(drop=True)
    y = (outcome[keep] == mod.POSITIVE_CLASS).to_numpy(dtype=int)
    rows = np.arange(len(y))
    train_rows, _ = train_test_split(rows, test_size=mod.TEST_FRACTION, random_state=mod.SPLIT_SEED, stratify=y)
    train_rows = np.sort(train_rows)
    return len(table), features.iloc[train_rows], y[train_rows], kept_rows[train_rows]


def bootstrap(mod, fit_model, predict_model, train, y_train, replicates, iterations):
    """The exported bootstrap() (rows, no patient key) with its parts timed; returns figures and timings."""
    parts = dict.fromkeys(PARTS, 0.0)
    groups = np.arange(len(y_train))
    start = time.perf_counter()
    # what the app's bootstrapValidation is given: the pipeline learned on the training rows, and the model
    inputs = mod.fit_pipeline(train, groups)
    Z = inputs(train)
    apparent = mod.performance(y_train, *predict_model(Z))
    units = len(y_train)
    rng = np.random.RandomState(mod.BOOTSTRAP_SEED)
    optimism = {m: [] for m in apparent}
    failed = 0
    for _ in range(replicates):
        t = time.perf_counter()
        draw = rng.randint(0, units, size=units)
        t1 = time.perf_counter()
        y_b = y_train[draw]
        frame_b = train.iloc[draw]
        t2 = time.perf_counter()
        parts["draw"] += t1 - t
        parts["select"] += t2 - t1
        if y_b.min() == y_b.max():
            failed += 1
            continue
        inputs_b = mod.fit_pipeline(frame_b, groups[draw])
        t3 = time.perf_counter()
        Z_b = inputs_b(frame_b)
        Z_orig = inputs_b(train)
        t4 = time.perf_counter()
        predict = fit_model(Z_b, y_b)[2]
        t5 = time.perf_counter()
        scored_b = predict(Z_b)
        scored_orig = predict(Z_orig)
        t6 = time.perf_counter()
        own, original = mod.performance(y_b, *scored_b), mod.performance(y_train, *scored_orig)
        t7 = time.perf_counter()
        parts["fit_pipeline"] += t3 - t2
        parts["design"] += t4 - t3
        parts["fit"] += t5 - t4
        parts["predict"] += t6 - t5
        parts["metrics"] += t7 - t6
        for m in apparent:
            optimism[m].append(own[m] - original[m])
    seconds = time.perf_counter() - start
    metrics = {}
    for m in apparent:
        values = np.array(optimism[m], dtype=float)
        mean = float(np.mean(values))
        metrics[m] = {"apparent": float(apparent[m]), "optimism": mean, "corrected": float(apparent[m] - mean),
                      "optimismSd": float(np.std(values, ddof=1)) if len(values) > 1 else float("nan")}
    return {"seconds": seconds, "replicates": replicates, "failed": failed, "partSeconds": parts,
            "meanIterations": float(np.mean(iterations)) if iterations else float("nan"),
            "maxIterations": int(np.max(iterations)) if iterations else 0,
            "slowFits": int(np.sum(np.array(iterations) > 100)), "metrics": metrics}



def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--script", required=True, help="the scikit-learn script the app exported for this run")
    ap.add_argument("--csv", required=True)
    ap.add_argument("--replicates", type=int, default=200)
    ap.add_argument("--models", default="default,exact")
    ap.add_argument("--exact-replicates", type=int, default=0, help="replicates of the exact model (0: --replicates)")
    ap.add_argument("--json")
    a = ap.parse_args()

    warnings.filterwarnings("ignore", category=ConvergenceWarning)
    # newton-cg at tol 1e-10 ends on line searches that cannot decrease f any further: at the optimum, not a failure
    warnings.filterwarnings("ignore", message="Line Search failed")
    warnings.filterwarnings("ignore", module=r"scipy\.optimize\._linesearch")
    out = {"ok": True, "versions": {
        "python": sys.version.split()[0], "numpy": np.__version__, "pandas": pd.__version__,
        "scipy": scipy.__version__, "sklearn": sklearn.__version__,
    }}
    try:
        from threadpoolctl import threadpool_info
        out["versions"]["blas_threads"] = ",".join(
            f"{i.get('internal_api')}:{i.get('num_threads')}" for i in threadpool_info())
    except Exception:  # threadpoolctl is optional
        pass

    mod = load_script(a.script)
    iterations = []

    class Recording(mod.LogisticRegression):
        """The script's LogisticRegression, noting its solver's iterations."""

        def fit(self, X, y, sample_weight=None):
            fitted = super().fit(X, y, sample_weight)
            iterations.append(int(self.n_iter_[0]))
            return fitted

    mod.LogisticRegression = Recording

    def fit_default(Z_train, y_train):
        model = Recording()  # C=1, lbfgs, tol=1e-4
        model.fit(Z_train, y_train)

        def predict(Z):
            risk = model.predict_proba(Z)[:, 1]
            return risk, risk
        return model.coef_[0], model.intercept_[0], predict

    variants = {
        "exact": (mod.fit_model, 'the exported fit_model: LogisticRegression(C=1, solver="newton-cg", tol=1e-10)'),
        "default": (fit_default, "LogisticRegression() (lbfgs, tol 1e-4, C=1)"),
    }

    t = time.perf_counter()
    rows, train, y_train, train_rows = read_training_rows(mod, a.csv)
    out["read_seconds"] = time.perf_counter() - t
    out["rows"] = int(rows)
    out["train_rows"] = int(len(y_train))
    out["train_row_sum"] = int(train_rows.sum())
    out["features"] = list(mod.INPUT_NAMES)

    out["runs"] = []
    for name in [m for m in a.models.split(",") if m]:
        fit_model, description = variants[name]
        # the model to validate, fitted on all training rows before the clock starts
        inputs = mod.fit_pipeline(train, np.arange(len(y_train)))
        predict_model = fit_model(inputs(train), y_train)[2]
        iterations.clear()
        replicates = a.exact_replicates if name == "exact" and a.exact_replicates > 0 else a.replicates
        print(f"  {name}: {description}, {replicates} replicates...", file=sys.stderr, flush=True)
        run = bootstrap(mod, fit_model, predict_model, train, y_train, replicates, iterations)
        run["model"] = name
        run["description"] = description
        print(f"  {name}: {run['seconds']:.2f} s", file=sys.stderr, flush=True)
        out["runs"].append(run)

    text = json.dumps(out)
    if a.json:
        with open(a.json, "w") as f:
            f.write(text)
    print(text)


if __name__ == "__main__":
    main()
