#!/usr/bin/env python3
"""How a job's chunks split over the nodes of a local cluster, run after run (issue 10's balance goal).

Starts `deploy/local-cluster.sh start --nodes N --workers W` (or uses --url), submits each job of the
sweep `--repeats` times with `POST /jobs?wait=true`, interleaved, and prints, per job and run, the share of
the chunks each node ran (the record's `placement`), and whether every run kept every node within
[--low, --high] percent. Stops the cluster it started. A benchmark, not a test.

  bench/runtime/balance.py                          # 2 nodes x 1 worker, primes 3e6 in 48 and 480 chunks, 10 runs
  bench/runtime/balance.py --url http://127.0.0.1:PORT --repeats 5
"""
import argparse
import http.client
import json
import os
import subprocess
import sys
import tempfile
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def submit(url, task):
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=300)
    try:
        connection.request("POST", "/jobs?wait=true&maxWait=5m", json.dumps(task), {"Content-Type": "application/json"})
        answer = connection.getresponse()
        body = answer.read()
        if answer.status != 200:
            raise SystemExit(f"POST /jobs answered {answer.status}: {body[:300]!r}")
        return json.loads(body)
    finally:
        connection.close()


def start_cluster(nodes, workers):
    run_dir = tempfile.mkdtemp(prefix="gridexec-balance-")
    started = subprocess.run([os.path.join(ROOT, "deploy", "local-cluster.sh"), "start", "--nodes", str(nodes),
                              "--workers", str(workers), "--store", "none", "--run-dir", run_dir],
                             check=True, stdout=subprocess.PIPE, text=True)
    url = next(line for line in started.stdout.splitlines() if line.startswith("http"))
    return url, run_dir


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running coordinator (else a local cluster is started and stopped)")
    parser.add_argument("--nodes", type=int, default=2)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--limit", type=int, default=3_000_000, help="primes below this (default 3,000,000: ~0.4 s)")
    parser.add_argument("--chunks", default="48,480", help="comma-separated chunk counts")
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=3, help="unreported jobs first, per chunk count")
    parser.add_argument("--low", type=float, default=40.0)
    parser.add_argument("--high", type=float, default=60.0)
    args = parser.parse_args()

    url, run_dir = (args.url, None) if args.url else start_cluster(args.nodes, args.workers)
    try:
        sweep = [int(c) for c in args.chunks.split(",")]
        tasks = {c: {"kernel": "primes", "params": {"limit": args.limit}, "chunks": c, "workers": args.workers,
                     "nodes": args.nodes} for c in sweep}
        for c in sweep:
            for _ in range(args.warmup):
                submit(url, tasks[c])
        shares = {c: [] for c in sweep}
        for run in range(1, args.repeats + 1):
            for c in sweep:
                record = submit(url, tasks[c])
                placed = {p["node"]: p["chunks"] for p in record["placement"]}
                compute = {p["node"]: p["computeMs"] for p in record["placement"]}
                ran = sum(placed.values())
                share = {node: 100.0 * n / ran for node, n in sorted(placed.items())}
                shares[c].append(share)
                # ms of compute per chunk on each node: unequal when the nodes did not get the same CPU
                print(f"run {run:2d} chunks {c:4d} wall {record['timing']['wallMs']:5d} ms  "
                      + "  ".join(f"{node} {n:4d} ({share[node]:4.1f}%, {compute[node] / max(n, 1):5.2f} ms/chunk)"
                                  for node, n in sorted(placed.items())), flush=True)
        ok = True
        for c in sweep:
            lows = [min(s.values()) if len(s) == args.nodes else 0.0 for s in shares[c]]
            highs = [max(s.values()) for s in shares[c]]
            within = sum(1 for lo, hi in zip(lows, highs) if lo >= args.low and hi <= args.high)
            ok &= within == len(lows)
            print(f"chunks {c}: {within} of {len(lows)} runs had every node within {args.low:g}-{args.high:g}% "
                  f"(smallest share {min(lows):.1f}%, largest {max(highs):.1f}%)")
        return 0 if ok else 1
    finally:
        if run_dir:
            subprocess.run([os.path.join(ROOT, "deploy", "local-cluster.sh"), "stop", "--run-dir", run_dir],
                           stdout=subprocess.DEVNULL, check=False)


if __name__ == "__main__":
    sys.exit(main())
