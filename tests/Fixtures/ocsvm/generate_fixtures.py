#!/usr/bin/env python3
"""Generates the One-Class SVM parity fixtures from scikit-learn's OneClassSVM.

Run from this folder with the system Python that has scikit-learn (Debian: apt-get install python3-sklearn):

    /usr/bin/python3 generate_fixtures.py

Each case is one JSON file: the training and test matrices (dense row lists; "sparse": true means the
matrix was given to scikit-learn as CSR, which selects libsvm's sparse code path), the parameters, and
scikit-learn's results: decision_function on train and test rows, n_support, support_ (training indices
of the support vectors), dual_coef_ and offset_ (= rho). The C# tests read these files; they never run
Python. Data come from a fixed NumPy seed, so re-running reproduces the files exactly for the same
scikit-learn version (recorded in each file).
"""
import json
import os

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.svm import OneClassSVM

HERE = os.path.dirname(os.path.abspath(__file__))


def dense_blobs(rng, rows, cols):
    """Two Gaussian blobs plus a few far points: a dense, realistic one-class training set."""
    centers = rng.normal(0, 3, size=(2, cols))
    labels = rng.randint(0, 2, size=rows)
    x = centers[labels] + rng.normal(0, 1, size=(rows, cols))
    x[: max(1, rows // 20)] += rng.normal(0, 6, size=(max(1, rows // 20), cols))
    return x


def sparse_like(rng, rows, cols, density):
    """Non-negative counts with many zeros, L2-normalised per row, like bag-of-n-gram features."""
    mask = rng.rand(rows, cols) < density
    counts = rng.poisson(3.0, size=(rows, cols)) * mask
    counts[counts.sum(axis=1) == 0, 0] = 1  # no all-zero rows in training data
    norms = np.sqrt((counts.astype(float) ** 2).sum(axis=1, keepdims=True))
    return counts / norms


def write_case(name, train, test, kernel, gamma, nu, sparse=False):
    fit_input = sp.csr_matrix(train) if sparse else train
    test_input = sp.csr_matrix(test) if sparse else test
    model = OneClassSVM(kernel=kernel, gamma=gamma, nu=nu, tol=1e-3, cache_size=200, shrinking=True, max_iter=-1)
    model.fit(fit_input)
    case = {
        "name": name,
        "sklearn_version": sklearn.__version__,
        "kernel": kernel,
        "gamma": str(gamma),
        "gamma_resolved": float(model._gamma),
        "nu": nu,
        "tol": 1e-3,
        "sparse": sparse,
        "feature_count": int(train.shape[1]),
        "train": train.tolist(),
        "test": test.tolist(),
        # len(support_), not n_support_: with CSR input scikit-learn 1.2 reports a garbage n_support_ for
        # OneClassSVM (scikit-learn issue #14774 family); support_ and dual_coef_ are correct.
        "n_support": int(len(model.support_)),
        "support": model.support_.tolist(),
        "dual_coef": np.asarray(model.dual_coef_.todense() if sp.issparse(model.dual_coef_) else model.dual_coef_).ravel().tolist(),
        "rho": float(model.offset_[0]),
        "decision_train": model.decision_function(fit_input).tolist(),
        "decision_test": model.decision_function(test_input).tolist(),
    }
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        json.dump(case, f, separators=(",", ":"))
    print(f"{name}: n_support={case['n_support']} rho={case['rho']:.6g} gamma={case['gamma_resolved']:.6g}")


def main():
    rng = np.random.RandomState(20240607)

    small_train = dense_blobs(rng, 30, 4)
    small_test = rng.normal(0, 4, size=(25, 4))
    write_case("small_dense_rbf_scale_nu0.5", small_train, small_test, "rbf", "scale", 0.5)
    write_case("small_dense_rbf_gamma0.3_nu0.1", small_train, small_test, "rbf", 0.3, 0.1)
    write_case("small_dense_linear_nu0.3", small_train, small_test, "linear", "scale", 0.3)
    write_case("small_dense_rbf_auto_nu0.9", small_train, small_test, "rbf", "auto", 0.9)

    medium_train = dense_blobs(rng, 300, 12)
    medium_test = np.vstack([dense_blobs(rng, 60, 12), rng.normal(0, 8, size=(20, 12))])
    write_case("medium_dense_rbf_scale_nu0.5", medium_train, medium_test, "rbf", "scale", 0.5)
    write_case("medium_dense_rbf_scale_nu0.05", medium_train, medium_test, "rbf", "scale", 0.05)

    sparse_train = sparse_like(rng, 400, 60, 0.08)
    sparse_test = np.vstack([sparse_like(rng, 80, 60, 0.08), sparse_like(rng, 20, 60, 0.3)])
    sparse_test[-1, :] = 0.0  # an all-zero test row, as an all-unseen trace would give
    write_case("medium_sparse_rbf_scale_nu0.5", sparse_train, sparse_test, "rbf", "scale", 0.5, sparse=True)
    write_case("medium_sparse_rbf_gamma2_nu0.2", sparse_train, sparse_test, "rbf", 2.0, 0.2, sparse=True)
    write_case("medium_sparse_linear_nu0.5", sparse_train, sparse_test, "linear", "scale", 0.5, sparse=True)
    write_case("medium_sparse_dense_input_rbf_scale_nu0.1", sparse_train, sparse_test, "rbf", "scale", 0.1)

    identical = np.tile(np.array([[0.6, 0.8, 0.0]]), (6, 1))
    write_case("identical_rows_rbf_scale_nu0.5", identical, np.array([[0.6, 0.8, 0.0], [0.0, 0.0, 1.0]]), "rbf", "scale", 0.5)
    write_case("single_row_rbf_scale_nu0.5", small_train[:1], small_test[:5], "rbf", "scale", 0.5)


if __name__ == "__main__":
    main()
