#!/usr/bin/env python3
"""The fault-and-abuse suite (issue 15, item 11): a mixed workload on a local cluster while its nodes and coordinators
are killed, paused and restarted, with hostile requests in between; then a checker that every accepted job ended
exact (or with a legitimate reason) and that every hostile request was refused with a JSON error.

  bench/faults/fault-suite.py [--duration 60] [--nodes 3] [--coordinators 2] [--seed 1] [--out DIR] [--keep]

What it does, all on 127.0.0.1 through deploy/local-cluster.sh and the HTTP API:
- starts a cluster (--nodes nodes of one worker each, --coordinators coordinators, SQLite store in its run dir);
- workload: for --duration seconds submits a job about every 0.4 s to a coordinator taken in turn: primes (counts
  known exactly), nqueens (solutions known) or sleep, in modes threads, slots and gil, 4 to 24 chunks; every 202 is
  an accepted job the checker follows;
- abuse: every tenth submission is hostile instead (a thread bomb, malformed JSON, an unknown artifact, 10^7 chunks,
  a NUL in the name, a bad percent escape): each must be a 4xx whose body is JSON naming what was wrong;
- faults: every --fault-every seconds one of: kill -9 a node and start it again, SIGSTOP a node for 2 s, kill -9 a
  coordinator and start it again, stop a coordinator gracefully and start it again (never two at once, so the
  cluster always has a coordinator to answer);
- then waits (at most --settle seconds) for every accepted job to end and checks: each SUCCEEDED with the exact
  answer, or FAILED/CANCELLED with a reason in LEGITIMATE (counted, reported, not a failure: a chunk that lost its
  node three times is one); none lost (every accepted id is still known); the API answered /health/live in the end.
Exit 0 when all checks hold, 1 otherwise. Writes DIR/fault-suite.md and .json (default DIR: results/ beside this file,
ignored by git). CI runs the short form (--duration 45) from .ci/run.
"""
import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.path.append(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "scheduling"))  # appended: scheduling/queue.py must not hide the standard queue module
from gxbench import CLUSTER, TERMINAL, Api, Cluster, load_average, log, primes_below, write_report  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
NQUEENS = {6: 4, 7: 40, 8: 92, 9: 352, 10: 724}
MODES = ["threads", "slots", "gil"]
# A job may end FAILED for these without the suite failing: a chunk that lost its node on each of its maxAttempts
# (reason kernel, message "... was lost ..."), or nodes gone for longer than node-wait.
LEGITIMATE = {"nodes-lost"}
HOSTILE = [
    ("thread bomb", {"kernel": "primes", "params": {"limit": 1000}, "chunks": 1, "workers": 4096, "mode": "slots",
                     "threadsPerSlot": 256}, "workers"),
    ("ten million chunks", {"kernel": "primes", "params": {"limit": 100000}, "chunks": 10_000_000}, "chunks"),
    ("unknown artifact", {"kernel": "Nope", "artifact": "0" * 64}, "artifact"),
    ("NUL in the name", {"kernel": "primes", "params": {"limit": 1000}, "name": "a\u0000b"}, "name"),
    ("malformed JSON", "{\"kernel\": \"primes\", ", None),
]


class Workload:
    """Submits jobs and hostile requests in turn to each coordinator; remembers what it expects of each."""

    def __init__(self, urls, rng):
        self.apis = [Api(url, timeout=15) for url in urls]
        self.rng = rng
        self.accepted = {}  # id -> expectation
        self.unanswered = 0  # POSTs whose answer was lost with a coordinator (the job may or may not exist)
        self.unreachable = 0  # POSTs that found no coordinator listening (never sent)
        self.refused = []  # (what, status, field named?)
        self.busy = 0  # 429/503 answers (backpressure, no coordinator ready): fine
        self.sent = 0

    def job(self):
        mode = self.rng.choice(MODES)
        chunks = self.rng.choice([4, 8, 16, 24])
        kind = self.rng.choice(["primes", "primes", "nqueens", "sleep"])
        if kind == "primes":
            limit = self.rng.choice([300_000, 1_000_000, 2_000_000, 4_000_000])
            task = {"kernel": "primes", "params": {"limit": limit}}
            expect = ("count", primes_below(limit))
        elif kind == "nqueens":
            n = self.rng.choice(sorted(NQUEENS))
            task = {"kernel": "nqueens", "params": {"n": n}}
            expect = ("solutions", NQUEENS[n])
        else:
            task = {"kernel": "sleep", "params": {"millis": self.rng.choice([20, 50, 100])}}
            expect = (None, None)
        task.update({"chunks": chunks, "mode": mode, "workers": 1, "nodes": self.rng.choice([1, 2, 3]),
                     "name": f"fault-{self.sent}"})
        return task, expect

    def submit_one(self, api):
        self.sent += 1
        if self.sent % 10 == 0:
            what, body, field = HOSTILE[(self.sent // 10) % len(HOSTILE)]
            self.hostile(api, what, body, field)
            return
        task, expect = self.job()
        status, text = self.post(api, task)
        if status is None:
            return
        if status == 202:
            self.accepted[json.loads(text)["id"]] = {"task": task, "expect": expect}
        elif status in (429, 503):
            self.busy += 1
        else:
            self.refused.append({"what": "valid task " + task["name"], "status": status, "ok": False, "body": text[:200]})

    def post(self, api, body):
        """POST /jobs: (status, text), or (None, None) when the answer was lost with the coordinator."""
        try:
            status, _, text = api.request("POST", "/jobs", body)
            return status, text
        except ConnectionRefusedError:
            self.unreachable += 1
            return None, None
        except OSError:
            self.unanswered += 1
            return None, None

    def hostile(self, api, what, body, field):
        status, text = self.post(api, body)  # a str body goes as it is: not JSON at all
        if status is None:
            return
        if status == 503:
            self.busy += 1
            return
        try:
            error = json.loads(text)
            names = json.dumps(error)
            ok = 400 <= status < 500 and (field is None or field in names)
        except ValueError:
            ok = False
        self.refused.append({"what": what, "status": status, "ok": ok, "body": text[:200]})

    def run(self, duration, stop):
        deadline = time.monotonic() + duration
        turn = 0
        while time.monotonic() < deadline and not stop.is_set():
            self.submit_one(self.apis[turn % len(self.apis)])
            turn += 1
            stop.wait(0.4)

    def bad_escape(self):
        """GET /jobs/%zz: a JSON 400, not plain text."""
        for api in self.apis:
            try:
                status, _, text = api.request("GET", "/jobs/%zz")
            except OSError:
                continue
            try:
                json.loads(text)
                ok = status == 400
            except ValueError:
                ok = False
            self.refused.append({"what": "bad percent escape", "status": status, "ok": ok, "body": text[:200]})
            return


class Faults:
    """Kills, pauses and restarts one process at a time."""

    def __init__(self, cluster, rng, every):
        self.cluster = cluster
        self.rng = rng
        self.every = every
        self.done = []

    def restart(self, name, kill):
        args = [CLUSTER, "restart", name, "--run-dir", self.cluster.run_dir] + (["--kill"] if kill else [])
        result = subprocess.run(args, capture_output=True, text=True,
                                env=dict(os.environ, GRIDEXEC_START_TIMEOUT="180", GRIDEXEC_STOP_GRACE="20"))
        return result.returncode == 0, (result.stderr.strip().splitlines() or [""])[-1]

    def one(self):
        node = f"node-{self.rng.randrange(self.cluster.nodes)}"
        coordinator = f"coordinator-{self.rng.randrange(self.cluster.coordinators)}"
        action = self.rng.choice(["kill-node", "pause-node", "kill-coordinator", "restart-coordinator"])
        started = time.monotonic()
        if action == "pause-node":
            pid = self.cluster.pid(node)
            os.kill(pid, signal.SIGSTOP)
            time.sleep(2)  # the fault itself: a 2 s pause, not synchronisation
            os.kill(pid, signal.SIGCONT)
            ok, said = True, f"paused {node} 2 s"
        elif action == "kill-node":
            ok, said = self.restart(node, kill=True)
        elif action == "kill-coordinator":
            ok, said = self.restart(coordinator, kill=True)
        else:
            ok, said = self.restart(coordinator, kill=False)
        self.done.append({"action": action, "target": node if "node" in action else coordinator, "ok": ok,
                          "seconds": round(time.monotonic() - started, 1), "said": said})
        log("fault:", action, "ok" if ok else "FAILED", said)

    def run(self, stop):
        while not stop.wait(self.every):
            self.one()


def settle(workload, urls, timeout_s):
    """Follows every accepted job to its end through any coordinator that answers; returns id -> final record."""
    ended, missing = {}, {}
    deadline = time.monotonic() + timeout_s
    apis = [Api(url, timeout=15) for url in urls]
    while time.monotonic() < deadline and len(ended) < len(workload.accepted):
        for job_id in workload.accepted:
            if job_id in ended:
                continue
            for api in apis:
                try:
                    status, _, text = api.request("GET", f"/jobs/{job_id}")
                except OSError:
                    continue
                if status == 200:
                    record = json.loads(text)
                    missing.pop(job_id, None)
                    if record["state"] in TERMINAL:
                        ended[job_id] = record
                    break
                if status == 404:
                    missing[job_id] = missing.get(job_id, 0) + 1
                    break
        if len(ended) < len(workload.accepted):
            time.sleep(0.5)  # poll interval
    return ended, missing


def check(workload, ended, missing):
    """The problems found (empty: all good) and counts for the report."""
    problems, counts = [], {"exact": 0, "legitimate": 0}
    for job_id, want in workload.accepted.items():
        record = ended.get(job_id)
        if record is None:
            problems.append(f"job {job_id} ({want['task']['name']}) "
                            + ("is unknown to every coordinator" if missing.get(job_id) else "did not end in time"))
            continue
        error = record.get("error") or {}
        if record["state"] == "SUCCEEDED":
            field, value = want["expect"]
            if field is None or record["result"].get(field) == value:
                counts["exact"] += 1
            else:
                problems.append(f"job {job_id} ({want['task']['name']}): {field} {record['result'].get(field)}, want {value}")
        elif error.get("reason") in LEGITIMATE or (error.get("reason") == "kernel" and "was lost" in error.get("message", "")):
            counts["legitimate"] += 1
        else:
            problems.append(f"job {job_id} ({want['task']['name']}) ended {record['state']}: {error}")
    for refusal in workload.refused:
        if not refusal["ok"]:
            problems.append(f"{refusal['what']}: answered {refusal['status']} {refusal['body']!r}")
    return problems, counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60, help="seconds of workload and faults (default 60)")
    parser.add_argument("--fault-every", type=float, default=8, help="seconds between faults (default 8)")
    parser.add_argument("--settle", type=float, default=300, help="seconds to wait for the jobs to end (default 300)")
    parser.add_argument("--nodes", type=int, default=3)
    parser.add_argument("--coordinators", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default=os.path.join(HERE, "results"))
    parser.add_argument("--keep", action="store_true", help="keep the run dir (logs) even when all checks hold")
    args = parser.parse_args()
    if args.coordinators < 2:
        parser.error("--coordinators must be 2 or more: one is restarted while the other answers")
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    run_dir = tempfile.mkdtemp(prefix="gridexec-faults-")
    cluster = Cluster(run_dir, nodes=args.nodes, workers=1, coordinators=args.coordinators)
    ok = False
    try:
        cluster.start()
        workload = Workload(cluster.urls, rng)
        faults = Faults(cluster, random.Random(args.seed + 1), args.fault_every)
        stop = threading.Event()
        chaos = threading.Thread(target=faults.run, args=(stop,), name="faults", daemon=True)
        log(f"workload for {args.duration:.0f} s, a fault every {args.fault_every:.0f} s; load {load_average()}")
        started = time.monotonic()
        chaos.start()
        workload.run(args.duration, stop)
        stop.set()
        chaos.join(timeout=240)
        workload.bad_escape()
        log(f"{len(workload.accepted)} jobs accepted; waiting for them to end")
        ended, missing = settle(workload, cluster.urls, args.settle)
        live = any(Api(url, timeout=5).request("GET", "/health/live")[0] == 200 for url in cluster.urls)
        problems, counts = check(workload, ended, missing)
        if not live:
            problems.append("no coordinator answers /health/live after the faults")
        failed_faults = [f for f in faults.done if not f["ok"]]
        problems += [f"fault {f['action']} {f['target']} failed: {f['said']}" for f in failed_faults]
        ok = not problems
        lines = [
            "# Fault-and-abuse suite",
            "",
            f"{time.strftime('%Y-%m-%d %H:%M')}, load {load_average()}, {os.cpu_count()} CPUs; {args.nodes} nodes,"
            f" {args.coordinators} coordinators, {args.duration:.0f} s of workload, seed {args.seed},"
            f" {time.monotonic() - started:.0f} s in all",
            "",
            f"- jobs accepted: {len(workload.accepted)}; exact: {counts['exact']}; ended for a legitimate reason:"
            f" {counts['legitimate']}; submissions refused a connection (coordinator restarting): {workload.unreachable};"
            f" answers lost with a coordinator: {workload.unanswered}; 429/503: {workload.busy}",
            f"- hostile requests refused with a JSON 4xx naming the field: {sum(r['ok'] for r in workload.refused)}"
            f" of {len(workload.refused)}",
            "- faults: " + ", ".join(f"{f['action']} {f['target']} ({f['seconds']} s)" for f in faults.done),
            "",
            "PASS" if ok else "FAIL:\n" + "\n".join("- " + p for p in problems),
        ]
        write_report(args.out, "fault-suite", lines, {"accepted": workload.accepted, "ended": ended,
                                                      "refused": workload.refused, "faults": faults.done,
                                                      "problems": problems})
    finally:
        cluster.stop()
        if ok and not args.keep:
            subprocess.run(["rm", "-rf", run_dir])
        else:
            log("run dir kept:", run_dir)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
