#!/usr/bin/env python3
"""The benchmark's pipeline in pandas + scikit-learn, on the same cohort file as ours, timed the same way.

read_csv -> train_test_split(test_size=0.2, random_state=42, stratify=y) -> mean imputation + one-hot
(drop='first', as our reference coding) + StandardScaler, fitted on the training rows ->
LogisticRegression() (lbfgs, C=1, tol=1e-4: the default), the same with tol=1e-10, newton-cg with tol=1e-10
(the optimum: lbfgs also stops on scipy's relative-decrease test ftol = 64·eps, whatever tol says), and
penalty=None (the counterpart of our unpenalized 'logreg-mle'), and the default once more with BLAS limited
to one thread (our worker computes on one core); SVC(kernel='linear') only up to
--svm-max-rows (libsvm is quadratic or worse in the rows); MLPClassifier((16,)) for a fixed number of
epochs. Wall-clock times (time.perf_counter); peak RSS per phase from the kernel's VmHWM, reset by
writing 5 to /proc/self/clear_refs. Prints JSON (and writes it to --json).

Run with Debian's interpreter: /usr/bin/python3 bench/sklearn_bench.py --csv FILE --json OUT
"""
import argparse
import json
import sys
import time
import warnings

import numpy as np
import pandas as pd
import scipy
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.exceptions import ConvergenceWarning
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.svm import SVC

OUTCOME = "outcome"
CATEGORICAL = ["sex", "site"]


def reset_peak():
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def peak_rss():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


class Phase:
    """Times a block and records the process's peak RSS inside it."""

    def __enter__(self):
        reset_peak()
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.t0
        self.peak = peak_rss()
        return False


def design_name(name):
    """ColumnTransformer's 'num__age' / 'cat__sex_M' as our design names 'age' / 'sex=M'."""
    kind, rest = name.split("__", 1)
    if kind == "cat":
        col, level = rest.split("_", 1)
        return f"{col}={level}"
    return rest


def fit_lr(Ztr, ytr, Zte, yte, names, **kw):
    with Phase() as ph:
        m = LogisticRegression(**kw).fit(Ztr, ytr)
    t = time.perf_counter()
    auc = roc_auc_score(yte, m.predict_proba(Zte)[:, 1])
    return {
        "seconds": ph.seconds,
        "evaluate_seconds": time.perf_counter() - t,
        "iterations": int(m.n_iter_[0]),
        "tol": m.tol,
        "test_auc": float(auc),
        "coefficients": {n: float(c) for n, c in zip(names, m.coef_[0])},
        "intercept": float(m.intercept_[0]),
        "peak_rss": ph.peak,
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", required=True)
    ap.add_argument("--json")
    ap.add_argument("--svm-max-rows", type=int, default=10_000)
    ap.add_argument("--mlp-epochs", type=int, default=5)
    ap.add_argument("--mlp-lr", type=float, default=1e-3)
    a = ap.parse_args()

    warnings.filterwarnings("ignore", category=ConvergenceWarning)
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

    with Phase() as ph:
        df = pd.read_csv(a.csv)
    out["rows"] = len(df)
    out["read_csv"] = {"seconds": ph.seconds, "peak_rss": ph.peak}

    with Phase() as ph:
        y = df[OUTCOME].to_numpy()
        X = df.drop(columns=[OUTCOME])
        numeric = [c for c in X.columns if c not in CATEGORICAL]
        Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.2, random_state=42, stratify=y)
        prep = Pipeline([
            ("columns", ColumnTransformer([
                ("num", SimpleImputer(strategy="mean"), numeric),
                ("cat", Pipeline([
                    ("impute", SimpleImputer(strategy="most_frequent")),
                    ("onehot", OneHotEncoder(drop="first", sparse_output=False)),
                ]), CATEGORICAL),
            ])),
            ("scale", StandardScaler()),
        ])
        Ztr = prep.fit_transform(Xtr)
        Zte = prep.transform(Xte)
    names = [design_name(n) for n in prep.named_steps["columns"].get_feature_names_out()]
    out["preprocess"] = {
        "seconds": ph.seconds, "peak_rss": ph.peak, "train_rows": len(ytr), "test_rows": len(yte),
        "train_row_sum": int(Xtr.index.to_numpy().sum()), "features": names,
    }

    out["logreg_default"] = fit_lr(Ztr, ytr, Zte, yte, names)
    out["logreg_tight"] = fit_lr(Ztr, ytr, Zte, yte, names, tol=1e-10, max_iter=10_000)
    try:
        from threadpoolctl import threadpool_limits
        with threadpool_limits(limits=1):  # one core, as our worker computes
            out["logreg_default_1thread"] = fit_lr(Ztr, ytr, Zte, yte, names)
    except ImportError:
        pass
    out["logreg_exact"] = fit_lr(Ztr, ytr, Zte, yte, names, solver="newton-cg", tol=1e-10, max_iter=10_000)
    out["logreg_none"] = fit_lr(Ztr, ytr, Zte, yte, names, penalty=None)

    if len(ytr) + len(yte) <= a.svm_max_rows:
        with Phase() as ph:
            svc = SVC(kernel="linear", C=1.0).fit(Ztr, ytr)
        t = time.perf_counter()
        auc = roc_auc_score(yte, svc.decision_function(Zte))
        out["svc"] = {
            "seconds": ph.seconds, "evaluate_seconds": time.perf_counter() - t, "test_auc": float(auc),
            "n_support": int(svc.n_support_.sum()),
            "coefficients": {n: float(c) for n, c in zip(names, svc.coef_[0])},
            "intercept": float(svc.intercept_[0]), "peak_rss": ph.peak,
        }
    else:
        out["svc_skipped"] = f"SVC(kernel='linear') skipped above {a.svm_max_rows} rows: libsvm's time grows quadratically or worse with the rows"

    with Phase() as ph:
        mlp = MLPClassifier(hidden_layer_sizes=(16,), alpha=1e-4, learning_rate_init=a.mlp_lr, max_iter=a.mlp_epochs,
                            early_stopping=True, validation_fraction=0.1, n_iter_no_change=10, random_state=42)
        mlp.fit(Ztr, ytr)
    auc = roc_auc_score(yte, mlp.predict_proba(Zte)[:, 1])
    out["mlp"] = {"seconds": ph.seconds, "epochs": int(mlp.n_iter_), "seconds_per_epoch": ph.seconds / mlp.n_iter_,
                  "test_auc": float(auc), "peak_rss": ph.peak}

    phases = [out["read_csv"], out["preprocess"], out["logreg_default"], out["logreg_tight"], out["logreg_exact"],
              out["logreg_none"], out["mlp"]]
    phases += [out[k] for k in ("svc", "logreg_default_1thread") if k in out]
    out["peak_rss"] = max(p["peak_rss"] for p in phases)
    text = json.dumps(out)
    if a.json:
        with open(a.json, "w") as f:
            f.write(text)
    print(text)


if __name__ == "__main__":
    main()
