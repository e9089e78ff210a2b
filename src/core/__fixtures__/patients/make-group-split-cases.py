#!/usr/bin/python3
"""Makes group-split-cases.json: StratifiedGroupKFold folds from scikit-learn 1.2.1 / numpy 1.24.

Usage: /usr/bin/python3 make-group-split-cases.py > group-split-cases.json
Each case: y (one-digit labels), groups (per row, the group's number in np.unique's sorted order),
k, seed, and the test rows of each fold of
StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed).split(X, y, groups).
The app's train/test split with a patient key is the first fold with k = round(1 / test_fraction).
"""
import json, sys, warnings
import numpy as np, sklearn
from sklearn.model_selection import StratifiedGroupKFold

warnings.simplefilter("ignore")  # "least populated class ... less than n_splits": a case we want
cases = []


def cohort(n_groups, max_visits, rate, gen_seed, mixed=0.3):
    """Groups of 1..max_visits rows; a group's rows share its outcome, except a `mixed` share of groups."""
    r = np.random.RandomState(gen_seed)
    ys, gs = [], []
    labels = r.permutation(n_groups * 7)[:n_groups]  # arbitrary ids: np.unique sorts them
    for g in range(n_groups):
        visits = r.randint(1, max_visits + 1)
        base = int(r.random_sample() < rate)
        for _ in range(visits):
            y = 1 - base if r.random_sample() < mixed / max(visits, 1) else base
            ys.append(y)
            gs.append(labels[g])
    order = r.permutation(len(ys))  # exports are sorted by date, not by patient
    return np.array(ys)[order], np.array(gs)[order]


def case(name, y, groups, k, seed):
    y, groups = np.asarray(y), np.asarray(groups)
    _, inv = np.unique(groups, return_inverse=True)
    folds = [sorted(int(i) for i in te) for _, te in
             StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed).split(np.zeros(len(y)), y, groups)]
    cases.append({"name": name, "k": k, "seed": seed, "y": "".join(str(int(v)) for v in y),
                  "groups": [int(g) for g in inv], "folds": folds})


for n_groups, visits, rate in [(12, 3, 0.4), (40, 6, 0.3), (120, 6, 0.25), (420, 6, 0.2)]:
    y, g = cohort(n_groups, visits, rate, n_groups)
    for seed in [0, 1, 42, 2024]:
        for k in [2, 3, 5, 10]:
            if k <= n_groups:
                case(f"cohort {n_groups} patients, 1-{visits} visits", y, g, k, seed)
# one row per patient: the same as a stratified k-fold over patients
y, g = cohort(30, 1, 0.5, 7)
for seed in [0, 42]:
    case("one row per patient", y, g, 5, seed)
# unequal group sizes, and one group holding both outcomes
y = [0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0, 0, 1, 1, 1, 0]
g = [5, 5, 5, 5, 5, 5, 5, 5, 1, 1, 2, 3, 4, 6, 7, 8, 9, 9, 10, 11]
for seed in [0, 3, 42]:
    for k in [2, 3, 5]:
        case("unequal sizes, one big mixed group", y, g, k, seed)
# every group the same shape: ties all the way
y = [i % 2 for i in range(24)]
g = [i // 2 for i in range(24)]
for seed in [0, 42]:
    case("ties: 12 groups of one event and one non-event", y, g, 3, seed)

json.dump({"sklearn": sklearn.__version__, "numpy": np.__version__, "cases": cases}, sys.stdout, separators=(",", ":"))
sys.stdout.write("\n")
