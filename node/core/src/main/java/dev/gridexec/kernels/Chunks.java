package dev.gridexec.kernels;

/** How the built-in kernels cut {@code total} items into {@code parts} contiguous, near-equal pieces. */
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
}
