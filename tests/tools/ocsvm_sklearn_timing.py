#!/usr/bin/env python3
"""Times scikit-learn's OneClassSVM on the exact features the C# `ocsvm` detector used, and compares scores.

The C# side exports the features (it does not recompute them in Python). One command runs both side by
side, alternating (the opt-in ADFA-LD benchmark calls this script; needs /usr/bin/python3 with scikit-learn,
Debian: apt-get install python3-sklearn):

    SYSCALLBENCH_BENCH=1 dotnet test tests/SyscallBench.MLNet.Tests --filter "FullyQualifiedName~OcsvmVersusScikitLearn" \
        --logger "console;verbosity=detailed"

By hand, on a folder the benchmark exported (SYSCALLBENCH_BENCH_OUT=/tmp/ocsvm-bench):

    /usr/bin/python3 tests/tools/ocsvm_sklearn_timing.py /tmp/ocsvm-bench [--json result.json]

The folder holds train.svmlight / test.svmlight (label 1 = attack, 0-based indices, values printed with
round-trip precision from the C# doubles), meta.json (feature_count and the detector options),
csharp_scores.txt (the C# scores of the test traces, same order) and csharp_support.txt (the C# support
vectors' training positions). scikit-learn gets the matrices as CSR (its sparse libsvm path) with the same
n_features, so gamma='scale' resolves identically. Timings here cover fit and decision_function only; the
C# times also include building the n-gram features. --json writes the timings and the agreement checks
(identical support vectors, largest score difference) for the C# benchmark to read.
"""
import json
import os
import sys
import time

import numpy as np
from sklearn.datasets import load_svmlight_file
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.svm import OneClassSVM


def main(folder, json_path=None):
    with open(os.path.join(folder, "meta.json")) as f:
        meta = json.load(f)
    n_features = meta["feature_count"]
    x_train, _ = load_svmlight_file(os.path.join(folder, "train.svmlight"), n_features=n_features, zero_based=True)
    x_test, y_test = load_svmlight_file(os.path.join(folder, "test.svmlight"), n_features=n_features, zero_based=True)

    gamma = meta["gamma"]
    if gamma not in ("scale", "auto"):
        gamma = float(gamma)
    model = OneClassSVM(kernel=meta["kernel"], nu=meta["nu"], gamma=gamma, tol=meta["tolerance"],
                        cache_size=meta["cache_size_mb"], shrinking=meta["shrinking"])

    start = time.perf_counter()
    model.fit(x_train)
    fit_seconds = time.perf_counter() - start

    start = time.perf_counter()
    scores = -model.decision_function(x_test)
    score_seconds = time.perf_counter() - start

    print(f"scikit-learn {__import__('sklearn').__version__} OneClassSVM on {meta['dataset']}: "
          f"{x_train.shape[0]} train x {n_features} features, {x_test.shape[0]} test")
    print(f"  fit   {fit_seconds:.3f} s   (support vectors {len(model.support_)}, gamma {model._gamma!r}, rho {model.offset_[0]!r})")
    print(f"  score {score_seconds:.3f} s")
    print(f"  ROC AUC {roc_auc_score(y_test, scores):.4f}   AP {average_precision_score(y_test, scores):.4f}")

    result = {"sklearn_version": __import__('sklearn').__version__, "fit_seconds": fit_seconds,
              "score_seconds": score_seconds, "support_vectors": int(len(model.support_))}
    support_path = os.path.join(folder, "csharp_support.txt")
    if os.path.exists(support_path):
        csharp_support = np.loadtxt(support_path, dtype=np.int64, ndmin=1)
        identical = bool(np.array_equal(np.sort(csharp_support), np.sort(model.support_)))
        result["support_identical"] = identical
        print(f"  support vectors vs C#: {'identical' if identical else 'DIFFERENT'} "
              f"({len(csharp_support)} C#, {len(model.support_)} scikit-learn)")

    csharp_path = os.path.join(folder, "csharp_scores.txt")
    if os.path.exists(csharp_path):
        csharp = np.loadtxt(csharp_path)
        diff = np.abs(csharp - scores)
        scale = 1e-4 * np.abs(scores) + 1e-6 * max(1.0, abs(model.offset_[0]))
        print(f"  vs C#: max |diff| {diff.max():.3e}, max relative {np.max(diff / np.maximum(np.abs(scores), 1e-300)):.3e}, "
              f"within 1e-4 rel + 1e-6*max(1,rho) abs: {int(np.sum(diff <= scale))}/{len(scores)}")
        print(f"  C# ROC AUC {roc_auc_score(y_test, csharp):.4f}   AP {average_precision_score(y_test, csharp):.4f}")
        result["max_abs_score_difference"] = float(diff.max())
    print_operating_points(y_test, scores)
    if json_path is not None:
        with open(json_path, "w") as f:
            json.dump(result, f)


def print_operating_points(labels, scores):
    """Detection rate at fixed false-alarm rates, thresholds from the normal test scores only (no attack label
    chooses a threshold): alarm when score > the (1 - FAR) quantile of normal scores; and the false-alarm
    rate at the lowest threshold that still detects 90% of attacks."""
    normal = np.sort(scores[labels == 0])
    attack = scores[labels == 1]
    for far in (0.001, 0.01, 0.05, 0.10):
        threshold = normal[min(len(normal) - 1, int(np.ceil((1 - far) * len(normal))) - 1)]
        print(f"  FAR <= {far:5.3f} (threshold {threshold:.6g}): detection rate {np.mean(attack > threshold):.4f}, "
              f"actual FAR {np.mean(normal > threshold):.4f}")
    threshold_90 = np.sort(attack)[int(np.floor(0.10 * len(attack)))]
    print(f"  detection >= 90% (threshold {threshold_90:.6g}): FAR {np.mean(normal >= threshold_90):.4f}, "
          f"detection {np.mean(attack >= threshold_90):.4f}")


if __name__ == "__main__":
    if len(sys.argv) == 2:
        main(sys.argv[1])
    elif len(sys.argv) == 4 and sys.argv[2] == "--json":
        main(sys.argv[1], sys.argv[3])
    else:
        sys.exit("usage: ocsvm_sklearn_timing.py EXPORT_FOLDER [--json RESULT_FILE]")
