#!/usr/bin/env python3
"""The seed's Python script, end to end on a cohort file, timed part by part: what a data scientist runs instead
of the app's journey (file -> profile, Train -> results).

read_csv -> mean imputation + one-hot (drop='first') + StandardScaler in a ColumnTransformer, fitted on the
training rows of train_test_split(test_size=0.2, random_state=42, stratify=y) -> LogisticRegression() ->
accuracy and AUC on the test rows. The same design as ours and as sklearn_bench.py (the scaler runs on every
design column). Then, for the unpenalized model with standard errors (our logreg-mle): statsmodels'
Logit(y, add_constant(Z)).fit() with its standard errors, on the same training matrix; and, with --glm-out,
the training matrix written as raw float64 for R's glm (journey_glm.R).

Run twice by the benchmark: with --part=seed, the seed's script alone, so that the caller's clock on the process
(spawn to exit: interpreter start, imports, the script, teardown) is the script's; with --part=models, the same
preparation again (not timed) and then statsmodels and the matrix for R.

Times are wall-clock (time.perf_counter). "imports" is the time to import pandas and scikit-learn, measured
from the start of this file. Writes JSON to --json.
"""
import time

T0 = time.perf_counter()
import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn.compose import ColumnTransformer  # noqa: E402
from sklearn.impute import SimpleImputer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import accuracy_score, roc_auc_score  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402
from sklearn.preprocessing import OneHotEncoder, StandardScaler  # noqa: E402

IMPORTS = time.perf_counter() - T0
OUTCOME = "outcome"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", required=True)
    ap.add_argument("--json", required=True)
    ap.add_argument("--glm-out", help="write the training matrix and outcome here (raw little-endian float64) for R")
    ap.add_argument("--part", choices=["seed", "models"], default="seed")
    a = ap.parse_args()
    warnings.filterwarnings("ignore")
    parts = {}

    # --- the seed's script ---
    t_script = time.perf_counter()
    t = t_script
    df = pd.read_csv(a.csv)
    parts["read_csv"] = time.perf_counter() - t

    t = time.perf_counter()
    y = df[OUTCOME].to_numpy()
    X = df.drop(columns=[OUTCOME])
    categorical = [c for c in X.columns if not pd.api.types.is_numeric_dtype(X[c])]
    numeric = [c for c in X.columns if c not in categorical]
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.2, random_state=42, stratify=y)
    parts["split"] = time.perf_counter() - t

    t = time.perf_counter()
    prep = Pipeline([
        ("columns", ColumnTransformer([
            ("num", SimpleImputer(strategy="mean"), numeric),
            ("cat", Pipeline([
                ("impute", SimpleImputer(strategy="most_frequent")),
                ("onehot", OneHotEncoder(drop="first", sparse_output=False)),
            ]), categorical),
        ])),
        ("scale", StandardScaler()),
    ])
    Ztr = prep.fit_transform(Xtr)
    Zte = prep.transform(Xte)
    parts["impute_onehot_scale"] = time.perf_counter() - t

    t = time.perf_counter()
    model = LogisticRegression().fit(Ztr, ytr)
    parts["fit"] = time.perf_counter() - t

    t = time.perf_counter()
    accuracy = accuracy_score(yte, model.predict(Zte))
    auc = roc_auc_score(yte, model.predict_proba(Zte)[:, 1])
    parts["evaluate"] = time.perf_counter() - t
    script = time.perf_counter() - t_script

    out = {
        "ok": True,
        "rows": int(len(df)),
        "imports": IMPORTS,
        "parts": parts,
        "script": script,
        "train_rows": int(len(ytr)),
        "train_row_sum": int(Xtr.index.to_numpy().sum()),
        "design_columns": int(Ztr.shape[1]),
        "accuracy": float(accuracy),
        "auc": float(auc),
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "pandas": pd.__version__},
    }
    import sklearn
    out["versions"]["sklearn"] = sklearn.__version__

    # --- the unpenalized model with standard errors, as statsmodels fits it ---
    if a.part == "models":
        import statsmodels
        import statsmodels.api as sm
        out["versions"]["statsmodels"] = statsmodels.__version__
        t = time.perf_counter()
        Zc = sm.add_constant(Ztr, has_constant="add")
        result = sm.Logit(ytr, Zc).fit(disp=0)
        se = result.bse  # the standard errors: the inverse Hessian at the optimum
        out["statsmodels"] = {"seconds": time.perf_counter() - t, "iterations": int(result.mle_retvals.get("iterations", -1)),
                              "converged": bool(result.mle_retvals.get("converged", False)), "max_se": float(np.max(se))}

    if a.part == "models" and a.glm_out:
        np.ascontiguousarray(np.column_stack([ytr.astype(np.float64), Ztr]), dtype="<f8").tofile(a.glm_out)
        out["glm_matrix"] = {"path": a.glm_out, "rows": int(Ztr.shape[0]), "columns": int(Ztr.shape[1]) + 1}

    with open(a.json, "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
