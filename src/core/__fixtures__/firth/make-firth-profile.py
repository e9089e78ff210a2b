#!/usr/bin/python3
"""Profile penalized-likelihood references for Firth's logistic regression (logistf's intervals and
likelihood-ratio p-values), independent of the app's solver, for models/logistic-firth.test.ts.

Usage (from this folder, after make-firth-cases.R):  /usr/bin/python3 make-firth-profile.py
Made with Python 3.11, numpy 1.24.2, scipy 1.10.1 (Debian 12). Writes firth-profile.json.

logistf is not on Debian, so this computes what it reports from its definition, by another route than
the app (models/logistic-firth.ts: modified Fisher scoring, Venzon-Moolgavkar):
  - the penalized log-likelihood l*(theta) = l(theta) + 1/2 log det(A'WA) is evaluated directly (slogdet),
    with the full design A = [X 1] of the case (raw covariates and 0/1 indicators, as make-firth-cases.R
    builds them, each column divided by its largest |value| for the optimizer's sake: a rescaling,
    another one than the app's z-scores; the results are mapped back to raw units);
  - it is maximized by BFGS (scipy.optimize.minimize, analytic gradient) and then polished by Newton steps
    with a central-difference Hessian of that gradient, to a gradient below 1e-9;
  - the profile P(b) = max{l*(theta) : theta_j = b} is that maximization over the other coordinates, with
    the penalty of the FULL design (theta_j fixed inside it), as logistf; l* restricted so need not be
    concave (with complete separation it has a second maximum far along the separating direction), so
    each P(b) is the best of 7 starts (the previous point, the estimate, the estimate times 2, 4, ..., 32);
  - the 95% bounds are the roots of P(b) = l*(theta_hat) - chi2_1(0.95)/2 on each side of the estimate
    (scipy.optimize.brentq on an expanding bracket, xtol 1e-13 relative);
  - the p-value is chi2_1's survival function at 2 (l*(theta_hat) - P(0)).
The estimate itself is checked against brglm2's (firth-cases.json) first. firth-cases.json's wdbc case
(30 features) is left out: the multi-start search would take hours there. This script takes ~4 minutes.
Output per case, in raw units of the covariates and the app's feature order: estimate, low, high, p, and
the penalized log-likelihood l* of the raw design (the app's, on z-scores, differs by -sum(log sd)).
"""
import csv
import json
import math

import numpy as np
from scipy.optimize import brentq, minimize
from scipy.special import expit
from scipy.stats import chi2

SAMPLES = "../../../../public/samples/"
LEVEL = chi2.ppf(0.95, 1)  # 3.841458820694124


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def pima_design(name):
    with open(f"../reference/{name}.json", encoding="utf-8") as f:
        fx = json.loads(f.read().replace("NaN", "null"))
    rows = read_csv(SAMPLES + fx["csv"])
    used = [rows[i] for i in fx["train_rows"]]
    cell = lambda v: float(v) if v.strip() not in ("", "NA") else np.nan
    X = np.array([[cell(r[c]) for c in fx["features"]] for r in used])
    if fx["missing"] == "mean":
        fill = np.nanmean(X, axis=0)
        X = np.where(np.isnan(X), fill, X)
    assert not np.isnan(X).any()
    y = np.array([1.0 if r[fx["target"]] == fx["positive"] else 0.0 for r in used])
    return X, y


def cohort_design(file, numeric, categorical):
    rows = [r for r in read_csv(file) if r["set"] == "train"]
    cols = [np.array([float(r[c]) for r in rows]) for c in numeric]
    for c in categorical:
        levels = sorted({r[c] for r in rows})
        cols += [np.array([1.0 if r[c] == level else 0.0 for r in rows]) for level in levels[1:]]
    y = np.array([1.0 if r["outcome"] == "yes" else 0.0 for r in rows])
    return np.column_stack(cols), y


class Penalized:
    """l*(theta) and its gradient for the design A = [X / scale, 1] (intercept last)."""

    def __init__(self, X, y):
        self.scale = np.abs(X).max(axis=0)
        self.A = np.column_stack([X / self.scale, np.ones(len(y))])
        self.y = y

    def value(self, theta):
        eta = self.A @ theta
        mu = expit(eta)
        info = self.A.T @ (self.A * (mu * (1 - mu))[:, None])
        sign, logdet = np.linalg.slogdet(info)
        if sign <= 0:
            return -np.inf
        return float(np.sum(self.y * eta - np.logaddexp(0.0, eta)) + 0.5 * logdet)

    def gradient(self, theta):
        # d/dtheta_k 1/2 log det I = 1/2 tr(I^-1 dI/dtheta_k), dI/dtheta_k = A' diag(w (1 - 2 mu) a_k) A
        eta = self.A @ theta
        mu = expit(eta)
        w = mu * (1 - mu)
        inv = np.linalg.inv(self.A.T @ (self.A * w[:, None]))
        quad = np.einsum("ij,jk,ik->i", self.A, inv, self.A)  # a_i' I^-1 a_i
        return self.A.T @ (self.y - mu) + 0.5 * self.A.T @ (quad * w * (1 - 2 * mu))


def maximize(f, start, free):
    """max of f.value over theta[free], the other coordinates held; returns (value, theta)."""
    theta = start.copy()

    def neg(z):
        t = theta.copy()
        t[free] = z
        v = f.value(t)
        return -v if np.isfinite(v) else 1e300

    def neg_grad(z):
        t = theta.copy()
        t[free] = z
        try:
            return -f.gradient(t)[free]
        except np.linalg.LinAlgError:  # I singular (where neg is 1e300): the line search backs off
            return np.zeros(len(free))

    r = minimize(neg, theta[free], jac=neg_grad, method="BFGS", options={"gtol": 1e-10, "maxiter": 10000})
    theta[free] = r.x
    # Newton polish: Hessian by central differences of the analytic gradient
    for _ in range(20):
        g = f.gradient(theta)[free]
        if np.max(np.abs(g)) < 1e-11:
            break
        k = len(free)
        H = np.empty((k, k))
        for a in range(k):
            h = 1e-5 * (1 + abs(theta[free[a]]))
            up, down = theta.copy(), theta.copy()
            up[free[a]] += h
            down[free[a]] -= h
            H[:, a] = (f.gradient(up)[free] - f.gradient(down)[free]) / (2 * h)
        step = np.linalg.solve(0.5 * (H + H.T), -g)
        t = 1.0
        while t > 1e-8:
            trial = theta.copy()
            trial[free] += t * step
            if f.value(trial) >= f.value(theta) - 1e-12 * abs(f.value(theta)):
                theta = trial
                break
            t /= 2
        else:
            break
    g = f.gradient(theta)[free]
    assert np.max(np.abs(g)) < 1e-8, np.max(np.abs(g))
    return f.value(theta), theta


def check_gradient(f, theta):
    """The analytic gradient against central differences of l* (a check of this script's formulas)."""
    for k in range(len(theta)):
        h = 1e-6 * (1 + abs(theta[k]))
        up, down = theta.copy(), theta.copy()
        up[k] += h
        down[k] -= h
        fd = (f.value(up) - f.value(down)) / (2 * h)
        assert abs(fd - f.gradient(theta)[k]) < 1e-5 * (1 + abs(fd)), (k, fd, f.gradient(theta)[k])


def profile_case(X, y, brglm2):
    f = Penalized(X, y)
    p = X.shape[1]
    everything = np.arange(p + 1)
    start = np.zeros(p + 1)
    start[p] = math.log(y.mean() / (1 - y.mean()))
    top, est = maximize(f, start, everything)
    check_gradient(f, est)
    raw = est[:p] / f.scale
    ref = np.array(brglm2["coef"])
    assert np.max(np.abs(raw - ref) / (np.abs(ref) + 1e-3)) < 1e-7, (raw, ref)
    assert abs(est[p] - brglm2["intercept"]) < 1e-7 * (1 + abs(brglm2["intercept"]))
    cov = np.linalg.inv(f.A.T @ (f.A * (expit(f.A @ est) * (1 - expit(f.A @ est)))[:, None]))
    level = top - LEVEL / 2
    low, high, pval = [], [], []
    for j in range(p):
        free = everything[everything != j]
        warm = [est.copy()]

        def profile(b):
            # l* restricted to theta_j = b need not be concave (with separation it has a second maximum far out
            # along the separating direction): the best of several starts, the previous point's included
            best = (-np.inf, None)
            for start in [warm[0], est, *(c * est for c in (2, 4, 8, 16, 32))]:
                t = start.copy()
                t[j] = b
                if not np.isfinite(f.value(t)):
                    continue
                try:
                    value, theta = maximize(f, t, free)
                except (AssertionError, np.linalg.LinAlgError):
                    continue
                if value > best[0]:
                    best = (value, theta)
            assert best[1] is not None
            warm[0] = best[1]
            return best[0]

        def excess(b):
            return profile(b) - level

        se = math.sqrt(cov[j, j])
        bounds = []
        for side in (-1, 1):
            warm[0] = est.copy()
            inner, k = est[j], 1
            while True:
                outer = est[j] + side * 2 ** k * 1.96 * se
                if excess(outer) < 0:
                    break
                inner, k = outer, k + 1
            warm[0] = est.copy()
            lo, hi = sorted((inner, outer))
            bounds.append(brentq(excess, lo, hi, xtol=1e-13 * (1 + abs(est[j])), rtol=1e-14, maxiter=500))
        low.append(bounds[0] / f.scale[j])
        high.append(bounds[1] / f.scale[j])
        at_zero = profile(0.0)
        pval.append(float(chi2.sf(2 * (top - at_zero), 1)))
    return {
        "features": brglm2["features"], "estimate": list(raw), "intercept": float(est[p]),
        "low": low, "high": high, "p": pval,
        # l* of the raw design: log det I changes by 2 log|det T| under A -> A T, here T = diag(1/scale, 1)
        "penalized_loglik_raw": top + float(np.sum(np.log(f.scale))),
    }


def main():
    with open("firth-cases.json", encoding="utf-8") as f:
        cases = json.load(f)
    designs = {
        "pima_drop": lambda: pima_design("pima_diabetes_drop"),
        "pima_mean": lambda: pima_design("pima_diabetes_mean"),
        "quasi_separated": lambda: cohort_design("quasi-separated.csv", ["age", "treated"], []),
        "separated": lambda: cohort_design("separated.csv", ["marker", "noise"], []),
        "categorical": lambda: cohort_design("categorical.csv", ["age"], ["sex", "stage", "site"]),
    }
    out = {"meta": {
        "made_by": "make-firth-profile.py", "numpy": np.__version__, "scipy": __import__("scipy").__version__,
        "level": LEVEL, "method": "BFGS + Newton polish of l* with theta_j fixed (full-design penalty), brentq on the profile",
    }}
    for name, design in designs.items():
        X, y = design()
        out[name] = profile_case(X, y, cases[name])
    with open("firth-profile.json", "w", encoding="utf-8") as f:
        f.write(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
