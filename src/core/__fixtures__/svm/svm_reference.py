#!/usr/bin/python3
"""Reference fits for models/svm.ts and models/platt.ts (scikit-learn 1.2.1, numpy 1.24, Debian 12).

Usage: /usr/bin/python3 svm_reference.py > svm_cases.json
SVM: SVC(kernel='linear', C=c, tol=1e-8) (libsvm) on small synthetic sets, c in {0.01, 1, 100}, and the
exact optimum next to it (`exact_*`, see polish(): libsvm stops on m(a) - M(a) < tol of its own incrementally
updated gradient, which leaves it up to ~5e-5 from the optimum at C = 100; null for `binary_ties`, whose repeated
rows on the margin make the least-squares multipliers leave the box: there, only libsvm's result).
Platt: a numpy port of libsvm's sigmoid_train (svm.cpp, Lin, Lin & Weng 2007), and scikit-learn's
_sigmoid_calibration (same loss and targets, minimized by scipy's BFGS instead) for comparison.
"""
import json, sys, warnings
warnings.filterwarnings("ignore")
import numpy as np
from sklearn.svm import SVC
from sklearn.calibration import _sigmoid_calibration

rs = np.random.RandomState(7)


def blobs(n_pos, n_neg, p, shift, scale=1.0):
    X = np.vstack([rs.randn(n_pos, p) * scale + shift, rs.randn(n_neg, p) * scale - shift])
    y = np.r_[np.ones(n_pos, int), np.zeros(n_neg, int)]
    perm = rs.permutation(len(y))
    return np.round(X[perm], 6), y[perm]


sets = {}
sets["overlapping"] = blobs(40, 40, 3, 0.5)
sets["separable"] = blobs(20, 20, 2, 2.5, 0.6)
X, y = blobs(15, 15, 2, 0.15)
sets["all_bounded"] = (X, y)  # balanced and heavily overlapping: at C = 0.01 every point is bounded
X, y = blobs(15, 15, 2, 0.7)
sets["duplicated"] = (np.vstack([X, X[:10]]), np.r_[y, y[:10]])
sets["one_feature"] = blobs(25, 25, 1, 0.8)
sets["unbalanced"] = blobs(3, 57, 4, 0.8)
X = (rs.rand(120, 3) < 0.35).astype(float)  # 8 distinct rows, repeated: ties everywhere (one-hot data)
y = (X @ [1.0, -0.5, 0.8] + rs.rand(120) - 0.5 > 0.4).astype(int)
sets["binary_ties"] = (np.round((X - X.mean(0)) / X.std(0), 6), y)


def libsvm_gap(X, y, alpha, C, b):
    """libsvm's stopping quantity m(a) - M(a) (Fan, Chen & Lin 2005) for the dual solution alpha."""
    s = 2 * y - 1
    v = s - X @ (X.T @ (alpha * s))  # -y_i * grad_i
    up = ((s > 0) & (alpha < C)) | ((s < 0) & (alpha > 0))
    low = ((s < 0) & (alpha < C)) | ((s > 0) & (alpha > 0))
    return float(v[up].max() - v[low].min())


def polish(X, y, C, w, b, delta=1e-3):
    """The exact optimum near libsvm's (w, b): with E = {y f < 1}, M = {y f = 1} fixed (taken from libsvm's
    solution with tolerance delta), the KKT conditions are linear: w = C sum_E y x + sum_M beta x,
    x_k'w + b = y_k (k in M), sum_M beta = -C sum_E y. Solved by least squares (beta need not be unique,
    w and b are), then checked: 0 <= y_k beta_k <= C and the sets unchanged. With M empty, b is the
    midpoint of its optimal interval, as libsvm takes it."""
    s = 2 * y - 1
    m = s * (X @ w + b)
    E, M = m < 1 - delta, np.abs(m - 1) <= delta
    p, k = X.shape[1], int(M.sum())
    g = C * (s[E] @ X[E])
    if k == 0:
        w = g
        f = X @ w
        R = ~E
        lo = max(np.max(1 - f[R & (s > 0)], initial=-np.inf), np.max(-1 - f[E & (s < 0)], initial=-np.inf))
        hi = min(np.min(-1 - f[R & (s < 0)], initial=np.inf), np.min(1 - f[E & (s > 0)], initial=np.inf))
        assert lo <= hi
        return w, (lo + hi) / 2, 0.0
    A = np.zeros((p + k + 1, p + 1 + k)); r = np.zeros(p + k + 1)
    A[:p, :p] = np.eye(p); A[:p, p + 1:] = -X[M].T; r[:p] = g
    A[p:p + k, :p] = X[M]; A[p:p + k, p] = 1; r[p:p + k] = s[M]
    A[p + k, p + 1:] = 1; r[p + k] = -C * s[E].sum()
    sol = np.linalg.lstsq(A, r, rcond=None)[0]
    w, b, a = sol[:p], float(sol[p]), sol[p + 1:] * s[M]
    assert np.abs(A @ sol - r).max() < 1e-10 and a.min() > -1e-9 and a.max() < C * (1 + 1e-9)
    m2 = s * (X @ w + b)
    assert np.all(m2[E] < 1) and np.all(m2[~E & ~M] > 1)
    return w, b, float(np.abs(A @ sol - r).max())


cases = []
for name, (X, y) in sets.items():
    for C in (0.01, 1.0, 100.0):
        svc = SVC(kernel="linear", C=C, tol=1e-8).fit(X, y)
        alpha = np.zeros(len(y))
        alpha[svc.support_] = np.abs(svc.dual_coef_[0])
        w, b = svc.coef_[0], float(svc.intercept_[0])
        s = 2 * y - 1
        hinge = np.maximum(0, 1 - s * (X @ w + b))
        bounded = int(np.sum(alpha >= C * (1 - 1e-12)))
        try:
            we, be, res = polish(X, y, C, w, b)
        except AssertionError:  # ties: rows repeated on the margin, beta by least squares leaves the box
            we, be, res = None, None, None
        cases.append({"name": name, "C": C, "X": X.tolist(), "y": y.tolist(), "coef": w.tolist(), "intercept": b,
                      "n_support": int(len(svc.support_)), "n_bounded": bounded,
                      "n_free": int(len(svc.support_)) - bounded,
                      "objective": float(0.5 * w @ w + C * hinge.sum()),
                      "exact_coef": None if we is None else we.tolist(), "exact_intercept": be, "exact_residual": res,
                      "exact_objective": None if we is None else float(0.5 * we @ we + C * np.maximum(0, 1 - s * (X @ we + be)).sum()),
                      "libsvm_gap": libsvm_gap(X, y, alpha, C, b)})


def sigmoid_train(dec, labels):
    """Line-by-line port of libsvm 3.x sigmoid_train (svm.cpp)."""
    prior1 = float(np.sum(labels > 0)); prior0 = len(labels) - prior1
    max_iter, min_step, sigma, eps = 100, 1e-10, 1e-12, 1e-5
    hi, lo = (prior1 + 1.0) / (prior1 + 2.0), 1 / (prior0 + 2.0)
    t = np.where(labels > 0, hi, lo)
    A, B = 0.0, np.log((prior0 + 1.0) / (prior1 + 1.0))

    def fval(A, B):
        f = 0.0
        for fi, ti in zip(dec, t):
            fApB = fi * A + B
            f += ti * fApB + np.log(1 + np.exp(-fApB)) if fApB >= 0 else (ti - 1) * fApB + np.log(1 + np.exp(fApB))
        return f

    fv, it = fval(A, B), 0
    for it in range(max_iter):
        h11 = h22 = sigma; h21 = g1 = g2 = 0.0
        for fi, ti in zip(dec, t):
            fApB = fi * A + B
            if fApB >= 0:
                p = np.exp(-fApB) / (1.0 + np.exp(-fApB)); q = 1.0 / (1.0 + np.exp(-fApB))
            else:
                p = 1.0 / (1.0 + np.exp(fApB)); q = np.exp(fApB) / (1.0 + np.exp(fApB))
            d2 = p * q
            h11 += fi * fi * d2; h22 += d2; h21 += fi * d2
            d1 = ti - p
            g1 += fi * d1; g2 += d1
        if abs(g1) < eps and abs(g2) < eps:
            break
        det = h11 * h22 - h21 * h21
        dA = -(h22 * g1 - h21 * g2) / det; dB = -(-h21 * g1 + h11 * g2) / det
        gd = g1 * dA + g2 * dB
        step = 1.0
        while step >= min_step:
            nA, nB = A + step * dA, B + step * dB
            nf = fval(nA, nB)
            if nf < fv + 0.0001 * step * gd:
                A, B, fv = nA, nB, nf
                break
            step /= 2.0
        if step < min_step:
            break
    return float(A), float(B), it


platt = []
def add_platt(name, dec, lab):
    A, B, it = sigmoid_train(dec, lab)
    sA, sB = _sigmoid_calibration(dec, lab)
    platt.append({"name": name, "decision": dec.tolist(), "y": lab.tolist(), "A": A, "B": B, "iterations": it,
                  "sklearn_A": float(sA), "sklearn_B": float(sB)})

f = np.round(rs.randn(200) * 1.5, 6)
add_platt("logistic_labels", f, (rs.rand(200) < 1 / (1 + np.exp(-2 * f + 0.3))).astype(int))
f = np.round(np.r_[rs.rand(30) + 0.2, -rs.rand(30) - 0.2], 6)
add_platt("separable", f, np.r_[np.ones(30, int), np.zeros(30, int)])
add_platt("tiny", np.array([-1.2, -0.3, 0.1, 0.4, 2.0]), np.array([0, 1, 0, 1, 1]))
f = np.round(rs.randn(100) - 1.0, 6)
add_platt("unbalanced", f, (rs.rand(100) < 0.05 + 0.2 * (f > 0)).astype(int))
add_platt("constant_decision", np.zeros(10), np.array([1, 0, 0, 1, 0, 0, 0, 1, 0, 0]))
svc = SVC(kernel="linear", C=1.0, tol=1e-8).fit(*sets["overlapping"])
add_platt("svm_overlapping_C1", svc.decision_function(sets["overlapping"][0]), sets["overlapping"][1])

json.dump({"svm": cases, "platt": platt}, sys.stdout)
