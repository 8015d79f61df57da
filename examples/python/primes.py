"""Counts the primes below params["limit"] by trial division: gridexec's primes kernel, in Python.

gridexec calls split once (on the coordinator), run once per chunk (on the nodes, in parallel: one
GraalPy interpreter per slot), and reduce once with the outputs in chunk order. Values are JSON.
"""


def split(params, chunks):
    """Cuts [2, limit) into at most `chunks` ranges of about equal work."""
    limit = params["limit"]
    chunks = max(1, min(chunks, limit))
    step = -(-limit // chunks)  # ceiling division
    return [{"lo": lo, "hi": min(lo + step, limit)} for lo in range(0, limit, step)]


def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    d = 3
    while d * d <= n:
        if n % d == 0:
            return False
        d += 2
    return True


def run(params, chunk):
    """The number of primes in [lo, hi)."""
    return sum(1 for n in range(chunk["lo"], chunk["hi"]) if is_prime(n))


def reduce(params, outputs):
    return {"count": sum(outputs)}


if __name__ == "__main__":
    # The same source under CPython: python3 examples/python/primes.py [limit]
    import sys
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    p = {"limit": limit}
    print(reduce(p, [run(p, c) for c in split(p, 8)]))
