#!/usr/bin/python3
"""Exact optimum of the linear SVM (C = 1) on the training rows of the reference fixtures (../reference).

Usage: /usr/bin/python3 fixture_optima.py > fixture_optima.json   (run from this directory)
scikit-learn's SVC (libsvm) stops on its gap m(a) - M(a) < tol: the fixtures' `svm_linear_C1` (tol = 1e-8) sit
2-4e-6 from the optimum, and even tol = 1e-12 does not get closer. Here the KKT conditions are solved exactly:
with E = {y f < 1} (alpha = C), M = {y f = 1} (free), R = {y f > 1} (alpha = 0), they are linear,
  w = C sum_E y x + sum_M beta x,   x_k'w + b = y_k (k in M),   sum_M beta = -C sum_E y,
solved by least squares; the sets start from libsvm's solution (tolerance 1e-4) and rows move between them
until 0 <= y_k beta_k <= C on M and the margins agree with E and R (an active-set method).
"""
import json, sys, warnings
warnings.filterwarnings("ignore")
import numpy as np, pandas as pd
from sklearn.svm import SVC

out = {}
for name in ["wdbc", "pima_diabetes_drop", "pima_diabetes_mean"]:
    fx = json.load(open(f"../reference/{name}.json"))
    df = pd.read_csv("../../../../public/samples/" + fx["csv"])
    X = df[fx["features"]].to_numpy(float)
    y = (df[fx["target"]].astype(str) == fx["positive"]).astype(int).to_numpy()
    tr = np.array(fx["train_rows"])
    Xtr = X[tr]
    if fx["missing"] == "mean":
        Xtr = np.where(np.isnan(Xtr), np.nanmean(Xtr, axis=0), Xtr)
    Z = (Xtr - np.array(fx["scaler"]["mean"])) / np.array(fx["scaler"]["std"])
    s = 2 * y[tr] - 1
    C, p = 1.0, Z.shape[1]
    svc = SVC(kernel="linear", C=C, tol=1e-12).fit(Z, y[tr])
    m = s * (Z @ svc.coef_[0] + svc.intercept_[0])
    state = np.where(m < 1 - 1e-4, 2, np.where(m > 1 + 1e-4, 0, 1))  # 2: E, 1: M, 0: R
    for it in range(100):
        E, M = state == 2, state == 1
        k = int(M.sum())
        A = np.zeros((p + k + 1, p + 1 + k)); r = np.zeros(p + k + 1)
        A[:p, :p] = np.eye(p); A[:p, p + 1:] = -Z[M].T; r[:p] = C * (s[E] @ Z[E])
        A[p:p + k, :p] = Z[M]; A[p:p + k, p] = 1; r[p:p + k] = s[M]
        A[p + k, p + 1:] = 1; r[p + k] = -C * s[E].sum()
        sol = np.linalg.lstsq(A, r, rcond=None)[0]
        w, b = sol[:p], float(sol[p])
        a = np.zeros(len(s)); a[M] = sol[p + 1:] * s[M]
        m = s * (Z @ w + b)
        viol = (M & (a < 0)) | (M & (a > C)) | (E & (m > 1)) | ((state == 0) & (m < 1))
        if not viol.any():
            break
        i = np.flatnonzero(viol)[np.argmax((np.abs(m - 1) + np.maximum(-a, 0) + np.maximum(a - C, 0))[viol])]
        state[i] = (0 if a[i] < 0 else 2) if M[i] else 1
    assert not viol.any() and np.abs(A @ sol - r).max() < 1e-10
    out[name] = {"coef": w.tolist(), "intercept": b, "n_free": k, "active_set_moves": it,
                 "residual": float(np.abs(A @ sol - r).max()),
                 "objective": float(0.5 * w @ w + C * np.maximum(0, 1 - m).sum())}
json.dump(out, sys.stdout, indent=1)
