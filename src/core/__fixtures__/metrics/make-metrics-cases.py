#!/usr/bin/python3
"""Makes metrics-cases.json: evaluation metrics from scikit-learn 1.2.1 / numpy 1.24 / statsmodels 0.13
and R 4.2 (delong-glm.R beside this file), for src/core/metrics/*.test.ts.

Usage: /usr/bin/python3 make-metrics-cases.py > metrics-cases.json   (Rscript must be on PATH)

Each case: labels y (a string of 0/1), scores, and what the Python libraries say about them:
  auc          roc_auc_score (absent when y has one class: sklearn raises)
  roc          roc_curve(drop_intermediate=True) and, for small cases, roc_full (=False): fpr, tpr, thresholds
  pr           precision_recall_curve: precision, recall, thresholds;  ap: average_precision_score
  delong       se, lower, upper at 95%: DeLong (1988) from the explicit m x n psi matrix (numpy), the
               interval as pROC::ci_auc_delong (auc -/+ qnorm(.975) se, clipped to [0, 1]); null when m or n <= 1
  brier        brier_score_loss (probability cases only)
  calibration  slope and its intercept: statsmodels GLM Binomial y ~ 1 + logit p, null where a threshold on
               logit p separates the classes (no finite estimate); citl: intercept of y ~ 1 with offset logit p,
               by brentq on the score equation (citl_statsmodels: GLM's, null where its IRLS fails);
               logit p of p clipped to [1e-15, 1 - 1e-15]
  bins         calibration_curve(strategy='quantile', n_bins=10) with counts and statsmodels Wilson 95% intervals
  at           confusion_matrix and the threshold metrics at thresholds t, predicting p >= t; null where a
               denominator is 0 (sklearn returns 0 with a warning there)
  r            the same quantities from R (wilcox.test, DeLong from the paper's formulas, glm)
Floats are written with repr (exact round trip); an undefined value (NaN in sklearn) as null.
"""
import csv, json, math, os, subprocess, sys, tempfile, warnings
import numpy as np, sklearn, scipy.optimize, scipy.special, scipy.stats
import statsmodels.api as sm
from statsmodels.stats.proportion import proportion_confint
from sklearn.calibration import calibration_curve
from sklearn.metrics import (roc_auc_score, roc_curve, precision_recall_curve, average_precision_score,
                             brier_score_loss, confusion_matrix, recall_score, precision_score, f1_score,
                             balanced_accuracy_score, accuracy_score)

warnings.simplefilter("ignore")
assert sklearn.__version__ == "1.2.1", sklearn.__version__
rs = np.random.RandomState(20240611)
sig = lambda z: 1 / (1 + np.exp(-z))
fl = lambda a: [None if math.isnan(v) else float(v) for v in a]  # NaN (undefined rate) as null

def delong(y, s):
    x, yy = s[y == 1], s[y == 0]
    m, n = len(x), len(yy)
    psi = (x[:, None] > yy[None, :]) + 0.5 * (x[:, None] == yy[None, :])
    auc = psi.mean()
    if m <= 1 or n <= 1:
        return None
    v10, v01 = psi.mean(axis=1), psi.mean(axis=0)
    se = math.sqrt(((v10 - auc) ** 2).sum() / (m - 1) / m + ((v01 - auc) ** 2).sum() / (n - 1) / n)
    z = scipy.stats.norm.ppf(0.975)
    return {"auc": float(auc), "se": se, "lower": max(0.0, auc - z * se), "upper": min(1.0, auc + z * se)}

def separated(y, lp):
    """True when a threshold on lp (quasi-)separates the classes: no finite slope (Albert & Anderson 1984)."""
    pos, neg = lp[y == 1], lp[y == 0]
    return pos.min() >= neg.max() or pos.max() <= neg.min()

def glm(y, p):
    lp = np.log(np.clip(p, 1e-15, 1 - 1e-15) / (1 - np.clip(p, 1e-15, 1 - 1e-15)))
    out = {"slope": None, "slope_intercept": None, "citl": None, "citl_statsmodels": None}
    if not separated(y, lp):
        f = sm.GLM(y, sm.add_constant(lp, has_constant="add"), family=sm.families.Binomial()).fit(tol=1e-14, maxiter=200)
        assert f.converged
        out["slope_intercept"], out["slope"] = float(f.params[0]), float(f.params[1])
    # citl: the root of sum(y - expit(a + lp)) = 0, increasing in -a, exists whenever both classes occur.
    # (summed as sum(1 - expit) = sum(expit(-.)) over events minus sum(expit) over non-events: no cancellation)
    score = lambda a: float(np.sum(scipy.special.expit(-(a + lp[y == 1]))) - np.sum(scipy.special.expit(a + lp[y == 0])))
    out["citl"] = scipy.optimize.brentq(score, -80, 80, xtol=1e-15, rtol=4 * np.finfo(float).eps, maxiter=500)
    f = sm.GLM(y, np.ones(len(y)), offset=lp, family=sm.families.Binomial()).fit(tol=1e-14, maxiter=200)
    if f.converged and abs(f.params[0] - out["citl"]) < 1e-6:  # IRLS diverges with offsets near +-34.5
        out["citl_statsmodels"] = float(f.params[0])
    return out

def nan_if(den, v):
    return None if den == 0 else float(v)

def at(y, s, t):
    pred = (s >= t).astype(int)
    tn, fp, fn, tp = (int(v) for v in confusion_matrix(y, pred, labels=[0, 1]).ravel())
    sens = nan_if(tp + fn, recall_score(y, pred, zero_division=0))
    spec = nan_if(tn + fp, recall_score(y, pred, pos_label=0, zero_division=0))
    return {"t": float(t), "tp": tp, "fp": fp, "tn": tn, "fn": fn, "sensitivity": sens, "specificity": spec,
            "ppv": nan_if(tp + fp, precision_score(y, pred, zero_division=0)),
            "npv": nan_if(tn + fn, precision_score(y, pred, pos_label=0, zero_division=0)),
            "f1": nan_if(2 * tp + fp + fn, f1_score(y, pred, zero_division=0)),
            "balanced_accuracy": None if sens is None or spec is None else float(balanced_accuracy_score(y, pred)),
            "accuracy": float(accuracy_score(y, pred))}

def bins(y, p):
    prob_true, prob_pred = calibration_curve(y, p, n_bins=10, strategy="quantile")
    edges = np.percentile(p, np.linspace(0, 1, 11) * 100)
    ids = np.searchsorted(edges[1:-1], p)
    counts = np.bincount(ids, minlength=11)
    events = np.bincount(ids, weights=y, minlength=11)
    nz = counts != 0
    lo, hi = proportion_confint(events[nz], counts[nz], alpha=0.05, method="wilson")
    return {"edges": fl(edges), "mean_predicted": fl(prob_pred), "observed": fl(prob_true),
            "count": [int(c) for c in counts[nz]], "events": [int(e) for e in events[nz]],
            "wilson_lower": fl(lo), "wilson_upper": fl(hi)}

cases = []
def case(name, y, s, prob=True, full=None):
    y, s = np.asarray(y, dtype=int), np.asarray(s, dtype=float)
    c = {"name": name, "prob": prob, "y": "".join(str(v) for v in y), "score": fl(s)}
    two = 0 < y.sum() < len(y)
    if two:
        c["auc"] = float(roc_auc_score(y, s))
        c["delong"] = delong(y, s)
    f, t, th = roc_curve(y, s)
    c["roc"] = {"fpr": fl(f), "tpr": fl(t), "thresholds": fl(th)}
    if full if full is not None else len(y) <= 300:
        f, t, th = roc_curve(y, s, drop_intermediate=False)
        c["roc_full"] = {"fpr": fl(f), "tpr": fl(t), "thresholds": fl(th)}
    pr, rc, th = precision_recall_curve(y, s)
    c["pr"] = {"precision": fl(pr), "recall": fl(rc), "thresholds": fl(th)}
    if y.sum() > 0:
        c["ap"] = float(average_precision_score(y, s))
    ts = sorted(set([0.0, 0.1, 0.35, 0.5, 0.8, 1.0, float(s.min()), float(s.max()), float(np.median(s)),
                     float(s.max()) + 1, float(s.min()) - 1]))
    c["at"] = [at(y, s, t) for t in ts]
    if prob:
        c["brier"] = float(brier_score_loss(y, s))
        if two:
            c["calibration"] = glm(y, s)
        c["bins"] = bins(y, s)
    cases.append(c)

case("hand: sklearn docstring", [0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
case("hand: ties count one half", [0, 1, 0, 1, 1], [0.2, 0.2, 0.6, 0.6, 0.9])
y = (rs.random_sample(300) < 0.3).astype(int)
case("random n=300, two-decimal ties", y, np.round(np.clip(sig(rs.normal(-1, 1, 300) + 1.5 * y), 0, 1), 2))
x = rs.normal(size=1500)
y = (rs.random_sample(1500) < sig(-1.5 + 1.2 * x)).astype(int)
case("model n=1500, overfit (slope < 1)", y, sig(-1.2 + 2.0 * x + 0.3 * rs.normal(size=1500)))
case("model n=1500, underpredicts (citl > 0)", y, sig(-2.2 + 0.9 * x))
case("all tied", (np.arange(50) % 3 == 0).astype(int), np.full(50, 0.3))
yp = (np.arange(40) >= 28).astype(int)
case("perfect ranking", yp, np.linspace(0.02, 0.98, 40))
case("inverted ranking", yp, np.linspace(0.98, 0.02, 40))
y1 = np.zeros(30, dtype=int); y1[17] = 1
case("one positive", y1, np.round(rs.random_sample(30), 1))
case("one negative", 1 - y1, np.round(rs.random_sample(30), 1))
case("n=2", [1, 0], [0.7, 0.4])
case("n=3 tie", [1, 0, 1], [0.5, 0.5, 0.2])
yh = (rs.random_sample(500) < 0.4).astype(int)
case("five levels incl. 0 and 1", yh, rs.choice([0.0, 0.25, 0.5, 0.75, 1.0], 500, p=[0.1, 0.3, 0.3, 0.2, 0.1]) * 0.5 + 0.5 * yh * rs.choice([0.0, 0.5, 1.0], 500))
ys = (rs.random_sample(200) < 0.45).astype(int)
case("svm decision values, one-decimal ties", ys, np.round(rs.normal(0, 1.5, 200) + 1.2 * ys - 0.6, 1), prob=False)
case("no events", np.zeros(20, dtype=int), np.round(rs.random_sample(20), 2))
case("all events", np.ones(20, dtype=int), np.round(rs.random_sample(20), 2))

# R references (delong-glm.R): independent implementations of the same formulas.
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "cases.csv")
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["case", "y", "score"])
        for i, c in enumerate(cases):
            for yv, sv in zip(c["y"], c["score"]):
                w.writerow([f"c{i}", yv, repr(sv)])
    here = os.path.dirname(os.path.abspath(__file__))
    text = subprocess.run(["Rscript", os.path.join(here, "delong-glm.R"), path], check=True,
                          capture_output=True, text=True).stdout
for line in text.splitlines():
    key_case, key, value = line.split()
    c = cases[int(key_case[1:])]
    if key in ("glm_slope", "glm_slope_intercept") and c["calibration"]["slope"] is None:
        continue  # separated: glm stops at some large coefficient
    if key == "glm_citl" and abs(float(value) - c["calibration"]["citl"]) > 1e-6:
        continue  # glm's IRLS, like statsmodels', runs away when the offsets sit at +-34.5 (p = 0 or 1)
    c.setdefault("r", {})[key] = float(value)

json.dump({"generator": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}, statsmodels {sm.__version__}",
           "cases": cases}, sys.stdout, allow_nan=False)
