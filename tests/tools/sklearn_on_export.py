#!/usr/bin/python3
"""Fit scikit-learn's OneClassSVM on the features `export` wrote and compare its scores with a run's.

    dotnet run -- export EXPERIMENT.yaml OUT --format svmlight      (or --format csv)
    dotnet run -- EXPERIMENT.yaml                                    (the run to compare with)
    /usr/bin/python3 tests/tools/sklearn_on_export.py OUT DETECTOR results/<experiment>/<run-id>

Reads OUT/features.json for the detector's options and feature count, the train and test matrices in the
exported format (svmlight with load_svmlight_file, csv with numpy), fits OneClassSVM(kernel, nu, gamma, tol,
shrinking) on the training rows, scores the test rows with -decision_function (the project's convention:
higher = more anomalous) and matches them by trace id with the run's scores.csv (first seed, official split).
Prints the largest difference and both ROC AUCs; exits 1 when a score differs by more than
1e-6 * max(1, |rho|) + 1e-4 * |score| (libsvm's stopping tolerance moves the last digits), 2 on bad input.
Needs Debian's python3-sklearn. The test suite runs it (ExportCommandTests).
"""
import csv
import json
import os
import sys

import numpy as np
from sklearn.datasets import load_svmlight_file
from sklearn.metrics import roc_auc_score
from sklearn.svm import OneClassSVM


def load(folder, files, split, fmt, n_features):
    name = next(f for f in files if f.endswith(f"-{split}.{fmt}"))
    path = os.path.join(folder, name)
    if fmt == "svmlight":
        x, y = load_svmlight_file(path, n_features=n_features, zero_based=True)
        with open(path.replace(".svmlight", ".ids.csv"), newline="") as f:
            ids = [row["trace_id"] for row in csv.DictReader(f)]
        return x, y, ids
    if fmt == "csv":
        with open(path, newline="") as f:
            rows = list(csv.reader(f))
        header, rows = rows[0], rows[1:]
        assert header[:4] == ["trace_id", "split", "label", "family"], header[:4]
        x = np.array([[float(v) for v in row[4:]] for row in rows]).reshape(len(rows), n_features)
        y = np.array([1 if row[2] == "attack" else 0 for row in rows])
        return x, y, [row[0] for row in rows]
    sys.exit(f"{fmt}: this script reads svmlight or csv exports")


def main(folder, detector, run_dir):
    with open(os.path.join(folder, "features.json")) as f:
        meta = json.load(f)
    feature_set = next((s for s in meta["feature_sets"] if s["detector"] == detector), None)
    if feature_set is None or feature_set["type"] != "ocsvm":
        print(f"{folder}/features.json: no ocsvm feature set named {detector}", file=sys.stderr)
        return 2
    options, fmt, n = feature_set["options"], meta["format"], feature_set["feature_count"]
    x_train, _, _ = load(folder, feature_set["files"], "train", fmt, n)
    x_test, y_test, ids = load(folder, feature_set["files"], "test", fmt, n)
    gamma = options["gamma"]
    if gamma not in ("scale", "auto"):
        gamma = float(gamma)
    model = OneClassSVM(kernel=options["kernel"], nu=options["nu"], gamma=gamma, tol=options["tolerance"],
                        shrinking=options["shrinking"], cache_size=options["cache_size_mb"])
    model.fit(x_train)
    sklearn_scores = -model.decision_function(x_test)

    with open(os.path.join(run_dir, "scores.csv"), newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["detector"] == detector and r.get("split", "official") == "official"]
    if not rows:
        print(f"{run_dir}/scores.csv: no scores of {detector}", file=sys.stderr)
        return 2
    first_seed = rows[0]["seed"]
    run_scores = {r["trace"]: float(r["score"]) for r in rows if r["seed"] == first_seed}
    missing = [i for i in ids if i not in run_scores]
    if missing or len(ids) != len(run_scores):
        print(f"the export has {len(ids)} test rows, the run {len(run_scores)} scores; {len(missing)} exported ids have no score", file=sys.stderr)
        return 2
    ours = np.array([run_scores[i] for i in ids])
    diff = np.abs(ours - sklearn_scores)
    allowed = 1e-6 * max(1.0, abs(model.offset_[0])) + 1e-4 * np.abs(sklearn_scores)
    print(f"scikit-learn {__import__('sklearn').__version__} OneClassSVM on {x_train.shape[0]} x {n} ({fmt}): "
          f"{len(model.support_)} support vectors; {len(ids)} test scores, largest difference {diff.max():.3e}")
    print(f"ROC AUC: run {roc_auc_score(y_test, ours):.6f}, scikit-learn {roc_auc_score(y_test, sklearn_scores):.6f}")
    return 0 if np.all(diff <= allowed) else 1


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: sklearn_on_export.py EXPORT_FOLDER DETECTOR RUN_FOLDER")
    sys.exit(main(*sys.argv[1:]))
