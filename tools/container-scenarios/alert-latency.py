#!/usr/bin/env python3
"""Alert latency of live scoring on container recordings: from an attack's start (time.exploit in the recording's
JSON) to the first alert `score` raises at or after it.

    alert-latency.py replay TOOL_DLL RECORDINGS_DIR -- SCORE_ARGS...
        pipes each recording's .sc lines through `dotnet TOOL_DLL score SCORE_ARGS --format jsonl -` (the live path,
        as `record - | score -` feeds it) and measures in the recording's clock: the end of the first alerting window
        (its last call) minus the exploit start.
    alert-latency.py live RECORDINGS_DIR LIVE_DIR
        reads what run.sh's LIVE_SCORE kept (LIVE_DIR/NAME.jsonl, each line prefixed by the Unix time it arrived) and
        measures by the wall clock: the arrival of the first alert minus the exploit start; and in the recording's clock.

Alerts before the exploit are counted as false alarms. Prints one line per recording, then the summary.
"""
import json
import statistics
import subprocess
import sys
import zipfile
from pathlib import Path


def exploit_start(recording):
    with zipfile.ZipFile(recording) as z:
        meta = json.loads(z.read(next(n for n in z.namelist() if n.endswith(".json"))))
    exploits = meta.get("time", {}).get("exploit", [])
    return float(exploits[0]["absolute"]) if exploits else None, meta.get("exploit_name", "")


def sc_lines(recording):
    with zipfile.ZipFile(recording) as z:
        return z.read(next(n for n in z.namelist() if n.endswith(".sc")))


def percentile(values, q):
    values = sorted(values)
    if not values:
        return float("nan")
    position = (len(values) - 1) * q
    low = int(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


def judge(name, kind, start, alerts):
    """alerts: (window_end, arrival or None) of every alert, in order. Returns (latency by window end, by arrival, false alarms)."""
    before = [a for a in alerts if a[0] < start]
    after = [a for a in alerts if a[0] >= start]
    latency = after[0][0] - start if after else None
    arrival = after[0][1] - start if after and after[0][1] is not None else None
    shown = "missed" if latency is None else "%.3f s" % latency
    if arrival is not None:
        shown += ", arrived after %.3f s" % arrival
    print("%s (%s): %d alerts, %d before the exploit; first alert after it: %s" % (name, kind, len(alerts), len(before), shown))
    return latency, arrival, len(before)


def summarise(results):
    latencies = [r[0] for r in results if r[0] is not None]
    arrivals = [r[1] for r in results if r[1] is not None]
    print("detected %d of %d attack recordings; alerts before the exploit: %d (in %d recordings)"
          % (len(latencies), len(results), sum(r[2] for r in results), sum(1 for r in results if r[2] > 0)))
    if latencies:
        print("latency by window end: median %.3f s, p90 %.3f s, max %.3f s"
              % (statistics.median(latencies), percentile(latencies, 0.9), max(latencies)))
    if arrivals:
        print("latency by arrival (wall clock): median %.3f s, p90 %.3f s, max %.3f s"
              % (statistics.median(arrivals), percentile(arrivals, 0.9), max(arrivals)))


def replay(tool, folder, score_args):
    results = []
    for recording in sorted(Path(folder).glob("*.zip")):
        start, kind = exploit_start(recording)
        if start is None:
            continue
        run = subprocess.run(["dotnet", tool, "score", *score_args, "--format", "jsonl", "-"], input=sc_lines(recording),
                             capture_output=True, check=False)
        if run.returncode != 0:
            sys.exit("%s: score failed (exit %d): %s" % (recording, run.returncode, run.stderr.decode(errors="replace")))
        records = [json.loads(line) for line in run.stdout.decode().splitlines() if line.strip()]
        alerts = [(r["end"], None) for r in records if r["type"] == "alert"]
        results.append(judge(recording.stem, kind, start, alerts))
    summarise(results)


def live(folder, live_folder):
    results = []
    for recording in sorted(Path(folder).glob("*.zip")):
        start, kind = exploit_start(recording)
        kept = Path(live_folder) / (recording.stem + ".jsonl")
        if start is None or not kept.exists():
            continue
        alerts = []
        for line in kept.read_text().splitlines():
            arrived, _, text = line.partition(" ")
            record = json.loads(text)
            if record["type"] == "alert":
                alerts.append((record["end"], float(arrived)))
        results.append(judge(recording.stem, kind, start, alerts))
    summarise(results)


if __name__ == "__main__":
    if len(sys.argv) >= 5 and sys.argv[1] == "replay" and sys.argv[4] == "--":
        replay(sys.argv[2], sys.argv[3], sys.argv[5:])
    elif len(sys.argv) == 4 and sys.argv[1] == "live":
        live(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
