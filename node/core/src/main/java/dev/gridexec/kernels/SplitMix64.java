package dev.gridexec.kernels;

/**
 * SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014),
 * written out so that the numbers a kernel draws never depend on the JDK's version.
 *
 * <p>The generator's state advances by the golden gamma {@code 0x9E3779B97F4A7C15L}; each output is
 * {@link #mix64} of the new state. {@code mix64} is Stafford's "variant 13" finaliser:
 * {@code z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L; z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
 * return z ^ (z >>> 31)}. The same sequence as {@code new java.util.SplittableRandom(state).nextLong()}.
 */
final class SplitMix64 {

    /** The increment of the state per draw (2^64 divided by the golden ratio, made odd). */
    static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    SplitMix64(long state) {
        this.state = state;
    }

    /** The next 64 pseudorandom bits. */
    long nextLong() {
        state += GOLDEN_GAMMA;
        return mix64(state);
    }

    /** The next double in {@code [0, 1)}: the top 53 bits of {@link #nextLong()}, scaled. */
    double nextDouble() {
        return toUnit(nextLong());
    }

    /** A bijective 64-bit hash whose output bits each depend on every input bit. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The top 53 bits of {@code bits} as a double in {@code [0, 1)}. */
    static double toUnit(long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }
}
