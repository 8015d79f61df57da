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
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TASK = json.dumps({"kernel": "primes", "params": {"limit": 1000}, "chunks": 1, "workers": 1})


class Cluster:
    def __init__(self, url):
        parts = urllib.parse.urlsplit(url)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)

    def timed(self, method, path, body=None):
        headers = {"Content-Type": "application/json"} if body else {}
        started = time.perf_counter()
        self.connection.request(method, path, body, headers)
        answer = self.connection.getresponse()
        answer.read()
        elapsed = 1000 * (time.perf_counter() - started)
        if answer.status != 200:
            raise SystemExit(f"{method} {path} answered {answer.status}")
        return elapsed

    def live(self):
        return self.timed("GET", "/health/live")

    def job(self):
        return self.timed("POST", "/jobs?wait=true", TASK)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running coordinator (else a 1-node cluster is started and stopped)")
    parser.add_argument("--stages", default="20,200,1000,3000",
                        help="measure once the cluster has run this many trivial jobs (comma-separated, rising)")
    parser.add_argument("--pairs", type=int, default=300, help="health/job pairs measured per stage")
    args = parser.parse_args()
    run_dir = None
    url = args.url
    if not url:
        run_dir = tempfile.mkdtemp(prefix="gridexec-latency-")
        started = subprocess.run([os.path.join(ROOT, "deploy", "local-cluster.sh"), "start", "--nodes", "1", "--workers", "2",
                                  "--run-dir", run_dir], check=True, stdout=subprocess.PIPE, text=True)
        url = next(line for line in started.stdout.splitlines() if line.startswith("http"))
    try:
        cluster = Cluster(url)
        done = 0
        print(f"{'jobs before':>11} {'health p50':>10} {'job p50':>8} {'job p90':>8} {'job - health':>12}")
        for stage in (int(s) for s in args.stages.split(",")):
            while done < stage:
                cluster.job()
                done += 1
            health, jobs = [], []
            for _ in range(args.pairs):
                health.append(cluster.live())
                jobs.append(cluster.job())
            done += args.pairs
            print(f"{stage:>11} {statistics.median(health):>8.2f}ms {statistics.median(jobs):>6.2f}ms "
                  f"{percentile(jobs, 90):>6.2f}ms {statistics.median(jobs) - statistics.median(health):>10.2f}ms", flush=True)
    finally:
        if run_dir:
            subprocess.run([os.path.join(ROOT, "deploy", "local-cluster.sh"), "stop", "--run-dir", run_dir],
                           stdout=subprocess.DEVNULL, check=False)


if __name__ == "__main__":
    sys.exit(main())
