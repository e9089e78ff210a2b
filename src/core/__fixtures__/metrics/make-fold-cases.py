#!/usr/bin/python3
"""Makes fold-cases.json: StratifiedKFold(n_splits=k, shuffle=True, random_state=seed).split(X, y) from
scikit-learn 1.2.1 / numpy 1.24, for src/core/metrics/cross-validation.test.ts.

Usage: /usr/bin/python3 make-fold-cases.py > fold-cases.json
Each case: y as a string of one-digit labels, k, seed, and the test indices of each fold in order
(ascending, as split() yields them). Each error: y, k and sklearn's ValueError message.
`warns`: sklearn's UserWarning "The least populated class in y has only m members" (folds still made).
"""
import json, sys, warnings
import numpy as np, sklearn
from sklearn.model_selection import StratifiedKFold

assert sklearn.__version__ == "1.2.1", sklearn.__version__
cases, errors = [], []

def labels(n, rate, gen_seed):
    r = np.random.RandomState(gen_seed)
    return (r.random_sample(n) < rate).astype(int)

def case(name, y, k, seed):
    y = np.asarray(y)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        folds = [sorted(int(i) for i in te) for _, te in
                 StratifiedKFold(n_splits=k, shuffle=True, random_state=seed).split(np.zeros(len(y)), y)]
    cases.append({"name": name, "y": "".join(str(int(v)) for v in y), "k": k, "seed": seed, "folds": folds,
                  "warns": any("least populated" in str(x.message) for x in w)})

def error(name, y, k):
    try:
        list(StratifiedKFold(n_splits=k, shuffle=True, random_state=0).split(np.zeros(len(y)), np.asarray(y)))
    except ValueError as e:
        errors.append({"name": name, "y": "".join(str(int(v)) for v in y), "k": k, "sklearn": str(e)})
        return
    raise AssertionError(name)

for n in [10, 37, 100, 1001]:
    y = labels(n, 0.3, n)
    for k in [2, 3, 5, 10]:
        if k <= max(np.bincount(y)):
            for seed in [0, 1, 42, 123456, 4294967295]:
                case(f"n={n} k={k}", y, k, seed)
y = labels(60, 0.5, 7); y[0] = 1
for seed in [0, 42]:
    case("first label is 1 (classes in order of appearance)", y, 5, seed)
case("rare class: 3 events, k=5 (sklearn warns)", [0] * 20 + [1, 0, 1, 0, 1], 5, 3)
case("one class only", [0] * 12, 4, 42)
case("three classes", [2, 0, 1, 1, 0, 2, 2, 0, 1, 0, 0, 2, 1, 1, 0, 2, 0, 0], 3, 11)
case("k = n, one class", [1, 1, 1, 1, 1], 5, 5)
case("k = largest class (sklearn warns)", [0, 1, 0, 0, 1, 0], 4, 5)
error("k > n", [0, 1, 0, 1], 5)
error("k > every class count", [0, 0, 0, 1, 1, 1, 0, 1], 5)
json.dump({"generator": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}", "cases": cases,
           "errors": errors}, sys.stdout)
