"""Helpers shared by the scheduling checks in this folder (not a script): a local cluster, the HTTP API, numbers.

Everything talks to 127.0.0.1 only, through deploy/local-cluster.sh and the coordinator's HTTP API.
"""
import argparse
import contextlib
import http.client
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CLUSTER = os.path.join(REPO, "deploy", "local-cluster.sh")
TERMINAL = {"SUCCEEDED", "FAILED", "CANCELLED"}


def load_average():
    """The 1-, 5- and 15-minute load averages, as /proc/loadavg says them."""
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def log(*args):
    print(time.strftime("%H:%M:%S"), *args, file=sys.stderr, flush=True)


class Cluster:
    """A local cluster started by deploy/local-cluster.sh in its own run dir; stop() ends exactly its processes."""

    def __init__(self, run_dir, nodes=2, workers=1, store=None, coordinator_flags=None, coordinators=1):
        self.run_dir = run_dir
        self.nodes = nodes
        self.coordinators = coordinators
        self.workers = workers
        self.store = store
        self.url = None
        self.coordinator_flags = coordinator_flags or []

    def start(self):
        os.makedirs(self.run_dir, exist_ok=True)
        args = [CLUSTER, "start", "--nodes", str(self.nodes), "--coordinators", str(self.coordinators),
                "--workers", str(self.workers), "--run-dir", self.run_dir]
        if self.store:
            args += ["--store", self.store]
        env = dict(os.environ)
        env.setdefault("GRIDEXEC_START_TIMEOUT", "240")
        for flag in self.coordinator_flags:  # coordinator settings reach it through its environment (GRIDEXEC_*)
            key, _, value = flag.partition("=")
            env["GRIDEXEC_" + key.upper().replace("-", "_")] = value
        out = subprocess.run(args, check=True, capture_output=True, text=True, env=env)
        self.urls = [line for line in out.stdout.splitlines() if line.startswith("http://")]
        self.url = self.urls[0]
        log("cluster up at", self.url, "run dir", self.run_dir)
        return self

    def stop(self):
        env = dict(os.environ, GRIDEXEC_STOP_GRACE=os.environ.get("GRIDEXEC_STOP_GRACE", "15"))
        subprocess.run([CLUSTER, "stop", "--run-dir", self.run_dir], env=env, capture_output=True, text=True)

    def pid(self, name):
        """The JVM pid of process `name` (node-0, node-1, coordinator-0)."""
        with open(os.path.join(self.run_dir, name + ".pid")) as f:
            return int(f.read().strip())


class Api:
    """A kept-alive HTTP connection to a coordinator (one per thread)."""

    def __init__(self, url, timeout=30):
        parsed = urllib.parse.urlparse(url)
        self.host, self.port, self.timeout = parsed.hostname, parsed.port, timeout
        self.conn = None
        self.cluster = None  # the local Cluster it talks to, when coordinator() started one

    def request(self, method, path, body=None):
        """(status, headers as a dict of lower-case names, body text); reconnects once on a dropped connection.
        A bytes or str body is sent as it is (raw bytes, raw text); anything else as JSON."""
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                data = (None if body is None else body if isinstance(body, bytes)
                        else body.encode() if isinstance(body, str) else json.dumps(body).encode())
                headers = {"Content-Type": "application/json"} if data is not None else {}
                self.conn.request(method, path, body=data, headers=headers)
                response = self.conn.getresponse()
                text = response.read().decode()
                return response.status, {k.lower(): v for k, v in response.getheaders()}, text
            except (ConnectionError, http.client.HTTPException, OSError):
                self.close()
                if attempt == 1:
                    raise
        raise AssertionError("unreachable")

    def json(self, method, path, body=None):
        status, _, text = self.request(method, path, body)
        if status >= 300:
            raise RuntimeError(f"{method} {path} answered {status}: {text[:300]}")
        return json.loads(text)

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


@contextlib.contextmanager
def coordinator(url, run_dir_prefix, timeout=300, **cluster):
    """An Api to the coordinator at `url`, or, without one, to a local Cluster(**cluster) started in a fresh temp run
    dir for the block and stopped after it (then the Api's `cluster`, else None)."""
    started = None if url else Cluster(tempfile.mkdtemp(prefix=run_dir_prefix), **cluster).start()
    api = Api(url or started.url, timeout=timeout)
    api.cluster = started
    try:
        yield api
    finally:
        api.close()
        if started:
            started.stop()


def thread_cpu(pid, prefix):
    """(ms on a CPU, ms runnable but waiting for one) so far of the live threads of process `pid` whose names start
    with `prefix` (e.g. gridexec-worker), from /proc/PID/task/*/schedstat; (0, 0) where the kernel keeps none."""
    run_ns = wait_ns = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                if not f.read().startswith(prefix):
                    continue
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                ran, waited = (int(x) for x in f.read().split()[:2])
        except (FileNotFoundError, ProcessLookupError):
            continue  # ended between listdir and read
        run_ns += ran
        wait_ns += waited
    return run_ns / 1e6, wait_ns / 1e6


def primes_below(limit):
    """How many primes there are below `limit` (what the primes kernel's result.count must be)."""
    if limit < 3:
        return 0
    sieve = bytearray([1]) * limit
    sieve[0:2] = b"\x00\x00"
    for p in range(2, math.isqrt(limit - 1) + 1):
        if sieve[p]:
            sieve[p * p::p] = bytes(len(range(p * p, limit, p)))
    return sum(sieve)


def percentile(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    index = max(0, min(len(values) - 1, math.ceil(p / 100 * len(values)) - 1))
    return values[index]


def median(values):
    return statistics.median(values) if values else float("nan")


def publish(lines, path):
    """Writes the summary lines to path (markdown), prints them, returns the text."""
    text = "\n".join(lines) + "\n"
    with open(path, "w") as f:
        f.write(text)
    print(text)
    return text


def write_report(out_dir, name, lines, data):
    """Writes OUT_DIR/NAME.json (the data) and OUT_DIR/NAME.md (the summary lines), prints the summary, returns it."""
    with open(os.path.join(out_dir, name + ".json"), "w") as f:
        json.dump(data, f, indent=1, default=str)
    return publish(lines, os.path.join(out_dir, name + ".md"))


def primes_parser(doc, limit, chunks):
    """The argument parser of a check that runs primes tasks: its docstring as help, --limit and --chunks of the
    task with the check's defaults, and --out (default results/ beside these scripts, ignored by git)."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=limit, help="primes below this")
    parser.add_argument("--chunks", type=int, default=chunks, help="chunks a job")
    parser.add_argument("--out", default=os.path.join(HERE, "results"), help="the folder for the results")
    return parser


def choices(parser, flag, text, known):
    """The comma-separated names of `text` (the value of option `flag`), each one of `known`; else the parser's error."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in known]
    if unknown:
        parser.error(f"{flag}: unknown {', '.join(unknown)}; choose from {', '.join(known)}")
    return names
