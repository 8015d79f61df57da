#!/usr/bin/env python3
"""Issue 15's connection goal: 21,000 idle TCP connections to the coordinator leave /health/live and POST /jobs
answering under 1 s.

  bench/hostile/idle-connections.py [--connections 21000] [--openers 3] [--probes 20] [--out DIR]

Starts a local cluster (deploy/local-cluster.sh: 1 node, 1 coordinator, defaults: max-connections 1024,
idle-timeout 60s), then --openers processes each open their share of --connections TCP connections to the API and
send nothing (a process may hold at most its file limit). While they are held it times --probes GET /health/live and
--probes POST /jobs (a small primes job, each on a fresh connection) and counts how many of the idle connections the
coordinator has closed (the oldest idle ones go when max-connections is reached). Writes DIR/idle-connections.md and
.json (default DIR: results/ beside this file, ignored by git). A benchmark, not a test: exit 0 when every probe
answered under 1 s.
"""
import argparse
import http.client
import json
import multiprocessing
import os
import socket
import sys
import tempfile
import time

sys.path.append(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "scheduling"))  # appended: scheduling/queue.py must not hide the standard queue module
from gxbench import Cluster, load_average, log, median, write_report  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
JOB = {"kernel": "primes", "params": {"limit": 10000}, "chunks": 2}


def opener(host, port, count, ready, release, results):
    """Opens `count` idle connections, reports, holds them until `release` is set, then reports how many live."""
    import resource
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    sockets, failed = [], 0
    for _ in range(count):
        try:
            s = socket.create_connection((host, port), timeout=5)
            s.setblocking(False)
            sockets.append(s)
        except OSError:
            failed += 1
    ready.put((len(sockets), failed))
    release.wait(600)
    live = 0
    for s in sockets:
        try:
            live += s.recv(1, socket.MSG_PEEK) != b""  # b"": the coordinator closed it
        except BlockingIOError:
            live += 1  # nothing to read and not closed: still open
        except OSError:
            pass
        s.close()
    results.put(live)


def timed(host, port, method, path, body=None):
    started = time.monotonic()
    conn = http.client.HTTPConnection(host, port, timeout=10)
    try:
        data = None if body is None else json.dumps(body).encode()
        conn.request(method, path, body=data, headers={"Content-Type": "application/json"} if data else {})
        status = conn.getresponse().status
    except OSError as e:
        status = f"error {e.__class__.__name__}"
    finally:
        conn.close()
    return status, (time.monotonic() - started) * 1000


def probe(host, port, probes):
    """`probes` GET /health/live, then `probes` POST /jobs: {"live": [(status, ms)], "post": [...]}."""
    return {"live": [timed(host, port, "GET", "/health/live") for _ in range(probes)],
            "post": [timed(host, port, "POST", "/jobs", JOB) for _ in range(probes)]}


def row(what, before, held):
    def cell(samples):
        ms = [m for _, m in samples]
        return f"{'/'.join(sorted(set(str(s) for s, _ in samples)))}: median {median(ms):.1f} ms, max {max(ms):.1f} ms"
    return f"| {what} | {cell(before)} | {cell(held)} |"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=21000)
    parser.add_argument("--openers", type=int, default=3, help="processes sharing the connections (each holds at most its file limit)")
    parser.add_argument("--probes", type=int, default=20)
    parser.add_argument("--out", default=os.path.join(HERE, "results"))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    cluster = Cluster(tempfile.mkdtemp(prefix="gridexec-idle-"), nodes=1, workers=1)
    procs = []
    try:
        cluster.start()
        host, port = "127.0.0.1", int(cluster.url.rsplit(":", 1)[1])
        for _ in range(3):  # warm-up: the first jobs pay for class loading and the JIT, not for the connections
            timed(host, port, "POST", "/jobs", JOB)
        before = probe(host, port, args.probes)
        ready, results, release = multiprocessing.Queue(), multiprocessing.Queue(), multiprocessing.Event()
        share = -(-args.connections // args.openers)
        started = time.monotonic()
        for i in range(args.openers):
            count = min(share, args.connections - i * share)
            p = multiprocessing.Process(target=opener, args=(host, port, count, ready, release, results), daemon=True)
            p.start()
            procs.append(p)
        opened = [ready.get(timeout=600) for _ in procs]
        open_s = time.monotonic() - started
        log(f"{sum(o for o, _ in opened)} connections opened ({sum(f for _, f in opened)} failed) in {open_s:.1f} s")
        held = probe(host, port, args.probes)
        release.set()
        still_open = sum(results.get(timeout=600) for _ in procs)
        ok = all(s == 200 for s, _ in held["live"]) and all(s == 202 for s, _ in held["post"]) \
            and max(ms for _, ms in held["live"] + held["post"]) < 1000
        lines = [
            "# Idle connections",
            "",
            f"{time.strftime('%Y-%m-%d %H:%M')}, load {load_average()}, {os.cpu_count()} CPUs; coordinator defaults"
            " (max-connections 1024, idle-timeout 60s)",
            "",
            f"- opened {sum(o for o, _ in opened)} of {args.connections} idle connections"
            f" ({sum(f for _, f in opened)} refused) in {open_s:.1f} s; still open when released: {still_open}",
            "",
            "| probe | without idle connections | with them held |",
            "|---|---|---|",
            row(f"GET /health/live x{args.probes}", before["live"], held["live"]),
            row(f"POST /jobs x{args.probes}", before["post"], held["post"]),
            "",
            "PASS: every probe under 1 s" if ok else "FAIL: a probe failed or took 1 s or more",
        ]
        write_report(args.out, "idle-connections", lines, {"opened": opened, "still_open": still_open,
                                                          "before": before, "held": held})
        return 0 if ok else 1
    finally:
        for p in procs:
            p.kill()
        cluster.stop()


if __name__ == "__main__":
    sys.exit(main())
