#!/usr/bin/env python3
"""Generates the exact-answer fixtures for SyscallBench.Core.Evaluation.

Each case is one JSON file <case>.json holding the scores, the labels (1 = attack, the positive class)
and what scikit-learn returns for them:
  roc_auc            roc_auc_score(labels, scores)
  average_precision  average_precision_score(labels, scores)
  roc_curve          roc_curve(labels, scores, drop_intermediate=False) points (fpr, tpr, thresholds)
  precision_recall_curve  precision_recall_curve(labels, scores) (precision, recall, thresholds),
                     in sklearn's order (thresholds ascending, the (recall 0, precision 1) end point last)

roc_curve's first threshold is sklearn's "nothing flagged" sentinel: max(score) + 1 before sklearn 1.3,
+inf from 1.3 on. It is written as null; SyscallBench uses +inf.

Floats are written with repr (shortest round-trip form), so C# reads back the identical doubles.
The C# tests read these files; they never run Python.

Run with Debian's python3 (apt-get install python3-sklearn):
    /usr/bin/python3 tests/Fixtures/evaluation/generate_fixtures.py
"""

import json
import math
import os

import numpy as np
import sklearn
from sklearn.metrics import average_precision_score, precision_recall_curve, roc_auc_score, roc_curve

OUT_DIR = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(20261128)


def case(name, description, normal_scores, attack_scores):
    """Interleaves the classes deterministically so that input order is not 'all normals first'."""
    scores = [float(s) for s in normal_scores] + [float(s) for s in attack_scores]
    labels = [0] * len(normal_scores) + [1] * len(attack_scores)
    order = RNG.permutation(len(scores))
    return name, description, [scores[i] for i in order], [labels[i] for i in order]


def finite_list(values):
    out = []
    for v in values:
        v = float(v)
        if not math.isfinite(v):
            raise ValueError(f"unexpected non-finite value {v}")
        out.append(v)
    return out


def write(name, description, scores, labels):
    y = np.array(labels, dtype=int)
    s = np.array(scores, dtype=float)
    fpr, tpr, roc_thresholds = roc_curve(y, s, drop_intermediate=False)
    precision, recall, pr_thresholds = precision_recall_curve(y, s)
    roc_thresholds = [None] + finite_list(roc_thresholds[1:])
    fixture = {
        "name": name,
        "description": description,
        "generator": "generate_fixtures.py",
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "scores": finite_list(s),
        "labels": [int(v) for v in y],
        "roc_auc": float(roc_auc_score(y, s)),
        "average_precision": float(average_precision_score(y, s)),
        "roc_curve": {
            "fpr": finite_list(fpr),
            "tpr": finite_list(tpr),
            "thresholds": roc_thresholds,
        },
        "precision_recall_curve": {
            "precision": finite_list(precision),
            "recall": finite_list(recall),
            "thresholds": finite_list(pr_thresholds),
        },
    }
    with open(os.path.join(OUT_DIR, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(fixture, f, indent=1, allow_nan=False)
        f.write("\n")


def stide_like(n, mismatch_probability, windows_low, windows_high):
    """STIDE-like scores: fraction of mismatching windows, mostly exactly 0, many ties."""
    windows = RNG.integers(windows_low, windows_high, size=n)
    mismatches = np.where(RNG.random(n) < mismatch_probability, RNG.integers(1, 6, size=n), 0)
    # A handful of distinct denominators keeps ties among non-zero scores as well.
    windows = (windows // 50 + 1) * 50
    return mismatches / windows


def cases():
    yield (
        "tiny_sklearn_doc",
        "The example from sklearn's precision_recall_curve docstring.",
        [0.1, 0.4, 0.35, 0.8],
        [0, 0, 1, 1],
    )
    yield case(
        "tiny_ties_across_classes",
        "Ties inside and across classes: 0.5 holds 2 normals and 2 attacks.",
        [0.2, 0.5, 0.5, 0.7, 0.1],
        [0.5, 0.5, 0.9, 0.2],
    )
    yield case(
        "all_equal",
        "Every score equal: AUC 0.5, AP = attack prevalence (5/15).",
        [3.0] * 10,
        [3.0] * 5,
    )
    yield case(
        "perfectly_separated",
        "Every attack above every normal: AUC 1, AP 1.",
        RNG.uniform(0.0, 1.0, 40),
        RNG.uniform(2.0, 3.0, 12),
    )
    yield case(
        "inverted",
        "Every attack below every normal: AUC 0.",
        RNG.uniform(2.0, 3.0, 40),
        RNG.uniform(0.0, 1.0, 12),
    )
    yield case(
        "single_normal_single_attack",
        "The smallest valid input.",
        [1.0],
        [2.0],
    )
    yield case(
        "signed_zero_and_negative",
        "Negative log-likelihood-like scores with -0.0 and 0.0 (one tie group).",
        [-0.0, 0.0, -3.5, -1e-300, -2.25, -3.5],
        [0.0, -0.0, 1e-300, -2.25, 7.0],
    )
    yield case(
        "stide_heavy_ties",
        "STIDE-like: 1500 normals, 300 attacks, mostly 0, few distinct non-zero fractions.",
        stide_like(1500, 0.04, 100, 2000),
        stide_like(300, 0.55, 100, 2000),
    )
    yield case(
        "integer_counts",
        "Integer-valued scores (Poisson counts): heavy ties.",
        RNG.poisson(2.0, 900),
        RNG.poisson(3.5, 150),
    )
    yield case(
        "random_gaussian_2000",
        "Continuous scores, no ties: 1700 N(0,1) normals, 300 N(1,1) attacks.",
        RNG.normal(0.0, 1.0, 1700),
        RNG.normal(1.0, 1.0, 300),
    )
    yield case(
        "random_rounded_2000",
        "Gaussian scores rounded to 1 decimal: many ties across classes.",
        np.round(RNG.normal(0.0, 1.0, 1800), 1),
        np.round(RNG.normal(0.7, 1.3, 250), 1),
    )
    yield case(
        "large_magnitude",
        "Scores near 1e15 (exact integers, ties across classes): no precision may be lost.",
        1e15 + RNG.integers(0, 50, 200),
        1e15 + RNG.integers(20, 80, 40),
    )


def main():
    names = []
    for name, description, scores, labels in cases():
        write(name, description, scores, labels)
        names.append(name)
    print(f"wrote {len(names)} fixtures with sklearn {sklearn.__version__}: {', '.join(names)}")


if __name__ == "__main__":
    main()
