#!/usr/bin/env python3
"""Issue 15's user-code goals on a local cluster: a user kernel that calls System.exit (in slots and in threads)
leaves every node alive with its job FAILED `kernel`; a runaway kernel (no checkpoint) with timeout 3s ends within
5 s and its node's CPU is idle 5 s later; a kernel that fills its heap fails alone.

  bench/hostile/user-code.py [--nodes 2] [--repeats 3] [--out DIR]

Builds the test kernel node/core/src/test/resources/jar-kernels/com/example/sandboxkernels/Misbehaves.java into a
jar (javac --release 17 against the kernel API jar; needs `mvn -q package -DskipTests` first), starts a local cluster
(deploy/local-cluster.sh, --nodes nodes of 2 workers), uploads the jar and, per repeat:
- exit in threads and in slots: chunk 1 of 4 calls System.exit(1); the job must end FAILED with reason kernel and a
  message naming the exit status, every node process must still be alive, and a primes job must then succeed;
- spin: one chunk loops without a checkpoint, timeout 3s: the job must end (FAILED timeout) within 5 s of its
  submission, and 5 s after its end the node processes and all their children must use under a quarter of one CPU
  over 2 s (from /proc; a kernel still spinning uses a whole one; the nodes' own idle use is measured before any job
  and reported beside it);
- oom: one chunk fills its heap: FAILED kernel, every node alive;
- params flood (once): 40 submissions at once of the kernel whose params() blocks for ever (ignoring interrupts):
  each must answer 400 naming `params` after the coordinator's kernel-call-timeout (10 s), while GET /jobs,
  GET /nodes, GET /health/live and a POST /jobs of pi, probed on fresh connections meanwhile, answer within 1 s.
Writes DIR/user-code.md and .json (default DIR: results/ beside this file, ignored by git); exit 0 when all held.
"""
import argparse
import concurrent.futures
import glob
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile

sys.path.append(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "scheduling"))
from gxbench import REPO, TERMINAL, Api, Cluster, load_average, log, median, primes_below, write_report  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(REPO, "node/core/src/test/resources/jar-kernels/com/example/sandboxkernels/Misbehaves.java")
KERNEL = "com.example.sandboxkernels.Misbehaves"
TICKS = os.sysconf("SC_CLK_TCK")


def build_jar():
    """The Misbehaves kernel as a jar a user would build: its classes and its META-INF/services entry."""
    api = sorted(glob.glob(os.path.join(REPO, "node/kernel-api/target/gridexec-kernel-api-*.jar")))
    if not api:
        sys.exit("no kernel API jar in node/kernel-api/target: run mvn -q package -DskipTests first")
    out = tempfile.mkdtemp(prefix="gridexec-misbehaves-")
    subprocess.run(["javac", "--release", "17", "-proc:none", "-cp", api[-1], "-d", out, SOURCE], check=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as jar:
        jar.writestr("META-INF/services/dev.gridexec.kernel.api.Kernel", KERNEL + "\n")
        for path in glob.glob(os.path.join(out, "**", "*.class"), recursive=True):
            jar.write(path, os.path.relpath(path, out))
    return buffer.getvalue()


def descendants(pids):
    """`pids` and every process below them, from /proc."""
    children = {}
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            with open(stat) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.split("/")[2]))
        except (OSError, IndexError, ValueError):
            continue
    found, todo = set(), list(pids)
    while todo:
        pid = todo.pop()
        if pid not in found:
            found.add(pid)
            todo.extend(children.get(pid, []))
    return found


def cpu_ticks(pids):
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime + stime
        except (OSError, IndexError, ValueError):
            continue
    return total


def cpu_share(node_pids, seconds=2.0):
    """The share of one CPU the node processes and their children used over `seconds`."""
    pids = descendants(node_pids)
    before = cpu_ticks(pids)
    time.sleep(seconds)  # the measuring window itself, not synchronisation
    return (cpu_ticks(pids) - before) / TICKS / seconds


def follow(api, job_id, timeout_s=120):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        record = api.json("GET", f"/jobs/{job_id}")
        if record["state"] in TERMINAL:
            return record
        time.sleep(0.05)  # poll interval
    raise TimeoutError(f"job {job_id} did not end in {timeout_s} s")


def submit(api, task):
    return api.json("POST", "/jobs", task)["id"]


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except OSError:
        return False


def params_flood(url, base):
    """40 submissions whose params() blocks, and the other routes probed while they wait; a row for the report."""
    task = dict(base, mode="threads", chunks=2, params={"action": "block", "in": "params"})
    probes = [("GET", "/jobs", None), ("GET", "/nodes", None), ("GET", "/health/live", None),
              ("POST", "/jobs", {"kernel": "pi", "params": {"samples": 1000}, "chunks": 2})]
    for method, path, body in probes:  # warm-up: connections and classes, not what is measured
        Api(url).request(method, path, body)
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(40) as pool:
        flood = [pool.submit(lambda: Api(url, timeout=120).request("POST", "/jobs", task)) for _ in range(40)]
        probe_ms = []
        while not all(f.done() for f in flood) and time.monotonic() - started < 60:
            for method, path, body in probes:
                t0 = time.monotonic()
                status = Api(url).request(method, path, body)[0]
                probe_ms.append(((time.monotonic() - t0) * 1000, f"{method} {path} {status}"))
        answers = [f.result() for f in flood]
    flood_s = time.monotonic() - started
    named = sum(1 for status, _, text in answers if status == 400 and json.loads(text)["errors"][0]["path"] == "params")
    slowest = max(probe_ms) if probe_ms else (0.0, "none")
    return {"case": "params flood (40)", "repeat": 0,
            "ok": named == 40 and slowest[0] < 1000 and all(p[1].split()[-1] in ("200", "202") for p in probe_ms),
            "state": f"{named}/40 answered 400 naming params", "error": None, "flood s": round(flood_s, 1),
            "probes": len(probe_ms), "slowest probe ms": round(slowest[0], 1), "slowest probe": slowest[1]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", default=os.path.join(HERE, "results"))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    jar = build_jar()
    cluster = Cluster(tempfile.mkdtemp(prefix="gridexec-usercode-"), nodes=args.nodes, workers=2)
    rows, problems = [], []
    try:
        cluster.start()
        api = Api(cluster.url)
        status, _, text = api.request("POST", "/artifacts", jar)
        if status not in (200, 201):
            sys.exit(f"upload answered {status}: {text}")
        sha = json.loads(text)["sha256"]
        nodes = {f"node-{i}": cluster.pid(f"node-{i}") for i in range(args.nodes)}
        idle = cpu_share(list(nodes.values()))
        base = {"kernel": KERNEL, "artifact": sha, "workers": 1, "nodes": args.nodes, "maxAttempts": 2}
        for repeat in range(args.repeats):
            for mode in ("threads", "slots"):
                record = follow(api, submit(api, dict(base, mode=mode, chunks=4, params={"action": "exit", "on": 1})))
                error = record.get("error") or {}
                dead = [name for name, pid in nodes.items() if not alive(pid)]
                good = follow(api, submit(api, {"kernel": "primes", "params": {"limit": 200000}, "chunks": 4,
                                                "nodes": args.nodes}))
                ok = (record["state"] == "FAILED" and error.get("reason") == "kernel" and "exit" in error.get("message", "")
                      and not dead and good["state"] == "SUCCEEDED" and good["result"]["count"] == primes_below(200000))
                rows.append({"case": f"exit ({mode})", "repeat": repeat, "ok": ok, "state": record["state"],
                             "error": error, "nodes dead": dead, "next job": good["state"]})
            started = time.monotonic()
            record = follow(api, submit(api, dict(base, mode="threads", chunks=1, timeout="3s",
                                                  params={"action": "spin", "on": 0})))
            ended_s = time.monotonic() - started
            time.sleep(5)  # the goal's own wait: the CPU must be idle 5 s after the job's end
            share = cpu_share(list(nodes.values()))
            ok = record["state"] == "FAILED" and ended_s <= 5.0 and share < 0.25
            rows.append({"case": "spin, timeout 3s", "repeat": repeat, "ok": ok, "state": record["state"],
                         "error": record.get("error"), "ended after s": round(ended_s, 2),
                         "cpu 5 s later": round(share, 3)})
            record = follow(api, submit(api, dict(base, mode="threads", chunks=2, params={"action": "oom", "on": 0})))
            dead = [name for name, pid in nodes.items() if not alive(pid)]
            error = record.get("error") or {}
            ok = record["state"] == "FAILED" and error.get("reason") == "kernel" and not dead
            rows.append({"case": "oom", "repeat": repeat, "ok": ok, "state": record["state"], "error": error,
                         "nodes dead": dead})
        rows.append(params_flood(cluster.url, base))
        problems = [row for row in rows if not row["ok"]]
        spins = [row for row in rows if row["case"].startswith("spin")]
        lines = [
            "# User code that misbehaves",
            "",
            f"{time.strftime('%Y-%m-%d %H:%M')}, load {load_average()}, {os.cpu_count()} CPUs; {args.nodes} nodes of 2"
            f" workers, {args.repeats} repeats",
            "",
            "| case | held | outcomes |",
            "|---|---|---|",
        ]
        for case in dict.fromkeys(row["case"] for row in rows):
            of = [row for row in rows if row["case"] == case]
            reasons = sorted({f"{row['state']} {(row.get('error') or {}).get('reason') or ''}".strip() for row in of})
            lines.append(f"| {case} | {sum(row['ok'] for row in of)}/{len(of)} | {', '.join(reasons)} |")
        lines += [
            "",
            f"- spin: ended after {', '.join(str(r['ended after s']) for r in spins)} s (median"
            f" {median([r['ended after s'] for r in spins]):.2f} s, goal <= 5 s); CPU 5 s later"
            f" {', '.join(str(r['cpu 5 s later']) for r in spins)} of one CPU (goal: idle, < 0.25; a spinning kernel"
            f" uses 1.0; the nodes used {idle:.3f} before any job)",
            "- params flood: " + "; ".join(f"{r['state']} in {r['flood s']} s; {r['probes']} probes meanwhile, the slowest"
                                           f" {r['slowest probe ms']} ms ({r['slowest probe']})"
                                           for r in rows if r["case"].startswith("params")),
            "- exit messages: " + "; ".join(sorted({(r.get("error") or {}).get("message", "")[:120]
                                                     for r in rows if r["case"].startswith("exit")})),
            "",
            "PASS" if not problems else "FAIL:\n" + "\n".join("- " + json.dumps(p) for p in problems),
        ]
        write_report(args.out, "user-code", lines, rows)
    finally:
        cluster.stop()
    return 0 if rows and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
