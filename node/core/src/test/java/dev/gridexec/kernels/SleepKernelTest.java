package dev.gridexec.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gridexec.kernel.api.ChunkCancelledException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SleepKernelTest {

    private final SleepKernel kernel = new SleepKernel();

    @Test
    void makesExactlyTheChunksAskedAndCountsThem() {
        assertThat(KernelRunner.split(kernel, new SleepKernel.Params(1), 64, 0)).hasSize(64);
        assertThat(KernelRunner.run(kernel, Map.of("millis", 0L), 5)).isEqualTo(new SleepKernel.Result(5));
    }

    @Test
    void waitsOutsideTheLockThroughBlocking() throws Exception {
        TestContext context = TestContext.of(0, 0);
        long started = System.nanoTime();
        assertThat(kernel.run(new SleepKernel.Params(20), new SleepKernel.Nap(0), context)).isEqualTo(new SleepKernel.Slept(1));
        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(20_000_000L);
        assertThat(context.waits()).isEqualTo(1);
    }

    @Test
    void letsACancelledWaitPropagate() {
        TestContext cancelled = TestContext.cancellingAfter(0);
        assertThatThrownBy(() -> kernel.run(new SleepKernel.Params(3_600_000), new SleepKernel.Nap(0), cancelled))
                .isInstanceOf(ChunkCancelledException.class);
    }
}
