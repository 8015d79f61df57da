package dev.gridexec.kernels;

import dev.gridexec.kernel.api.ChunkContext;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.kernel.api.SplitRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code nqueens} kernel: counts the ways to place {@code n} non-attacking queens on an n×n board.
 *
 * <p>Design notes. The work is split by prefixes: the valid placements of queens in the first {@code d}
 * rows. {@link #split} deepens level by level and stops at the first depth with at least as many prefixes
 * as chunks asked. When no depth has that many it takes the busiest depth: it stops when the next level
 * would shrink (the counts rise and then fall, down to the number of solutions at depth {@code n}), or
 * would exceed {@value #MAX_PREFIXES} prefixes, so splitting never costs as much as solving. The prefixes
 * are dealt contiguously into {@code min(chunks, prefixes)} chunks. Each chunk finishes its prefixes with
 * the classic bitmask backtracking (columns and both diagonals as bit sets), checkpointing every
 * {@value #NODES_PER_CHECKPOINT} search nodes.
 */
public final class NQueensKernel
        implements Kernel<NQueensKernel.Params, NQueensKernel.Prefixes, NQueensKernel.Solutions, NQueensKernel.Result> {

    /** The largest accepted board. */
    static final int MAX_N = 18;

    /** A level that would hold more prefixes than this is not expanded. */
    static final int MAX_PREFIXES = 1 << 20;

    /** Search nodes visited between checkpoints. */
    static final int NODES_PER_CHECKPOINT = 1024;

    /** Validated params: an {@code n}×{@code n} board. */
    public record Params(int n) {
    }

    /**
     * One chunk: prefixes of {@code depth} rows each; {@code columns} holds them one after another, the
     * column of the queen in row 0, row 1, … of the first prefix, then of the second, and so on.
     */
    public record Prefixes(int depth, int[] columns) {
    }

    /** One chunk's output: how many complete placements extend its prefixes. */
    public record Solutions(long solutions) {
    }

    /** The result: how many placements of {@code n} queens there are. */
    public record Result(long solutions) {
    }


    @Override
    public Params params(ParamReader params) {
        return new Params(params.intParam("n", 1, MAX_N));
    }

    @Override
    public List<Prefixes> split(Params params, SplitRequest request) {
        List<int[]> level = level(params.n(), request.chunks());
        int depth = level.get(0).length;
        return Chunks.contiguous(level.size(), request.chunks(),
                (i, from, to) -> new Prefixes(depth, concat(level.subList((int) from, (int) to), depth)));
    }

    /** The prefixes to split: those of the first depth with at least {@code chunks}, or of the busiest depth (never empty). */
    private static List<int[]> level(int n, int chunks) {
        int depth = 0;
        List<int[]> level = List.of(new int[0]);
        while (level.size() < chunks && depth < n) {
            List<int[]> next = extend(level, n);
            if (next.size() < level.size() || next.size() > MAX_PREFIXES) {
                break;
            }
            level = next;
            depth++;
        }
        return level;
    }

    /** The prefixes of {@code depth} rows each, one after another. */
    private static int[] concat(List<int[]> prefixes, int depth) {
        int[] columns = new int[prefixes.size() * depth];
        for (int p = 0; p < prefixes.size(); p++) {
            System.arraycopy(prefixes.get(p), 0, columns, p * depth, depth);
        }
        return columns;
    }

    @Override
    public Solutions run(Params params, Prefixes input, ChunkContext context) {
        int n = params.n();
        int depth = input.depth();
        Search search = new Search(n, context);
        long solutions = 0;
        int prefixes = depth == 0 ? 1 : input.columns().length / depth;
        for (int p = 0; p < prefixes; p++) {
            int columns = 0;
            int left = 0;
            int right = 0;
            for (int row = 0; row < depth; row++) {
                int bit = 1 << input.columns()[p * depth + row];
                columns |= bit;
                left = (left | bit) << 1;
                right = (right | bit) >>> 1;
            }
            solutions += search.count(columns, left, right);
        }
        return new Solutions(solutions);
    }

    @Override
    public Result reduce(Params params, List<Solutions> outputs) {
        return new Result(Chunks.sum(outputs, Solutions::solutions));
    }

    /** Every valid one-row extension of each prefix in {@code level}, in order. */
    private static List<int[]> extend(List<int[]> level, int n) {
        List<int[]> next = new ArrayList<>();
        for (int[] prefix : level) {
            for (int column = 0; column < n; column++) {
                if (fits(prefix, column)) {
                    int[] longer = Arrays.copyOf(prefix, prefix.length + 1);
                    longer[prefix.length] = column;
                    next.add(longer);
                }
            }
        }
        return next;
    }

    /** Whether a queen in the row after {@code prefix}, at {@code column}, is attacked by none of it. */
    private static boolean fits(int[] prefix, int column) {
        int row = prefix.length;
        for (int r = 0; r < row; r++) {
            int c = prefix[r];
            if (c == column || row - r == Math.abs(column - c)) {
                return false;
            }
        }
        return true;
    }

    /** The bitmask backtracking search of one chunk (mutable: one per run). */
    private static final class Search {
        private final int full;
        private final ChunkContext context;
        private int untilCheckpoint = NODES_PER_CHECKPOINT;

        Search(int n, ChunkContext context) {
            this.full = (1 << n) - 1;
            this.context = context;
        }

        /** The completions of a board whose taken columns and attacked diagonals (in the next row) are given. */
        long count(int columns, int left, int right) {
            if (columns == full) {
                return 1;
            }
            if (--untilCheckpoint == 0) {
                untilCheckpoint = NODES_PER_CHECKPOINT;
                context.checkpoint();
            }
            long solutions = 0;
            int free = full & ~(columns | left | right);
            while (free != 0) {
                int bit = free & -free;
                free ^= bit;
                solutions += count(columns | bit, (left | bit) << 1, (right | bit) >>> 1);
            }
            return solutions;
        }
    }
}
