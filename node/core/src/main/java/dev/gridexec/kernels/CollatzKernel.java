package dev.gridexec.kernels;

import dev.gridexec.kernel.api.ChunkContext;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.kernel.api.SplitRequest;
import java.util.List;

/**
 * The {@code collatz} kernel: the start below {@code limit} with the longest Collatz chain.
 *
 * <p>Design notes. A chain's length counts its terms, the start and the final 1 included (1 has length 1);
 * ties go to the smallest start. Chunks are contiguous ranges of {@code [1, limit)}; each reports its
 * best, and {@link #reduce} keeps the first of the longest in chunk order. The chain lengths of starts
 * below {@value #MEMO_SIZE} are remembered in a static {@code int[]} created on first use (8 MiB, whatever
 * the limit): a walk stops at the first term whose length is known. That cache is the point of this
 * kernel: in {@code threads} mode every thread shares it; in {@code slots} mode each slot's class loader
 * has its own copy, so each slot warms its own. It takes no lock: its entries are ints, written whole, an
 * entry is either 0 (unknown) or the one true length, and a walk reads an entry once, so a race can only
 * cost a lookup, never change a result. Terms are longs: below 10^9 they peak near 1.4·10^18, well inside
 * a long.
 */
public final class CollatzKernel
        implements Kernel<CollatzKernel.Params, CollatzKernel.Range, CollatzKernel.Best, CollatzKernel.Result> {

    /** The largest accepted {@code limit}. */
    static final long MAX_LIMIT = 1_000_000_000L;

    /** Starts below this have their chain length cached. */
    static final int MEMO_SIZE = 1 << 21;

    /** Starts examined between checkpoints. */
    static final int STARTS_PER_CHECKPOINT = 64;

    /** Chain lengths by start, 0 when not yet known; null until the first chunk runs. */
    private static volatile int[] memo;

    /** Validated params: look at the starts below {@code limit}. */
    public record Params(long limit) {
    }

    /** One chunk: the starts in {@code [from, to)}. */
    public record Range(long from, long to) {
    }

    /** One chunk's output: the smallest {@code start} whose chain has the greatest {@code length}. */
    public record Best(long start, int length) {
    }

    /** The result: the smallest start below the limit whose chain is longest, and that chain's length. */
    public record Result(long start, int length) {
    }


    @Override
    public Params params(ParamReader params) {
        return new Params(params.longParam("limit", 2, MAX_LIMIT));
    }

    @Override
    public List<Range> split(Params params, SplitRequest request) {
        return Chunks.contiguous(params.limit() - 1, request.chunks(), (i, from, to) -> new Range(1 + from, 1 + to));
    }

    @Override
    public Best run(Params params, Range input, ChunkContext context) {
        int[] lengths = memo();
        long bestStart = input.from();
        int bestLength = 0;
        int untilCheckpoint = 0;
        for (long start = input.from(); start < input.to(); start++) {
            if (--untilCheckpoint <= 0) {
                untilCheckpoint = STARTS_PER_CHECKPOINT;
                context.checkpoint();
            }
            int length = length(start, lengths);
            if (length > bestLength) {
                bestLength = length;
                bestStart = start;
            }
        }
        return new Best(bestStart, bestLength);
    }

    @Override
    public Result reduce(Params params, List<Best> outputs) {
        Best best = outputs.get(0);
        for (Best output : outputs) {
            if (output.length() > best.length()) {
                best = output;
            }
        }
        return new Result(best.start(), best.length());
    }

    /** The length of the chain from {@code start}, using and filling {@code lengths}. */
    static int length(long start, int[] lengths) {
        long term = start;
        int steps = 0;
        int known = 0;
        while (term != 1) {
            if (term < MEMO_SIZE) {
                known = lengths[(int) term];
                if (known != 0) {
                    break;
                }
            }
            term = (term & 1) == 0 ? term >>> 1 : 3 * term + 1;
            steps++;
        }
        int length = steps + (term == 1 ? 1 : known);
        if (start < MEMO_SIZE) {
            lengths[(int) start] = length;
        }
        return length;
    }

    /** The cache, created by whichever chunk comes first (two racing chunks may each make one; one is kept). */
    private static int[] memo() {
        int[] lengths = memo;
        if (lengths == null) {
            lengths = new int[MEMO_SIZE];
            memo = lengths;
        }
        return lengths;
    }
}
