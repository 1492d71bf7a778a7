#!/usr/bin/python3
"""Recompute ROC AUC and average precision of a SyscallBench run from its scores.csv with scikit-learn
and compare them with the run's metrics.csv. Exit 1 on any difference above 1e-9.

Runs evaluated on other test sets (evaluation.test_set: distinct, without_train_copies, or a list) are
checked on each: the test set is formed here, in Python, from the groups of identical test traces in
splits/<split>.json (drop copies of training traces; for distinct also sequences with both labels, and keep
the ordinally first id of each group per label), and its counts must match metrics.csv's too.

    /usr/bin/python3 tests/tools/verify_run_with_sklearn.py results/ngram-baselines/<run-id>

Needs Debian's python3-sklearn (apt-get install python3-sklearn). Not used by the test suite.
"""
import csv
import json
import os
import sys
from collections import defaultdict

from sklearn.metrics import average_precision_score, roc_auc_score


def key(row: dict) -> tuple:
    # Runs written before splits existed have no split column: one split, the official one.
    return (row.get("split", "official"), row["detector"], row["seed"])


def excluded(run_dir: str, split: str, test_set: str) -> set:
    """The trace ids test_set leaves out of split, from the split's groups of identical test traces."""
    if test_set == "all":
        return set()
    with open(os.path.join(run_dir, "splits", f"{split}.json")) as f:
        groups = json.load(f)["duplicates"]["groups"]
    out = set()
    for g in groups:
        both_labels = len(g["attack_ids"]) > 0 and (len(g["normal_ids"]) > 0 or g["in_training"])
        if g["in_training"] or (test_set == "distinct" and both_labels):
            out.update(g["normal_ids"] + g["attack_ids"])
        elif test_set == "distinct":
            out.update(sorted(g["normal_ids"])[1:] + sorted(g["attack_ids"])[1:])
    return out


def check(run_dir, row, ids, labels, values, test_set, suffix) -> float:
    """Compares metrics.csv's columns (with suffix) on test_set with sklearn's; returns the largest difference."""
    drop = excluded(run_dir, row.get("split", "official"), test_set)
    kept = [(l, v) for i, l, v in zip(ids, labels, values) if i not in drop]
    y, s = [l for l, _ in kept], [v for _, v in kept]
    auc, ap = roc_auc_score(y, s), average_precision_score(y, s)
    d_auc, d_ap = abs(auc - float(row["roc_auc" + suffix])), abs(ap - float(row["average_precision" + suffix]))
    if f"test_normal{suffix}" in row:
        counts = (y.count(0), y.count(1))
        if counts != (int(row["test_normal" + suffix]), int(row["test_attack" + suffix])):
            print(f"{row['detector']}: test set {test_set} has {counts} normal/attack traces here, metrics.csv says "
                  f"{row['test_normal' + suffix]}/{row['test_attack' + suffix]}")
            return float("inf")
    print(f"{row['detector']:>20} seed {row['seed']} {row.get('split', 'official')} [{test_set}]: sklearn AUC {auc:.12f} (diff {d_auc:.1e}), "
          f"AP {ap:.12f} (diff {d_ap:.1e}), {len(y)} traces")
    return max(d_auc, d_ap)


def main(run_dir: str) -> int:
    scores = defaultdict(lambda: ([], [], []))
    with open(f"{run_dir}/scores.csv", newline="") as f:
        for row in csv.DictReader(f):
            ids, labels, values = scores[key(row)]
            ids.append(row["trace"])
            labels.append(1 if row["label"] == "attack" else 0)
            values.append(float(row["score"]))

    worst = 0.0
    with open(f"{run_dir}/metrics.csv", newline="") as f:
        for row in csv.DictReader(f):
            ids, labels, values = scores[key(row)]
            worst = max(worst, check(run_dir, row, ids, labels, values, row.get("test_set", "all"), ""))
            # Other test sets: roc_auc_<name> columns beside the main ones.
            for column in row:
                if column.startswith("roc_auc_") and not column.startswith("roc_auc_ci"):
                    name = column[len("roc_auc_"):]
                    worst = max(worst, check(run_dir, row, ids, labels, values, name, "_" + name))
    print(f"largest difference: {worst:.3e}")
    return 0 if worst <= 1e-9 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
