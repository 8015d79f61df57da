#!/usr/bin/env python3
"""How a job's chunks split over the nodes of a local cluster, run after run (issue 10's balance goal).

Starts `deploy/local-cluster.sh start --nodes N --workers W` (or uses --url), submits each job of the
sweep `--repeats` times with `POST /jobs?wait=true`, interleaved, and prints, per job and run, the share of
the chunks each node ran (the record's `placement`), and whether every run kept every node within
[--low, --high] percent. On a cluster it starts it also reads how long each node's worker threads were ready to
run but had no CPU (/proc/PID/task/*/schedstat), and says whether the node with the fewest chunks waited longest.
Stops the cluster it started. A benchmark, not a test.

  bench/runtime/balance.py                          # 2 nodes x 1 worker, primes 3e6 in 48 and 480 chunks, 10 runs
  bench/runtime/balance.py --url http://127.0.0.1:PORT --repeats 5
"""
import argparse
import os
import statistics
import sys

# appended, never first: bench/scheduling/queue.py must not hide the standard queue module
sys.path.append(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "scheduling"))
from gxbench import coordinator, thread_cpu  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running coordinator (else a local cluster is started and stopped)")
    parser.add_argument("--nodes", type=int, default=2)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--limit", type=int, default=3_000_000, help="primes below this (default 3,000,000: ~0.4 s)")
    parser.add_argument("--chunks", default="48,480", help="comma-separated chunk counts")
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=20,
                        help="unreported jobs first, per chunk count (the JIT of every JVM must settle, or a node"
                             " still compiling runs slower and rightly gets fewer chunks)")
    parser.add_argument("--low", type=float, default=40.0)
    parser.add_argument("--high", type=float, default=60.0)
    args = parser.parse_args()

    with coordinator(args.url, "gridexec-balance-", nodes=args.nodes, workers=args.workers, store="none") as api:
        return balance(api, args)


def balance(api, args):
    def submit(task):
        return api.json("POST", "/jobs?wait=true&maxWait=5m", task)

    def workers_cpu():
        """Per node of a cluster this script started: (ms its worker threads ran, ms they waited for a CPU)."""
        if api.cluster is None:
            return {}
        return {f"node-{i}": thread_cpu(api.cluster.pid(f"node-{i}"), "gridexec-worker") for i in range(args.nodes)}

    sweep = [int(c) for c in args.chunks.split(",")]
    tasks = {c: {"kernel": "primes", "params": {"limit": args.limit}, "chunks": c, "workers": args.workers,
                 "nodes": args.nodes} for c in sweep}
    for c in sweep:
        for _ in range(args.warmup):
            submit(tasks[c])
    shares = {c: [] for c in sweep}
    works = {c: [] for c in sweep}
    waits = {c: [] for c in sweep}
    for run in range(1, args.repeats + 1):
        for c in sweep:
            before = workers_cpu()
            record = submit(tasks[c])
            after = workers_cpu()
            placed = {p["node"]: p["chunks"] for p in record["placement"]}
            compute = {p["node"]: p["computeMs"] for p in record["placement"]}
            ran = sum(placed.values())
            share = {node: 100.0 * n / ran for node, n in sorted(placed.items())}
            shares[c].append(share)
            # ms of compute per chunk on each node (unequal when the nodes did not get the same CPU), and
            # each node's share of the job's compute (what the dispatch balances: pending chunks go by throughput)
            work = {node: 100.0 * compute[node] / max(1, sum(compute.values())) for node in compute}
            works[c].append(work)
            # how long each node's workers were ready to run but had no CPU (schedstat): on a host with fewer
            # vCPUs than busy threads, the node that waits more runs fewer chunks, whatever the dispatch does
            wait = {node: after[node][1] - before[node][1] for node in after if node in placed}
            waits[c].append(wait)
            print(f"run {run:2d} chunks {c:4d} wall {record['timing']['wallMs']:5d} ms  "
                  + "  ".join(f"{node} {n:4d} chunks ({share[node]:4.1f}%), {compute[node] / max(n, 1):5.2f} ms/chunk,"
                              f" {work[node]:4.1f}% of compute"
                              + (f", waited {wait[node]:4.0f} ms for a CPU" if node in wait else "")
                              for node, n in sorted(placed.items())), flush=True)
    ok = True
    for c in sweep:
        for what, runs in (("chunks", shares[c]), ("compute", works[c])):
            lows = [min(s.values()) if len(s) == args.nodes else 0.0 for s in runs]
            highs = [max(s.values()) for s in runs]
            within = sum(1 for lo, hi in zip(lows, highs) if lo >= args.low and hi <= args.high)
            ok &= what != "chunks" or within == len(lows)
            print(f"{c} chunks: {within} of {len(lows)} runs had every node's share of the {what} within"
                  f" {args.low:g}-{args.high:g}% (smallest {min(lows):.1f}%, largest {max(highs):.1f}%)")
        print(waited_summary(c, shares[c], waits[c], args))
    return 0 if ok else 1


def waited_summary(chunks, shares, waits, args):
    """Of the runs outside [low, high]: in how many the node with the fewest chunks waited longest for a CPU."""
    outside = [(share, wait) for share, wait in zip(shares, waits) if len(wait) == len(share) > 1
               and (min(share.values()) < args.low or max(share.values()) > args.high)]
    if not any(waits):
        return f"{chunks} chunks: CPU waits not measured (a cluster this script did not start)"
    fewest_waited_most = sum(1 for share, wait in outside
                             if min(share, key=share.get) == max(wait, key=wait.get))
    gaps = [max(wait.values()) - min(wait.values()) for _, wait in outside]
    return (f"{chunks} chunks: in {fewest_waited_most} of the {len(outside)} runs outside {args.low:g}-{args.high:g}%"
            f" the node with the fewest chunks waited longest for a CPU"
            + (f" (by {statistics.median(gaps):.0f} ms, median)" if gaps else "")
            + f"; the workers of all nodes waited {statistics.median([sum(w.values()) for w in waits]):.0f} ms per job"
            f" (median)")


if __name__ == "__main__":
    sys.exit(main())
