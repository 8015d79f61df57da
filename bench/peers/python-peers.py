#!/usr/bin/python3
"""The same Python source in gridexec's GraalPy slots and gil, and under CPython: multiprocessing, sub-interpreters
(where this Python has them) and one plain process; one interleaved run on this machine.

Every system runs examples/python/primes.py (count the primes below --limit by trial division) cut into --chunks
chunks by the module's own split(), with 2 workers unless the name says 1:
  gridexec-slots-2   a warm 1-node local cluster (deploy/local-cluster.sh, 2 workers), mode slots: one GraalPy context
                     per slot, each with its own GIL, POST /jobs?wait=true
  gridexec-slots-1   the same, 1 worker (the base of the slots speedup)
  gridexec-gil-2     the same node, mode gil: 2 threads share one context and its GIL
  multiprocessing-2  CPython, a warm Pool(2), map(run, chunks, chunksize=1)
  interpreters-2     CPython, concurrent.futures.InterpreterPoolExecutor(2) (Python 3.14+), warm; skipped, and said
                     so, on a Python without it
  cpython-1          CPython, one process, the chunks one after another
Warm-up rounds first (GraalPy compiles the module's hot code in its first runs), then measured rounds with the
systems in an order that rotates every round; medians. See README.md beside this file. A benchmark, not a test.
"""
import argparse
import concurrent.futures
import csv
import http.client
import importlib
import json
import multiprocessing
import os
import platform
import statistics
import subprocess
import sys
import time
import urllib.parse

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLUSTER = os.path.join(REPO, "deploy", "local-cluster.sh")
EXAMPLES = os.path.join(REPO, "examples", "python")
PYTHON_JAR = os.path.join(REPO, "node", "python", "target", "gridexec-python.jar")
WORKERS = 2

sys.path.insert(0, EXAMPLES)
primes = importlib.import_module("primes")  # importable by name, so that Pool workers can unpickle primes.run
from peers import cpu_model, publish  # noqa: E402  (peers.py, beside this file)


class Gridexec:
    """One system: a mode and a worker count on the warm local cluster."""

    def __init__(self, url, source, mode, workers):
        self.url = urllib.parse.urlparse(url)
        self.source, self.mode, self.workers = source, mode, workers

    def count(self, limit, chunks):
        task = {"kernel": "python", "params": {"module": self.source, "limit": limit}, "chunks": chunks,
                "mode": self.mode, "workers": self.workers}
        # A connection per job: between its jobs the others run for tens of seconds, longer than the coordinator
        # keeps an idle connection open; a new one costs about a millisecond against jobs of seconds.
        conn = http.client.HTTPConnection(self.url.hostname, self.url.port, timeout=900)
        try:
            conn.request("POST", "/jobs?wait=true&maxWait=10m", body=json.dumps(task),
                         headers={"Content-Type": "application/json"})
            response = conn.getresponse()
            record = json.loads(response.read())
        finally:
            conn.close()
        if response.status != 200 or record.get("state") != "SUCCEEDED":
            raise RuntimeError(f"gridexec {self.mode}x{self.workers}: {response.status} {record.get('state')} "
                               f"{record.get('error')}")
        return record["result"]["count"]


class Pool:
    def __init__(self):
        self.pool = multiprocessing.Pool(WORKERS)

    def count(self, limit, chunks):
        params = {"limit": limit}
        return primes.reduce(params, self.pool.starmap(primes.run, [(params, c) for c in primes.split(params, chunks)],
                                                       chunksize=1))["count"]

    def close(self):
        self.pool.close()
        self.pool.join()


class Interpreters:
    def __init__(self):
        # Each interpreter has a sys.path of its own: put examples/python on it, so that primes.run unpickles there.
        self.executor = concurrent.futures.InterpreterPoolExecutor(
            WORKERS, initializer=exec, initargs=(f"import sys; sys.path.insert(0, {EXAMPLES!r})",))

    def count(self, limit, chunks):
        params = {"limit": limit}
        outputs = self.executor.map(primes.run, [params] * chunks, primes.split(params, chunks))
        return primes.reduce(params, list(outputs))["count"]

    def close(self):
        self.executor.shutdown()


class Serial:
    def count(self, limit, chunks):
        params = {"limit": limit}
        return primes.reduce(params, [primes.run(params, c) for c in primes.split(params, chunks)])["count"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=2_000_000, help="count the primes below this (default 2,000,000)")
    parser.add_argument("--chunks", type=int, default=8, help="chunks per job (default 8)")
    parser.add_argument("--repeats", type=int, default=5, help="measured interleaved rounds (default 5)")
    parser.add_argument("--warmup", type=int, default=3, help="rounds before them, not counted (default 3)")
    parser.add_argument("--out", default=os.path.join(REPO, "bench", "peers", "results"), help="where the table goes")
    args = parser.parse_args()
    if not os.path.exists(PYTHON_JAR):
        sys.exit("python-peers: build the python module first, with a JDK 21+: "
                 "JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 mvn -q -B -Ppython package -DskipTests")
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(EXAMPLES, "primes.py")) as f:
        source = f.read()

    print("starting a warm 1-node gridexec cluster (2 workers) and a Pool(2) ...", file=sys.stderr)
    started = subprocess.run([CLUSTER, "start", "--nodes", "1", "--workers", str(WORKERS)], check=True,
                             capture_output=True, text=True)
    url = [line for line in started.stdout.splitlines() if line.startswith("http")][-1]
    systems = {}
    skipped = []
    samples = {}
    try:
        systems["gridexec-slots-2"] = Gridexec(url, source, "slots", 2)
        systems["gridexec-slots-1"] = Gridexec(url, source, "slots", 1)
        systems["gridexec-gil-2"] = Gridexec(url, source, "gil", 2)
        systems["multiprocessing-2"] = Pool()
        if hasattr(concurrent.futures, "InterpreterPoolExecutor"):
            systems["interpreters-2"] = Interpreters()
        else:
            skipped.append(f"interpreters-2: Python {platform.python_version()} has no "
                           "concurrent.futures.InterpreterPoolExecutor (3.14+)")
        systems["cpython-1"] = Serial()
        names = list(systems)
        expected = Serial().count(args.limit, args.chunks)
        for r in range(-args.warmup, args.repeats):
            order = names[r % len(names):] + names[:r % len(names)]
            print(f"{'warm-up' if r < 0 else 'round'} {r + 1 if r >= 0 else r + args.warmup + 1}: {' '.join(order)}",
                  file=sys.stderr)
            for name in order:
                start = time.perf_counter()
                count = systems[name].count(args.limit, args.chunks)
                elapsed = time.perf_counter() - start
                if count != expected:
                    sys.exit(f"python-peers: {name} counted {count}, expected {expected}")
                if r >= 0:
                    samples.setdefault(name, []).append(elapsed)
    finally:
        for system in systems.values():
            if hasattr(system, "close"):
                system.close()
        subprocess.run([CLUSTER, "stop"], check=False, capture_output=True)
    write(samples, skipped, expected, args)


def write(samples, skipped, expected, args):
    medians = {name: statistics.median(values) for name, values in samples.items()}
    serial = medians["cpython-1"]
    with open(os.path.join(args.out, "python-peers.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["system", "median_s", "samples", "speedup_vs_cpython_1"])
        for name, m in medians.items():
            w.writerow([name, f"{m:.4f}", len(samples[name]), f"{serial / m:.2f}"])
    cpu = cpu_model()
    lines = [f"Machine: {os.cpu_count()} CPUs (nproc), {cpu}; Python {platform.python_version()}; load average at the"
             f" end {os.getloadavg()[0]:.1f}. examples/python/primes.py below {args.limit:,} ({expected:,} primes),"
             f" {args.chunks} chunks; {args.warmup} warm-up rounds, {args.repeats} measured, interleaved.", "",
             "| system | median s | × CPython, 1 process | rounds (s) |", "|---|---:|---:|---|"]
    for name, m in medians.items():
        lines.append(f"| {name} | {m:.3f} | {serial / m:.2f} | {', '.join(f'{v:.3f}' for v in samples[name])} |")
    lines += ["", f"gridexec slots 2 ÷ 1 workers: {medians['gridexec-slots-1'] / medians['gridexec-slots-2']:.2f}x;"
              f" gil 2 workers ÷ slots 1: {medians['gridexec-slots-1'] / medians['gridexec-gil-2']:.2f}x;"
              f" multiprocessing-2 ÷ gridexec-slots-2: {medians['multiprocessing-2'] / medians['gridexec-slots-2']:.2f}x"
              " (above 1: gridexec is faster)."]
    lines += [f"Skipped: {s}" for s in skipped]
    publish(lines, os.path.join(args.out, "python-peers.md"))


if __name__ == "__main__":
    main()
