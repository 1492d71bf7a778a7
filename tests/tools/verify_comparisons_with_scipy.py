#!/usr/bin/python3
"""Recompute the DeLong tests of a SyscallBench run's comparisons.csv from its scores.csv with the literal
O(m n) numpy/scipy implementation of tests/Fixtures/comparison/generate_delong_fixtures.py, Holm-adjust
them per split and seed, and compare. Exit 1 on any relative difference above 1e-9.

    /usr/bin/python3 tests/tools/verify_comparisons_with_scipy.py results/ngram-baselines/<run-id>

Not used by the test suite.
"""
import csv
import importlib.util
import os
import sys
from collections import defaultdict

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "delong_reference", os.path.join(HERE, "..", "Fixtures", "comparison", "generate_delong_fixtures.py"))
reference = importlib.util.module_from_spec(spec)
spec.loader.exec_module(reference)


def holm(p_values):
    order = np.argsort(p_values, kind="stable")
    adjusted, running, m = [0.0] * len(p_values), 0.0, len(p_values)
    for k, i in enumerate(order):
        running = max(running, min(1.0, (m - k) * p_values[i]))
        adjusted[i] = running
    return adjusted


def relative(a, b):
    return 0.0 if a == b else abs(a - b) / max(abs(a), abs(b), 1e-300)


def main(run_dir):
    # Runs without a split column (older runs) have one split, "official". Each split has its own test traces.
    scores = defaultdict(dict)
    labels = defaultdict(dict)
    with open(f"{run_dir}/scores.csv", newline="") as f:
        for row in csv.DictReader(f):
            split = row.get("split", "official")
            scores[(split, row["detector"], row["seed"])][row["trace"]] = float(row["score"])
            labels[split][row["trace"]] = 1 if row["label"] == "attack" else 0

    with open(f"{run_dir}/comparisons.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    ours = defaultdict(list)
    for row in rows:
        split = row.get("split", "official")
        traces = sorted(labels[split])
        y = [labels[split][t] for t in traces]
        a = [scores[(split, row["detector_a"], row["seed_a"])][t] for t in traces]
        b = [scores[(split, row["detector_b"], row["seed_b"])][t] for t in traces]
        ours[(split, row["seed"])].append((row, reference.delong(a, b, y)))

    worst = 0.0
    for (split, seed), pairs in ours.items():
        adjusted = holm([ref["p_value"] for _, ref in pairs])
        for (row, ref), p_holm in zip(pairs, adjusted):
            differences = [relative(float(row["delong_se"]), ref["standard_error"]),
                           relative(float(row["delong_z"]), ref["z"]),
                           relative(float(row["delong_p"]), ref["p_value"]),
                           relative(float(row["delong_p_holm"]), p_holm),
                           abs(float(row["roc_auc_difference"]) - ref["difference"])]
            worst = max(worst, *differences)
            print(f"{split} seed {seed} {row['detector_a']:>14} - {row['detector_b']:<14} diff {ref['difference']:+.4f} "
                  f"z {ref['z']:+8.3f} p {ref['p_value']:.3e} holm {p_holm:.3e}  (ours: p {float(row['delong_p']):.3e}, "
                  f"largest relative difference {max(differences):.1e})")
    print(f"{len(rows)} pairs; largest difference: {worst:.3e}")
    return 0 if worst <= 1e-9 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
