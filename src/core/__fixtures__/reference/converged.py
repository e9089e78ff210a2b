#!/usr/bin/python3
"""The exact optimum of the fixtures' L2 logistic objective, to check solvers against.

The shipped fixtures (reference.py, scikit-learn 1.2.1) fit LogisticRegression with lbfgs; scipy stops
it on its default relative-decrease test (ftol = 2.2e-9, not settable from scikit-learn 1.2.1) long
before tol = 1e-12, so their `logistic_l2_C1` coefficients sit 4-7e-5 from the optimum (gradient
norm 4e-4 to 5e-3). This script takes the same split and scaler from each fixture, solves
J(w, b) = 0.5*|w|^2 + C*sum(log(1 + exp(-y_i(w.x_i + b)))) by Newton's method to |grad J|_inf < 1e-10,
and cross-checks the result with scikit-learn's newton-cg.

Usage: converged.py > converged.json   (run from this folder; reads ../../../../public/samples/)
"""
import json, sys, warnings
import numpy as np, pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score

warnings.filterwarnings("ignore")
SAMPLES = "../../../../public/samples/"


def load(name):
    return json.loads(open(name).read().replace("NaN", "null"))


def newton(Z, y, C=1.0):
    n, p = Z.shape
    A = np.hstack([Z, np.ones((n, 1))])
    theta = np.zeros(p + 1)
    s = 2 * y - 1
    for _ in range(200):
        m = A @ theta
        sig = 1 / (1 + np.exp(s * m))          # = sigma(-s m)
        g = np.concatenate([theta[:p], [0.0]]) - C * A.T @ (s * sig)
        if np.abs(g).max() < 1e-10:
            break
        w = sig * (1 - sig)
        H = C * A.T @ (A * w[:, None]) + np.diag(np.concatenate([np.ones(p), [0.0]]))
        theta -= np.linalg.solve(H, g)
    return theta[:p], theta[p], float(np.abs(g).max())


out = {}
for fixture in ["wdbc.json", "pima_diabetes_drop.json", "pima_diabetes_mean.json"]:
    f = load(fixture)
    df = pd.read_csv(SAMPLES + f["csv"])
    X = df[f["features"]].to_numpy(float)
    y = (df[f["target"]].astype(str) == f["positive"]).astype(int).to_numpy()
    tr, te = np.array(f["train_rows"]), np.array(f["test_rows"])
    Xtr, Xte = X[tr], X[te]
    if f["missing"] == "mean":
        mu_fill = np.nanmean(Xtr, axis=0)
        Xtr = np.where(np.isnan(Xtr), mu_fill, Xtr)
        Xte = np.where(np.isnan(Xte), mu_fill, Xte)
    mu, sd = np.array(f["scaler"]["mean"]), np.array(f["scaler"]["std"])
    Ztr, Zte = (Xtr - mu) / sd, (Xte - mu) / sd
    coef, intercept, grad = newton(Ztr, y[tr])
    check = LogisticRegression(C=1.0, solver="newton-cg", tol=1e-10, max_iter=10000).fit(Ztr, y[tr])
    assert np.abs(check.coef_[0] - coef).max() < 1e-7, "newton-cg disagrees"
    pred = lambda Z: (Z @ coef + intercept > 0).astype(int)
    out[fixture[:-5]] = {
        "coef": coef.tolist(), "intercept": float(intercept), "gradient_inf_norm": grad,
        "train_accuracy": accuracy_score(y[tr], pred(Ztr)), "accuracy": accuracy_score(y[te], pred(Zte)),
        "max_abs_diff_from_sklearn_lbfgs_fixture": float(np.abs(coef - np.array(f["logistic_l2_C1"]["coef"])).max()),
    }
json.dump(out, sys.stdout, indent=1)
print()
