package dev.gridexec.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SpinKernelTest {

    private final SpinKernel kernel = new SpinKernel();

    @Test
    void makesExactlyTheChunksAskedAndAddsTheirSums() {
        long one = 0;
        for (long i = 0; i < 10_000; i++) {
            one += i ^ (i >>> 3);
        }
        assertThat(KernelRunner.split(kernel, new SpinKernel.Params(1), 64, 0)).hasSize(64);
        assertThat(KernelRunner.run(kernel, Map.of("iterations", 10_000L), 7)).isEqualTo(new SpinKernel.Result(7 * one));
        assertThat(KernelRunner.run(kernel, Map.of("iterations", 0L), 3)).isEqualTo(new SpinKernel.Result(0));
    }

    @Test
    void checkpointsEvery4096Iterations() {
        TestContext context = TestContext.of(0, 0);
        kernel.run(new SpinKernel.Params(3 * 4096 + 1), new SpinKernel.Turn(0), context);
        assertThat(context.checkpoints()).isEqualTo(4);
    }
}
