#!/usr/bin/env python3
"""Slows a running process from outside: SIGCONT, run RUN_MS, SIGSTOP, stop STOP_MS, again, until told to end.

  bench/scheduling/duty-cycle.py PID RUN_MS STOP_MS [--seconds S]

1/20 of its speed: 5 95; 1/3: 33 67; stopped for good (SIGSTOP, no SIGCONT until the end): 0 1.
It runs until SIGTERM/SIGINT (or S seconds) and always leaves the process running (SIGCONT) when it ends.
On exit it prints one line: the cycles done and the share of wall time the process was allowed to run.
A stopped JVM answers no heartbeat either: keep STOP_MS well under the cluster's failure-seconds (5 s).
"""
import os
import signal
import sys
import time


def main():
    args = sys.argv[1:]
    seconds = None
    if "--seconds" in args:
        i = args.index("--seconds")
        seconds = float(args[i + 1])
        del args[i:i + 2]
    if len(args) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    pid, run_ms, stop_ms = int(args[0]), float(args[1]), float(args[2])
    done = {"stop": False}

    def end(signum, frame):
        done["stop"] = True

    signal.signal(signal.SIGTERM, end)
    signal.signal(signal.SIGINT, end)
    start = time.monotonic()
    ran = 0.0
    cycles = 0
    try:
        if run_ms <= 0:  # stopped for good
            os.kill(pid, signal.SIGSTOP)
            while not done["stop"] and (seconds is None or time.monotonic() - start < seconds):
                time.sleep(0.05)
        else:
            while not done["stop"] and (seconds is None or time.monotonic() - start < seconds):
                t = time.monotonic()
                os.kill(pid, signal.SIGCONT)
                time.sleep(run_ms / 1000)
                os.kill(pid, signal.SIGSTOP)
                ran += time.monotonic() - t
                cycles += 1
                time.sleep(stop_ms / 1000)
    except ProcessLookupError:
        print(f"duty-cycle: process {pid} is gone", file=sys.stderr)
    finally:
        try:
            os.kill(pid, signal.SIGCONT)
        except ProcessLookupError:
            pass
    wall = time.monotonic() - start
    print(f"duty-cycle: pid {pid}, {cycles} cycles of {run_ms:g}/{stop_ms:g} ms in {wall:.2f} s,"
          f" allowed to run {100 * ran / wall if wall else 0:.1f}% of the time", flush=True)


if __name__ == "__main__":
    main()
