"""Estimates pi by throwing random points at the unit square, in Python (GraalPy).

Each chunk draws params["samples"] // chunks points from its own generator, seeded by params["seed"]
and the chunk index, so that the result is the same on every run, in every mode and on any node.
"""
import random


def split(params, chunks):
    samples = params["samples"]
    per_chunk = -(-samples // chunks)
    return [{"index": i, "samples": min(per_chunk, samples - i * per_chunk)}
            for i in range(chunks) if i * per_chunk < samples]


def run(params, chunk):
    rng = random.Random(params.get("seed", 0) * 1_000_003 + chunk["index"])
    inside = 0
    for _ in range(chunk["samples"]):
        x = rng.random()
        y = rng.random()
        if x * x + y * y <= 1.0:
            inside += 1
    return {"inside": inside, "samples": chunk["samples"]}


def reduce(params, outputs):
    inside = sum(o["inside"] for o in outputs)
    samples = sum(o["samples"] for o in outputs)
    return {"pi": 4.0 * inside / samples, "inside": inside, "samples": samples}


if __name__ == "__main__":
    import sys
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000_000
    p = {"samples": n, "seed": 7}
    print(reduce(p, [run(p, c) for c in split(p, 8)]))
