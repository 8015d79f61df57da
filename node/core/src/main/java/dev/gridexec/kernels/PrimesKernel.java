package dev.gridexec.kernels;

import dev.gridexec.kernel.api.ChunkContext;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.kernel.api.SplitRequest;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code primes} kernel: counts the primes below {@code limit}, by trial division or by a segmented sieve.
 *
 * <p>Design notes. The range {@code [2, limit)} is cut into contiguous, equally long ranges, one per chunk,
 * and the counts are added. {@code trial} is the CPU-bound benchmark: every odd candidate is tried against
 * every odd divisor up to its square root in one tight loop, with a checkpoint per candidate (so near
 * 10^12 a prime costs up to half a million divisions between two checkpoints). Its chunks are
 * deliberately unbalanced: later ranges cost more, as in the classic benchmark. {@code sieve} is a
 * segmented sieve of Eratosthenes over odd numbers only: each chunk sieves its own base primes up to
 * {@code sqrt(hi)} and then walks its range in segments of {@value #SEGMENT} odd numbers, with a checkpoint
 * per segment.
 */
public final class PrimesKernel
        implements Kernel<PrimesKernel.Params, PrimesKernel.Range, PrimesKernel.Count, PrimesKernel.Result> {

    /** The largest accepted {@code limit}. */
    static final long MAX_LIMIT = 1_000_000_000_000L;

    /** Odd numbers per sieve segment (a 64 KiB {@code boolean[]}, which stays in L2). */
    static final int SEGMENT = 1 << 16;

    /** Validated params: count the primes below {@code limit} with {@code method} ("trial" or "sieve"). */
    public record Params(long limit, String method) {
    }

    /** One chunk: the numbers in {@code [from, to)}. */
    public record Range(long from, long to) {
    }

    /** One chunk's output: how many primes its range holds. */
    public record Count(long count) {
    }

    /** The result: how many primes lie below {@code limit}. */
    public record Result(long count) {
    }


    @Override
    public Params params(ParamReader params) {
        long limit = params.longParam("limit", 2, MAX_LIMIT);
        String method = params.choiceParam("method", "trial", "trial", "sieve");
        return new Params(limit, method);
    }

    @Override
    public List<Range> split(Params params, SplitRequest request) {
        return Chunks.contiguous(params.limit() - 2, request.chunks(), (i, from, to) -> new Range(2 + from, 2 + to));
    }

    @Override
    public Count run(Params params, Range input, ChunkContext context) {
        long count = "sieve".equals(params.method())
                ? sieve(input.from(), input.to(), context)
                : trial(input.from(), input.to(), context);
        return new Count(count);
    }

    @Override
    public Result reduce(Params params, List<Count> outputs) {
        return new Result(Chunks.sum(outputs, Count::count));
    }

    /** The primes in {@code [from, to)} by trial division; 2 is counted apart, then odd candidates only. */
    static long trial(long from, long to, ChunkContext context) {
        long count = from <= 2 && 2 < to ? 1 : 0;
        for (long n = firstOddAtLeast(Math.max(from, 3)); n < to; n += 2) {
            context.checkpoint();
            if (isOddPrime(n)) {
                count++;
            }
        }
        return count;
    }

    /** Whether the odd number {@code n} (at least 3) is prime: trial division by the odd numbers up to its square root. */
    public static boolean isOddPrime(long n) {
        for (long d = 3; d * d <= n; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    /** The primes in {@code [from, to)} by a segmented sieve over odd numbers; 2 is counted apart. */
    static long sieve(long from, long to, ChunkContext context) {
        long count = from <= 2 && 2 < to ? 1 : 0;
        long start = firstOddAtLeast(Math.max(from, 3));
        if (start >= to) {
            return count;
        }
        int[] basePrimes = oddPrimesUpTo(isqrt(to - 1), context);
        boolean[] composite = new boolean[SEGMENT];
        while (start < to) {
            context.checkpoint();
            long end = Math.min(start + 2L * SEGMENT, to);
            int length = (int) ((end - start + 1) / 2);
            Arrays.fill(composite, 0, length, false);
            for (int p : basePrimes) {
                long square = (long) p * p;
                if (square >= end) {
                    break;
                }
                long multiple = Math.max(square, (start + p - 1) / p * p);
                if ((multiple & 1) == 0) {
                    multiple += p;
                }
                for (int j = (int) ((multiple - start) / 2); j < length; j += p) {
                    composite[j] = true;
                }
            }
            for (int j = 0; j < length; j++) {
                if (!composite[j]) {
                    count++;
                }
            }
            start = end;
        }
        return count;
    }

    /** The odd primes up to {@code max} (at most 10^6 here), by a plain sieve of Eratosthenes. */
    static int[] oddPrimesUpTo(long max, ChunkContext context) {
        int n = (int) max;
        boolean[] composite = new boolean[n + 1];
        int[] primes = new int[Math.max(16, n / 2)];
        int found = 0;
        for (int i = 3; i <= n; i += 2) {
            if (composite[i]) {
                continue;
            }
            primes[found++] = i;
            if ((long) i * i <= n) {
                context.checkpoint();
                for (int j = i * i; j <= n; j += 2 * i) {
                    composite[j] = true;
                }
            }
        }
        return Arrays.copyOf(primes, found);
    }

    /** The largest {@code r} with {@code r * r <= x}, for {@code 0 <= x < 2^62}. */
    static long isqrt(long x) {
        long r = (long) Math.sqrt((double) x);
        while (r * r > x) {
            r--;
        }
        while ((r + 1) * (r + 1) <= x) {
            r++;
        }
        return r;
    }

    private static long firstOddAtLeast(long n) {
        return n | 1;
    }
}
