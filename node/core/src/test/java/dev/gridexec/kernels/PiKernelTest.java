package dev.gridexec.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PiKernelTest {

    private final PiKernel kernel = new PiKernel();

    @Test
    void generatorIsSplitMix64() {
        for (long seed : new long[] {0, 1, -7, 0x1234_5678_9ABC_DEF0L}) {
            SplitMix64 ours = new SplitMix64(seed);
            SplittableRandom reference = new SplittableRandom(seed);
            for (int i = 0; i < 100; i++) {
                assertThat(ours.nextLong()).as("draw %d from seed %d", i, seed).isEqualTo(reference.nextLong());
            }
        }
    }

    @Test
    void chunkDrawsFollowTheDocumentedRecipe() {
        long seed = 99;
        SplitMix64 random = new SplitMix64(SplitMix64.mix64(seed + 0x9E3779B97F4A7C15L * 3));
        long inside = 0;
        for (int i = 0; i < 1000; i++) {
            double x = (random.nextLong() >>> 11) * 0x1.0p-53;
            double y = (random.nextLong() >>> 11) * 0x1.0p-53;
            if (x * x + y * y <= 1.0) {
                inside++;
            }
        }
        PiKernel.Params params = new PiKernel.Params(1000);
        assertThat(kernel.run(params, new PiKernel.Slice(2, 1000, seed), TestContext.of(2, seed)))
                .isEqualTo(new PiKernel.Hits(inside, 1000));
    }

    @Test
    void sameSamplesChunksAndSeedGiveTheSameResult() {
        Map<String, Long> params = Map.of("samples", 100_000L);
        PiKernel.Result first = KernelRunner.run(kernel, params, 7, 5);
        assertThat(KernelRunner.run(kernel, params, 7, 5)).isEqualTo(first);
        assertThat(KernelRunner.run(kernel, params, 7, 6).inside()).isNotEqualTo(first.inside());
    }

    @Test
    void samplesAreSplitExactlyWithTheRemainderUpFront() {
        PiKernel.Params params = KernelRunner.params(kernel, Map.of("samples", 100L));
        List<PiKernel.Slice> slices = KernelRunner.split(kernel, params, 7, 3);
        assertThat(slices).extracting(PiKernel.Slice::samples).containsExactly(15L, 15L, 14L, 14L, 14L, 14L, 14L);
        assertThat(slices).extracting(PiKernel.Slice::index).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(slices).extracting(PiKernel.Slice::seed).containsOnly(3L);
        assertThat(KernelRunner.run(kernel, Map.of("samples", 100L), 7).samples()).isEqualTo(100);
    }

    @Test
    void neverMakesMoreChunksThanSamples() {
        PiKernel.Params params = KernelRunner.params(kernel, Map.of("samples", 5L));
        assertThat(KernelRunner.split(kernel, params, 64, 3)).hasSize(5).extracting(PiKernel.Slice::samples).containsOnly(1L);
    }

    @Test
    void estimatesPiFromAMillionSamples() {
        PiKernel.Result result = KernelRunner.run(kernel, Map.of("samples", 1_000_000L), 4);
        assertThat(result.samples()).isEqualTo(1_000_000);
        assertThat(result.estimate()).isEqualTo(4.0 * result.inside() / 1_000_000).isCloseTo(Math.PI, within(0.01));
    }
}
