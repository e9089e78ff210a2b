#!/usr/bin/python3
"""Makes split-cases.json: stratified train_test_split results from scikit-learn 1.2.1 / numpy 1.24.

Usage: /usr/bin/python3 make-split-cases.py > split-cases.json
Each case: y as a string of one-digit labels, the test fraction, the seed, and the sorted test
indices of train_test_split(arange(n), test_size=f, random_state=seed, stratify=y) (train is the
complement). Each error case: the code our SplitError should carry for sklearn's ValueError.
"""
import json, sys
import numpy as np, sklearn
from sklearn.model_selection import train_test_split

def labels(n, rate, gen_seed, k=2):
    """Random labels 0..k-1 (P(label>0) = rate), every class with at least 2 members."""
    r = np.random.RandomState(gen_seed)
    while True:
        y = np.where(r.random_sample(n) < rate, r.randint(1, k, n) if k > 2 else 1, 0)
        if np.bincount(y, minlength=k).min() >= 2:
            return y

cases, errors = [], []

def case(name, y, f, seed):
    y = np.asarray(y)
    _, te = train_test_split(np.arange(len(y)), test_size=f, random_state=seed, stratify=y)
    cases.append({"name": name, "seed": seed, "testFraction": f,
                  "y": "".join(str(int(v)) for v in y), "test": sorted(int(i) for i in te)})

def error(name, y, f, seed=0):
    try:
        train_test_split(np.arange(len(y)), test_size=f, random_state=seed, stratify=np.asarray(y))
    except ValueError as e:
        m = str(e)
        code = ("class-too-small" if "least populated class" in m else
                "bad-fraction" if "test_size=" in m and "(0, 1) range" in m else
                "split-too-small" if "number of classes" in m or "will be empty" in m else None)
        assert code, m
        errors.append({"name": name, "seed": seed, "testFraction": f,
                       "y": "".join(str(int(v)) for v in y), "code": code, "sklearn": m})
        return
    raise AssertionError(f"{name}: no error")

seeds = [0, 1, 7, 42, 123456]
for n in [10, 11, 37, 100]:
    y = labels(n, 0.4, n)
    for seed in seeds:
        for f in [0.2, 0.25, 0.3, 0.5]:
            case(f"grid n={n}", y, f, seed)
y = labels(1001, 0.35, 1001)
for seed in seeds:
    for f in [0.2, 0.3]:
        case("large n=1001", y, f, seed)
y = np.zeros(50, int); y[[4, 20, 41]] = 1
for seed in seeds:
    for f in [0.2, 0.3]:
        case("imbalanced 3 of 50", y, f, seed)
for seed in seeds:  # equal class counts: remainder ties broken by rng.choice
    case("ties 0/1 alternating n=14", [i % 2 for i in range(14)], 0.25, seed)
    case("ties 3 classes n=21", [i % 3 for i in range(21)], 0.2, seed)
    case("4 classes n=60", labels(60, 0.7, 60, k=4), 0.25, seed)
    case("sparse labels 0/2/5", [[0, 2, 5][i % 3] for i in range(31)], 0.3, seed)
    case("unsorted blocks", [1] * 7 + [0] * 9 + [1] * 4, 0.5, seed)
for f, n in [(0.07, 100), (0.14, 50), (0.28, 25)]:  # f * n rounds above an integer: ceil adds a row
    case(f"float ceil {f}*{n}", labels(n, 0.4, n), f, 42)
for seed in [2**32 - 1, 2**31]:
    case("big seed", labels(100, 0.4, 100), 0.2, seed)

error("one member", [0, 0, 0, 0, 1], 0.4)
error("test smaller than classes", [0, 0, 1, 1, 0, 0, 1, 1, 0, 0], 0.1)
error("train smaller than classes", [0, 0, 1, 1, 2, 2], 0.6)
error("train empty", [0, 0, 1, 1, 0, 0, 1, 1, 0, 0], 0.99)
error("fraction 0", [0, 0, 1, 1], 0.0)
error("fraction 1", [0, 0, 1, 1], 1.0)
error("fraction negative", [0, 0, 1, 1], -0.2)

out = {"generator": f"make-split-cases.py, scikit-learn {sklearn.__version__}, numpy {np.__version__}"}
sys.stdout.write("{\n" + f' "generator": {json.dumps(out["generator"])},\n "cases": [\n')
sys.stdout.write(",\n".join("  " + json.dumps(c) for c in cases))
sys.stdout.write("\n ],\n \"errors\": [\n" + ",\n".join("  " + json.dumps(e) for e in errors) + "\n ]\n}\n")
