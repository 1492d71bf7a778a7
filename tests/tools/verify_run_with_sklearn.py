#!/usr/bin/python3
"""Recompute ROC AUC and average precision of a SyscallBench run from its scores.csv with scikit-learn
and compare them with the run's metrics.csv. Exit 1 on any difference above 1e-9.

    /usr/bin/python3 tests/tools/verify_run_with_sklearn.py results/ngram-baselines/<run-id>

Needs Debian's python3-sklearn (apt-get install python3-sklearn). Not used by the test suite.
"""
import csv
import sys
from collections import defaultdict

from sklearn.metrics import average_precision_score, roc_auc_score


def key(row: dict) -> tuple:
    # Runs written before splits existed have no split column: one split, the official one.
    return (row.get("split", "official"), row["detector"], row["seed"])


def main(run_dir: str) -> int:
    scores = defaultdict(lambda: ([], []))
    with open(f"{run_dir}/scores.csv", newline="") as f:
        for row in csv.DictReader(f):
            labels, values = scores[key(row)]
            labels.append(1 if row["label"] == "attack" else 0)
            values.append(float(row["score"]))

    worst = 0.0
    with open(f"{run_dir}/metrics.csv", newline="") as f:
        for row in csv.DictReader(f):
            labels, values = scores[key(row)]
            auc, ap = roc_auc_score(labels, values), average_precision_score(labels, values)
            d_auc, d_ap = abs(auc - float(row["roc_auc"])), abs(ap - float(row["average_precision"]))
            worst = max(worst, d_auc, d_ap)
            print(f"{row['detector']:>20} seed {row['seed']} {row.get('split', 'official')}: sklearn AUC {auc:.12f} (diff {d_auc:.1e}), "
                  f"AP {ap:.12f} (diff {d_ap:.1e}), {len(labels)} traces")
    print(f"largest difference: {worst:.3e}")
    return 0 if worst <= 1e-9 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
