#!/usr/bin/env python3
"""Reference values for DeLong's test of two correlated ROC AUCs (SyscallBench.Core.Evaluation.Comparison).

An independent implementation, deliberately not the fast midrank algorithm the C# code uses (Sun & Xu
2014): it follows DeLong, DeLong & Clarke-Pearson (1988) literally with the O(m * n) kernel
psi(x, y) = 1 if x > y, 1/2 if x == y, 0 otherwise (x an attack score, y a normal score):
  V10_i = mean_j psi(X_i, Y_j)   (one per attack)     V01_j = mean_i psi(X_i, Y_j)   (one per normal)
  S10, S01 = sample covariance matrices (n - 1) of the components of the two detectors
  var(AUC_a - AUC_b) = (S10_aa + S10_bb - 2 S10_ab) / m + (S01_aa + S01_bb - 2 S01_ab) / n
  z = (AUC_a - AUC_b) / sqrt(var),  two-sided p = 2 * norm.sf(|z|)   (scipy)
The AUCs are checked against sklearn's roc_auc_score. Floats are written with repr, so C# reads back the
identical doubles. The C# tests read this file; they never run Python.

    /usr/bin/python3 tests/Fixtures/comparison/generate_delong_fixtures.py
"""

import json
import os

import numpy as np
import scipy
import sklearn
from scipy.stats import norm
from sklearn.metrics import roc_auc_score

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "delong.json")
RNG = np.random.default_rng(20261128)


def delong(scores_a, scores_b, labels):
    labels = np.asarray(labels)
    components = []
    for scores in (np.asarray(scores_a, float), np.asarray(scores_b, float)):
        x = scores[labels == 1]
        y = scores[labels == 0]
        psi = (x[:, None] > y[None, :]).astype(float) + 0.5 * (x[:, None] == y[None, :])
        components.append((psi.mean(axis=0).mean(), psi.mean(axis=1), psi.mean(axis=0)))
    (auc_a, v10_a, v01_a), (auc_b, v10_b, v01_b) = components
    m, n = len(v10_a), len(v01_a)
    s10 = np.cov(np.vstack([v10_a, v10_b]))
    s01 = np.cov(np.vstack([v01_a, v01_b]))
    variance = (s10[0, 0] + s10[1, 1] - 2 * s10[0, 1]) / m + (s01[0, 0] + s01[1, 1] - 2 * s01[0, 1]) / n
    difference = auc_a - auc_b
    assert abs(auc_a - roc_auc_score(labels, scores_a)) < 1e-12
    assert abs(auc_b - roc_auc_score(labels, scores_b)) < 1e-12
    se = float(np.sqrt(variance))
    z = difference / se
    return {
        "auc_a": float(auc_a),
        "auc_b": float(auc_b),
        "difference": float(difference),
        "variance": float(variance),
        "standard_error": se,
        "z": float(z),
        "p_value": float(2 * norm.sf(abs(z))),
    }


def case(name, description, scores_a, scores_b, labels):
    scores_a = [float(s) for s in scores_a]
    scores_b = [float(s) for s in scores_b]
    labels = [int(v) for v in labels]
    return {"name": name, "description": description, "scores_a": scores_a, "scores_b": scores_b,
            "labels": labels, **delong(scores_a, scores_b, labels)}


def cases():
    yield case("tiny_with_ties", "10 traces, ties within and across classes in both detectors",
               [0.1, 0.4, 0.35, 0.8, 0.4, 0.2, 0.9, 0.4, 0.7, 0.1],
               [1, 2, 2, 3, 1, 1, 3, 2, 3, 2],
               [0, 0, 1, 1, 1, 0, 1, 0, 1, 0])

    labels = np.r_[np.zeros(300, int), np.ones(60, int)]
    shared = RNG.normal(size=360)
    a = shared + 1.2 * labels + 0.6 * RNG.normal(size=360)
    b = shared + 0.9 * labels + 0.6 * RNG.normal(size=360)
    yield case("correlated_gaussian_360", "two correlated continuous detectors, 300 normal, 60 attack", a, b, labels)

    # STIDE-like: most normals score exactly 0, scores are small mismatch counts; heavy ties.
    labels = np.r_[np.zeros(400, int), np.ones(80, int)]
    stide_a = np.where(labels == 1, RNG.poisson(2.0, 480), RNG.poisson(0.3, 480)).astype(float)
    stide_b = np.where(labels == 1, RNG.poisson(1.5, 480), RNG.poisson(0.4, 480)).astype(float)
    yield case("stide_heavy_ties_480", "integer mismatch counts, mostly 0 for normals: heavy ties in both", stide_a, stide_b, labels)

    rounded = np.round(a * 2) / 2
    yield case("continuous_vs_rounded", "a detector against its own scores rounded to halves (nearly identical)", a, rounded,
               np.r_[np.zeros(300, int), np.ones(60, int)])

    labels = np.r_[np.zeros(50, int), np.ones(50, int)]
    worse = RNG.normal(size=100) + 0.3 * labels
    better = RNG.normal(size=100) + 2.0 * labels
    yield case("clear_difference_100", "a strong detector against a weak one: a very small p-value", better, worse, labels)


def main():
    document = {
        "generator": "generate_delong_fixtures.py",
        "numpy_version": np.__version__,
        "scipy_version": scipy.__version__,
        "sklearn_version": sklearn.__version__,
        "cases": list(cases()),
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(document, f, indent=1, allow_nan=False)
    for c in document["cases"]:
        print(f"{c['name']}: auc {c['auc_a']:.4f} vs {c['auc_b']:.4f}, z {c['z']:.4f}, p {c['p_value']:.3g}")


if __name__ == "__main__":
    main()
