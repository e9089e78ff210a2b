#!/usr/bin/python3
"""Makes randint-cases.json: numpy's legacy RandomState(seed).randint(0, n, size) (numpy 1.24).

Usage: /usr/bin/python3 make-randint-cases.py > randint-cases.json
Each case: seed, n, size, and the draws; then a chained case, as the bootstrap draws its replicates
one after another from one generator: randint(0, n, n) three times.
"""
import json, sys
import numpy as np

cases = []
for seed in [0, 1, 42, 2024, 4294967295]:
    for n in [1, 2, 3, 10, 37, 100, 569, 1000, 65535, 65536, 65537, 100003, 1234567]:
        size = min(n, 40)
        draws = np.random.RandomState(seed).randint(0, n, size=size)
        cases.append({"seed": seed, "n": n, "size": size, "draws": [int(v) for v in draws]})
rng = np.random.RandomState(7)
chained = [[int(v) for v in rng.randint(0, 613, size=613)] for _ in range(3)]
json.dump({"numpy": np.__version__, "cases": cases, "chained": {"seed": 7, "n": 613, "replicates": chained}}, sys.stdout, separators=(",", ":"))
sys.stdout.write("\n")
