#!/usr/bin/env python3
"""A trivial job's cost over HTTP against a `GET /health/live` round trip, as a cluster warms up (issue 10, item 6).

Starts `deploy/local-cluster.sh start --nodes 1 --workers 2` (or uses --url) and, on one kept-alive connection,
alternates `GET /health/live` with `POST /jobs?wait=true` of a 1-chunk job. After each stage of warm-up (the
cluster's total trivial jobs so far: --stages) it measures --pairs interleaved pairs and prints the medians and
the job's extra cost over the health check at p50: the JVMs' JIT compiles the job's path over the first
thousand or so jobs, so the figure depends on how warm the cluster is, and this shows by how much. Stops the
cluster it started. A benchmark, not a test.

  bench/runtime/trivial-latency.py
  bench/runtime/trivial-latency.py --url http://127.0.0.1:PORT --stages 0,3000 --pairs 500
"""
import argparse
import os
import sys
import time

# appended, never first: bench/scheduling/queue.py must not hide the standard queue module
sys.path.append(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "scheduling"))
from gxbench import coordinator, median, percentile  # noqa: E402

TASK = {"kernel": "primes", "params": {"limit": 1000}, "chunks": 1, "workers": 1}


def timed(api, method, path, body=None):
    """Milliseconds for one request on the kept-alive connection, which must answer 200."""
    started = time.perf_counter()
    status, _, text = api.request(method, path, body)
    elapsed = 1000 * (time.perf_counter() - started)
    if status != 200:
        raise SystemExit(f"{method} {path} answered {status}: {text[:300]}")
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running coordinator (else a 1-node cluster is started and stopped)")
    parser.add_argument("--stages", default="20,200,1000,3000,6000",
                        help="measure once the cluster has run this many trivial jobs (comma-separated, rising)")
    parser.add_argument("--pairs", type=int, default=300, help="health/job pairs measured per stage")
    args = parser.parse_args()
    with coordinator(args.url, "gridexec-latency-", timeout=60, nodes=1, workers=2) as api:
        measure(api, args)


def measure(api, args):
    done = 0
    print(f"{'jobs before':>11} {'health p50':>10} {'job p50':>8} {'job p90':>8} {'job - health':>12}")
    for stage in (int(s) for s in args.stages.split(",")):
        while done < stage:
            timed(api, "POST", "/jobs?wait=true", TASK)
            done += 1
        health, jobs = [], []
        for _ in range(args.pairs):
            health.append(timed(api, "GET", "/health/live"))
            jobs.append(timed(api, "POST", "/jobs?wait=true", TASK))
        done += args.pairs
        print(f"{stage:>11} {median(health):>8.2f}ms {median(jobs):>6.2f}ms "
              f"{percentile(jobs, 90):>6.2f}ms {median(jobs) - median(health):>10.2f}ms", flush=True)



if __name__ == "__main__":
    sys.exit(main())
