package com.example.pricing;

/**
 * SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014): a 64-bit
 * counter advanced by the golden gamma and scrambled by {@link #mix64}. Tiny, fast, and good enough for
 * Monte Carlo; one generator per chunk, never shared between threads.
 */
final class SplitMix64 {

    static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    /** The start of chunk {@code index}'s stream: {@code mix64(seed + GOLDEN_GAMMA·(index + 1))}, far from every other chunk's. */
    static long streamSeed(long seed, int index) {
        return mix64(seed + GOLDEN_GAMMA * (index + 1L));
    }

    /** The next 64 random bits. */
    long nextLong() {
        state += GOLDEN_GAMMA;
        return mix64(state);
    }

    /** A double uniform in [0, 1): the top 53 bits. */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
