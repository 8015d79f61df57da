#!/usr/bin/python3
"""gridexec beside Dask distributed and Python's multiprocessing, on this machine, in one interleaved run.

Four workloads, each system in turn within every repeat (the order rotates per repeat):
  primes      count the primes below 3,000,000 by trial division in 48 chunks (the same algorithm in each)
  latency     one trivial task, submitted and awaited, one after another (milliseconds, median)
  throughput  many tiny tasks at once (tasks per second)
  startup     a fresh process: start the runtime, run one trivial task, exit (seconds, median)
gridexec runs on a warm 1-node cluster (deploy/local-cluster.sh, 2 workers) over HTTP with
POST /jobs?wait=true, and cold through `client/bin/client submit` (the embedded default) for start-up;
Dask on a warm LocalCluster of 2 worker processes with 1 thread each; multiprocessing on a warm Pool(2).
See README.md beside this file. A benchmark, not a test: numbers vary with the machine's load.
"""
import argparse
import csv
import http.client
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.append(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "scheduling"))  # appended: scheduling/queue.py must not hide the standard queue module
from gxbench import publish  # noqa: E402  (python-peers.py takes it from here too)

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLIENT = os.path.join(REPO, "client", "bin", "client")
CLUSTER = os.path.join(REPO, "deploy", "local-cluster.sh")
LIMIT = 3_000_000
CHUNKS = 48
WORKERS = 2
SYSTEMS = ["gridexec", "dask", "multiprocessing"]


# ---- the kernel, as node/core's PrimesKernel.trial does it -------------------------------------------------
def ranges(limit=LIMIT, chunks=CHUNKS):
    total = limit - 2
    return [(2 + total * i // chunks, 2 + total * (i + 1) // chunks) for i in range(chunks)]


def trial(bounds):
    lo, hi = bounds
    count = 1 if lo <= 2 < hi else 0
    n = max(lo, 3)
    n += 1 - n % 2
    while n < hi:
        d = 3
        prime = True
        while d * d <= n:
            if n % d == 0:
                prime = False
                break
            d += 2
        if prime:
            count += 1
        n += 2
    return count


def inc(x):
    return x + 1


# ---- gridexec --------------------------------------------------------------------------------------------
class Gridexec:
    def __init__(self, url):
        parsed = urllib.parse.urlparse(url)
        self.conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=900)

    def request(self, method, path, body=None):
        self.conn.request(method, path, body=body, headers={"Content-Type": "application/json"} if body else {})
        response = self.conn.getresponse()
        data = response.read()
        if response.status not in (200, 202):
            raise RuntimeError(f"{method} {path}: {response.status} {data[:300]!r}")
        return response.status, json.loads(data)

    def run(self, task):
        status, record = self.request("POST", "/jobs?wait=true&maxWait=10m", json.dumps(task))
        if status != 200 or record["state"] != "SUCCEEDED":
            raise RuntimeError(f"job did not succeed: {record.get('state')} {record.get('error')}")
        return record

    def primes(self):
        return self.run({"kernel": "primes", "params": {"limit": LIMIT}, "chunks": CHUNKS, "workers": WORKERS})["result"]["count"]

    def trivial(self):
        self.run({"kernel": "spin", "params": {"iterations": 1}, "chunks": 1, "workers": 1})

    def live(self):
        self.request("GET", "/health/live")

    def tiny(self, n):
        self.run({"kernel": "spin", "params": {"iterations": 0}, "chunks": n, "workers": WORKERS})


class Dask:
    def __init__(self):
        from distributed import Client, LocalCluster
        self.cluster = LocalCluster(n_workers=WORKERS, threads_per_worker=1, processes=True, dashboard_address=None)
        self.client = Client(self.cluster)

    def primes(self):
        return sum(self.client.gather(self.client.map(trial, ranges(), pure=False)))

    def trivial(self):
        self.client.submit(inc, 1, pure=False).result()

    def tiny(self, n):
        self.client.gather(self.client.map(inc, range(n), pure=False))

    def close(self):
        self.client.close()
        self.cluster.close()


class Multiprocessing:
    def __init__(self):
        import multiprocessing
        self.pool = multiprocessing.Pool(WORKERS)

    def primes(self):
        return sum(self.pool.map(trial, ranges(), chunksize=1))

    def trivial(self):
        self.pool.apply(inc, (1,))

    def tiny(self, n):
        self.pool.map(inc, range(n))

    def close(self):
        self.pool.close()
        self.pool.join()


# ---- start-up: a fresh process each time -------------------------------------------------------------------
def startup_child(system):
    """Runs in a child process: start the runtime, run one trivial task, stop."""
    if system == "dask":
        from distributed import Client, LocalCluster
        with LocalCluster(n_workers=WORKERS, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            assert client.submit(inc, 1, pure=False).result() == 2
    else:
        import multiprocessing
        with multiprocessing.Pool(WORKERS) as pool:
            assert pool.apply(inc, (1,)) == 2


def timed_process(argv, env=None):
    started = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - started


def measure(fn, repeat=1):
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return samples


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5, help="interleaved rounds (default 5)")
    parser.add_argument("--latency-tasks", type=int, default=50, help="trivial tasks per round per system (default 50)")
    parser.add_argument("--warm-jobs", type=int, default=3000,
                        help="trivial gridexec jobs before measuring (default 3000): the JIT of its JVMs compiles a"
                             " trivial job's path over the first few thousand jobs (bench/runtime/trivial-latency.py)")
    parser.add_argument("--out", default=os.path.join(REPO, "bench", "peers", "results"), help="where the table goes")
    parser.add_argument("--startup-child", choices=["dask", "multiprocessing"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.startup_child:
        startup_child(args.startup_child)
        return
    if not os.path.exists(os.path.join(REPO, "client", "target", "gridexec-client.jar")):
        sys.exit("peers: build first: mvn -q -B package -DskipTests")
    os.makedirs(args.out, exist_ok=True)
    trivial_task = os.path.join(tempfile.mkdtemp(prefix="gridexec-peers-"), "trivial.json")
    with open(trivial_task, "w") as f:
        json.dump({"kernel": "spin", "params": {"iterations": 1}, "chunks": 1, "workers": 1}, f)
    tiny = {"gridexec": 100_000, "dask": 2_000, "multiprocessing": 1_000_000}
    samples = {}  # (workload, system) -> list of values

    def add(workload, system, values):
        samples.setdefault((workload, system), []).extend(values)

    print("starting a warm 1-node gridexec cluster, a Dask LocalCluster and a Pool ...", file=sys.stderr)
    started = subprocess.run([CLUSTER, "start", "--nodes", "1", "--workers", str(WORKERS)], check=True,
                             capture_output=True, text=True)
    url = [line for line in started.stdout.splitlines() if line.startswith("http")][-1]
    peers = {}
    try:
        peers = {"gridexec": Gridexec(url), "dask": Dask(), "multiprocessing": Multiprocessing()}
        expected = None
        for system, peer in peers.items():  # warm-up, and every system agrees on the count
            counts = [peer.primes() for _ in range(2)]
            peer.tiny(min(tiny[system], 1000))
            for _ in range(20):
                peer.trivial()
            expected = expected or counts[0]
            if set(counts) != {expected}:
                sys.exit(f"peers: {system} counted {counts}, expected {expected}")
        for _ in range(20):
            peers["gridexec"].live()
        for _ in range(args.warm_jobs):  # the Python systems have no JIT to warm; their 20 trivial tasks above suffice
            peers["gridexec"].trivial()
        for r in range(args.repeats):
            order = SYSTEMS[r % 3:] + SYSTEMS[:r % 3]
            print(f"round {r + 1}/{args.repeats}: {' '.join(order)}", file=sys.stderr)
            for system in order:
                peer = peers[system]
                add("primes_s", system, measure(peer.primes))
                lat = []
                for _ in range(args.latency_tasks):
                    if system == "gridexec":
                        add("health_live_ms", system, [1000 * s for s in measure(peer.live)])
                    lat.append(1000 * measure(peer.trivial)[0])
                add("latency_ms", system, lat)
                add("tiny_tasks_per_s", system, [tiny[system] / s for s in measure(lambda: peer.tiny(tiny[system]))])
                if system == "gridexec":
                    add("startup_s", system, [timed_process([CLIENT, "submit", "-q", trivial_task])])
                    add("version_s", system, [timed_process([CLIENT, "--version"])])
                else:
                    add("startup_s", system, [timed_process(["/usr/bin/python3", os.path.abspath(__file__),
                                                             "--startup-child", system])])
    finally:
        for name, peer in peers.items():
            if hasattr(peer, "close"):
                peer.close()
        subprocess.run([CLUSTER, "stop"], check=False, capture_output=True)
    write(samples, args)


def write(samples, args):
    rows = []
    order = [("primes_s", "primes 3e6 / 48 chunks, s", False), ("latency_ms", "trivial task latency, ms", False),
             ("tiny_tasks_per_s", "tiny tasks per second", True), ("startup_s", "start + 1 task, s", False)]
    for key, label, higher_better in order:
        g = statistics.median(samples[(key, "gridexec")])
        for system in SYSTEMS:
            m = statistics.median(samples[(key, system)])
            rows.append({"workload": key, "label": label, "system": system, "median": m,
                         "samples": len(samples[(key, system)]),
                         "gridexec_advantage": (g / m if higher_better else m / g)})
    extra = {k: statistics.median(v) for (k, s), v in samples.items() if k in ("health_live_ms", "version_s")}
    jdk = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    cpu = cpu_model()
    with open(os.path.join(args.out, "peers.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["workload", "label", "system", "median", "samples", "gridexec_advantage"])
        w.writeheader()
        w.writerows(rows)
    lines = [f"Machine: {os.cpu_count()} CPUs (nproc), {cpu}; {jdk}; Python {platform.python_version()};"
             f" load average at the end {os.getloadavg()[0]:.1f}. {args.repeats} interleaved rounds.", "",
             "| workload | gridexec | Dask distributed | multiprocessing | Dask ÷ gridexec | multiprocessing ÷ gridexec |",
             "|---|---:|---:|---:|---:|---:|"]
    for key, label, higher_better in order:
        by = {r["system"]: r for r in rows if r["workload"] == key}
        fmt = (lambda v: f"{v:,.0f}") if higher_better else (lambda v: f"{v:.3g}")
        lines.append(f"| {label} | {fmt(by['gridexec']['median'])} | {fmt(by['dask']['median'])} | "
                     f"{fmt(by['multiprocessing']['median'])} | {by['dask']['median'] / by['gridexec']['median']:.3g} | "
                     f"{by['multiprocessing']['median'] / by['gridexec']['median']:.3g} |")
    lines += ["", "Ratios are peer ÷ gridexec of the medians: above 1 the peer takes longer (times) or does more (rate).",
              f"gridexec also: `GET /health/live` p50 {extra.get('health_live_ms', float('nan')):.2f} ms on the same"
              f" connection (trivial job with ?wait=true minus it:"
              f" {statistics.median(samples[('latency_ms', 'gridexec')]) - extra.get('health_live_ms', math.nan):.2f} ms);"
              f" `client --version` {extra.get('version_s', math.nan):.2f} s (start-up ÷ it:"
              f" {statistics.median(samples[('startup_s', 'gridexec')]) / extra.get('version_s', math.nan):.2f})."]
    publish(lines, os.path.join(args.out, "peers.md"))


def cpu_model():
    """The CPU's model name as lscpu gives it, for the table's machine line."""
    return next((line.split(":", 1)[1].strip() for line in subprocess.run(["lscpu"], capture_output=True, text=True)
                 .stdout.splitlines() if line.startswith("Model name")), "?")


if __name__ == "__main__":
    main()
