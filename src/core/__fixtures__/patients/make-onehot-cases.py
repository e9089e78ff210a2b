#!/usr/bin/python3
"""Makes onehot-cases.json: scikit-learn 1.2.1's one-hot encoding with rare levels pooled.

Usage: /usr/bin/python3 make-onehot-cases.py > onehot-cases.json
Each case: categorical columns (text levels) of training and test rows, and the output of
OneHotEncoder(drop="first", min_frequency=5, handle_unknown="infrequent_if_exist", sparse_output=False)
fitted on the training rows: feature names, and the training and test matrices (row-major).
Test rows may hold levels never seen in training.
"""
import json, sys, warnings
import numpy as np, sklearn
from sklearn.preprocessing import OneHotEncoder

warnings.simplefilter("ignore")  # "Found unknown categories ... encoded as all zeros": expected here
cases = []


def column(r, n, counts):
    """A column whose levels L0, L1, ... appear `counts` times (then shuffled), padded with L0."""
    values = [f"L{k}" for k, c in enumerate(counts) for _ in range(c)]
    values += ["L0"] * (n - len(values))
    return list(r.permutation(values)[:n])


def case(name, train, test):
    enc = OneHotEncoder(drop="first", min_frequency=5, handle_unknown="infrequent_if_exist", sparse_output=False)
    Xtr = np.array(train, dtype=object).T
    Xte = np.array(test, dtype=object).T
    enc.fit(Xtr)
    names = [str(x) for x in enc.get_feature_names_out([f"c{j}" for j in range(len(train))])]
    cases.append({
        "name": name,
        "train": train, "test": test,
        "names": names,
        "trainX": enc.transform(Xtr).astype(int).tolist(),
        "testX": enc.transform(Xte).astype(int).tolist(),
    })


r = np.random.RandomState(0)
# rare levels beside frequent ones: (counts of L0, L1, ...) in 40 training rows
case("two rare levels", [column(r, 40, [20, 12, 4, 3, 1])], [["L0", "L1", "L2", "L3", "L4", "L1"]])
case("rare level sorts first (reference after grouping)", [column(r, 40, [2, 20, 18])], [["L0", "L1", "L2"]])
case("no rare level", [column(r, 30, [10, 10, 10])], [["L2", "L1", "L0"]])
case("exactly 5 is frequent, 4 is rare", [column(r, 30, [16, 5, 4, 5])], [["L1", "L2", "L3", "L0"]])
case("one frequent level only", [column(r, 12, [8, 2, 2])], [["L0", "L1", "L2"]])
case("every level rare", [column(r, 12, [4, 4, 4])], [["L0", "L1", "L2"]])
case("unseen test levels with and without a pooled level",
     [column(r, 30, [15, 12, 3]), column(r, 30, [15, 15])],
     [["L0", "NEW", "L2", "L1"], ["NEW", "L1", "L0", "L1"]])

json.dump({"sklearn": sklearn.__version__, "cases": cases}, sys.stdout, separators=(",", ":"))
sys.stdout.write("\n")
