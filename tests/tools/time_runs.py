#!/usr/bin/python3
"""Time whole experiment runs, before against after, alternating, and print one markdown row per run:
wall time, CPU time (user + sys of the run and everything it started), the load average around it, the
fit seconds per detector (mean over seeds, from metrics.json), the LSTM's epochs (run / best, from the
saved models) and each detector's mean ROC AUC over seeds.

    /usr/bin/python3 tests/tools/time_runs.py --rounds 2 --out /tmp/timing \\
        experiments/lstm-vs-ocsvm.yaml /tmp/candidate.yaml

Each run gets a fresh output folder and --force, so no cached model is reused. Runs alternate
(A B A B ...) so a change in the machine's load hits both sides alike. CPU time is the fairer number on a
shared machine: waiting for a core is not counted in it, and it is what a quiet machine would spend.
Written by hand because it only glues the CLI, /proc's load average and metrics.json together.
"""
import argparse
import glob
import json
import os
import resource
import statistics
import subprocess
import sys
import time


def run_once(command, experiment, out):
    os.makedirs(out, exist_ok=False)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load_before = os.getloadavg()[0]
    start = time.monotonic()
    with open(os.path.join(out, "console.log"), "w") as log:
        code = subprocess.call(command + ["run", experiment, "--output", out, "--force"], stdout=log, stderr=subprocess.STDOUT)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if code != 0:
        sys.exit(f"{experiment}: the run exited with {code}; see {out}/console.log")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, load_before, os.getloadavg()[0]


def per_seed(rows):
    return " (" + ", ".join(format(r["roc_auc"], ".4f") for r in rows) + ")" if len(rows) > 1 else ""


def summarize(out):
    found = glob.glob(os.path.join(out, "*", "*", "metrics.json"))
    if len(found) != 1:
        sys.exit(f"{out}: expected one run folder with metrics.json, found {len(found)}")
    with open(found[0]) as f:
        metrics = json.load(f)
    by_detector = {}
    for row in metrics["detectors"]:
        by_detector.setdefault(row["detector"], []).append(row)
    epochs = []
    for path in sorted(glob.glob(os.path.join(os.path.dirname(found[0]), "models", "**", "lstm.json"), recursive=True)):
        with open(path) as f:
            summary = json.load(f)["Summary"]
        epochs.append(f"{len(summary['Epochs'])}/{summary['BestEpoch']}")
    fits = "; ".join(f"{name} {statistics.mean(r['fit_seconds'] for r in rows):.1f}" for name, rows in by_detector.items())
    aucs = "; ".join(f"{name} {statistics.mean(r['roc_auc'] for r in rows):.4f}" + per_seed(rows)
                     for name, rows in by_detector.items())
    return fits, " ".join(epochs) or "-", aucs


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("experiments", nargs="+", help="experiment YAML files, run in turn each round")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--out", required=True, help="a folder for the runs (must not exist)")
    parser.add_argument("--command", default="dotnet run --no-build --", help="how to start the CLI")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=False)
    print(f"{os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print("| experiment | round | wall s | CPU s (user+sys) | load 1-min before/after | fit s per detector (mean over seeds)"
          " | lstm epochs run/best | ROC AUC, mean over seeds (per seed) |")
    print("|---|---:|---:|---:|---|---|---|---|")
    for round_ in range(1, args.rounds + 1):
        for index, experiment in enumerate(args.experiments):
            out = os.path.join(args.out, f"r{round_}-{index}-{os.path.splitext(os.path.basename(experiment))[0]}")
            wall, cpu, load_before, load_after = run_once(args.command.split(), experiment, out)
            fits, epochs, aucs = summarize(out)
            print(f"| {experiment} | {round_} | {wall:.0f} | {cpu:.0f} | {load_before:.1f}/{load_after:.1f} | {fits} | {epochs} | {aucs} |",
                  flush=True)


if __name__ == "__main__":
    main()
