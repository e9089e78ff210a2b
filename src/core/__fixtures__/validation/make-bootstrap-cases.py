#!/usr/bin/python3
"""Makes bootstrap-cases.json: Harrell's bootstrap optimism correction, written with numpy,
scikit-learn and statsmodels, for the app's bootstrap (core/validation/bootstrap.ts) to equal.

Usage: /usr/bin/python3 make-bootstrap-cases.py > bootstrap-cases.json   (run from this folder)

The pipeline is the app's: rows with a missing outcome dropped (and, for "drop", rows with a missing
feature); the stratified 80/20 split of train_test_split(random_state=42); on any set of training rows
the fill values (training means) and the z-scores (population SD; a constant feature scaled by 1) are
learned on those rows; LogisticRegression (C=1, or penalty=None) solved to its optimum.
Replicate b draws np.random.RandomState(42).randint(0, n, size=n) indices into the training rows in
file order, one replicate after another from one generator. Per replicate: the refit's performance on
its replicate minus its performance on the original training rows; optimism = their mean; corrected =
apparent - optimism. Metrics: ROC AUC, Brier score, calibration slope (statsmodels GLM of y on logit p)
and calibration-in-the-large (GLM of y on 1 with offset logit p), logit of p clipped to [1e-15, 1 - 1e-15].
"""
import json, sys, warnings
import numpy as np, pandas as pd
import statsmodels.api as sm
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, roc_auc_score
from sklearn.model_selection import train_test_split

warnings.simplefilter("ignore")
SAMPLES = "../../../../public/samples/"


def load(csv, target, positive, missing):
    df = pd.read_csv(SAMPLES + csv)
    features = [c for c in df.columns if c != target]
    df = df.dropna(subset=[target] + (features if missing == "drop" else [])).reset_index(drop=True)
    y = (df[target].astype(str) == positive).astype(int).to_numpy()
    return df[features].to_numpy(float), y


def fit_pipeline(X):
    fill = np.nanmean(X, axis=0)
    filled = np.where(np.isnan(X), fill, X)
    mu, sd = filled.mean(axis=0), filled.std(axis=0)
    sd[sd == 0] = 1.0
    return lambda Z: (np.where(np.isnan(Z), fill, Z) - mu) / sd


def logit(p):
    q = np.clip(p, 1e-15, 1 - 1e-15)
    return np.log(q / (1 - q))


def performance(y, p):
    lp = logit(p)
    slope = sm.GLM(y, sm.add_constant(lp), family=sm.families.Binomial()).fit(tol=1e-14, maxiter=200).params[1]
    large = sm.GLM(y, np.ones(len(y)), family=sm.families.Binomial(), offset=lp).fit(tol=1e-14, maxiter=200).params[0]
    return {"auc": roc_auc_score(y, p), "brier": brier_score_loss(y, p), "calibration-slope": slope, "calibration-intercept": large}


def model(kind):
    if kind == "logreg":
        return LogisticRegression(C=1.0, solver="newton-cg", tol=1e-12, max_iter=10000)
    return LogisticRegression(penalty=None, solver="newton-cg", tol=1e-12, max_iter=10000)


def case(name, csv, target, positive, missing, kind, replicates, seed=42):
    X, y = load(csv, target, positive, missing)
    train, _ = train_test_split(np.arange(len(y)), test_size=0.2, random_state=seed, stratify=y)
    train = np.sort(train)
    Xtr, ytr = X[train], y[train]
    scale = fit_pipeline(Xtr)
    apparent = performance(ytr, model(kind).fit(scale(Xtr), ytr).predict_proba(scale(Xtr))[:, 1])
    rng = np.random.RandomState(seed)
    n = len(ytr)
    optimism = {m: [] for m in apparent}
    for _ in range(replicates):
        idx = rng.randint(0, n, size=n)
        Xb, yb = Xtr[idx], ytr[idx]
        scale_b = fit_pipeline(Xb)
        fit = model(kind).fit(scale_b(Xb), yb)
        own = performance(yb, fit.predict_proba(scale_b(Xb))[:, 1])
        orig = performance(ytr, fit.predict_proba(scale_b(Xtr))[:, 1])
        for m in apparent:
            optimism[m].append(own[m] - orig[m])
    rows = [{"metric": m, "apparent": float(apparent[m]), "optimism": float(np.mean(optimism[m])),
             "corrected": float(apparent[m] - np.mean(optimism[m])), "optimismSd": float(np.std(optimism[m], ddof=1))} for m in apparent]
    return {"name": name, "csv": csv, "target": target, "positive": positive, "missing": missing, "model": kind,
            "replicates": replicates, "seed": seed, "rows": rows}


cases = [
    case("pima, mean imputation, L2", "pima_diabetes.csv", "diabetes", "pos", "mean", "logreg", 40),
    case("pima, complete rows, unpenalized", "pima_diabetes.csv", "diabetes", "pos", "drop", "logreg-mle", 25),
    case("wdbc, L2", "wdbc.csv", "diagnosis", "malignant", "drop", "logreg", 20),
]
json.dump({"cases": cases}, sys.stdout, indent=1)
sys.stdout.write("\n")
