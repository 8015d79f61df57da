package dev.gridexec.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/** How the built-in kernels cut {@code total} items into {@code parts} contiguous, near-equal pieces, and the split and reduce most of them share. */
final class Chunks {

    private Chunks() {
    }

    /**
     * Where piece {@code index} of {@code parts} starts, as an offset into {@code [0, total)}: every piece
     * gets {@code total / parts} items and the first {@code total % parts} pieces one more. Piece
     * {@code parts} starts at {@code total}. Never overflows, whatever the sizes.
     */
    static long start(long total, int parts, int index) {
        long base = total / parts;
        long extra = total % parts;
        return base * index + Math.min(index, extra);
    }

    /** How many pieces to cut: as many as asked, but no more than there are items, and at least one. */
    static int count(long total, int asked) {
        return (int) Math.max(1, Math.min(asked, total));
    }

    /** Makes the input of chunk {@code index}, whose piece is the items {@code [from, to)}. */
    @FunctionalInterface
    interface Piece<T> {
        T input(int index, long from, long to);
    }

    /**
     * The inputs of {@link #count count(total, asked)} chunks, chunk {@code i}'s made by {@code piece} from its
     * contiguous piece of {@code [0, total)}, as {@link #start} cuts it: the split of most kernels.
     */
    static <T> List<T> contiguous(long total, int asked, Piece<T> piece) {
        int parts = count(total, asked);
        List<T> inputs = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            inputs.add(piece.input(i, start(total, parts, i), start(total, parts, i + 1)));
        }
        return inputs;
    }

    /** The sum of {@code count} over the chunks' outputs: what most reduces are. */
    static <T> long sum(List<T> outputs, ToLongFunction<T> count) {
        long sum = 0;
        for (T output : outputs) {
            sum += count.applyAsLong(output);
        }
        return sum;
    }
}
