package dev.gridexec.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.wire.NodeLoad;
import java.lang.management.MemoryUsage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The CPU load and heap a node reports: measured over windows of at least a second, 0..1 of its processors. */
class ProcessLoadTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong cpu = new AtomicLong();
    private final AtomicLong clock = new AtomicLong(100 * SECOND);

    private ProcessLoad load(int processors, long uptimeMs) {
        return new ProcessLoad(cpu::get, clock::get, processors, uptimeMs, () -> new MemoryUsage(0, 300, 400, 1000));
    }

    @Test
    void firstAnswerIsTheShareSinceTheProcessStarted() {
        cpu.set(4 * SECOND); // 4 s of CPU over 10 s on 2 processors
        assertThat(load(2, 10_000).cpuLoad()).isCloseTo(0.2, offset(1e-9));
    }

    @Test
    void questionsWithinAWindowGetTheLastFullWindowsFigure() {
        ProcessLoad load = load(2, 10_000);
        load.cpuLoad();

        clock.addAndGet(SECOND);
        cpu.addAndGet(SECOND); // half of 2 processors over the last second
        assertThat(load.cpuLoad()).isCloseTo(0.5, offset(1e-9));

        clock.addAndGet(SECOND / 100);
        cpu.addAndGet(SECOND / 50); // both processors busy for 10 ms: too short a window to say anything new
        assertThat(load.cpuLoad()).as("10 ms later").isCloseTo(0.5, offset(1e-9));

        clock.addAndGet(SECOND);
        assertThat(load.cpuLoad()).as("a full window since the last measure").isCloseTo(0.02 / (1.01 * 2), offset(1e-9));
    }

    @Test
    void aYoungProcessAnswersOverWhatItHasRunAndLoadStaysWithinZeroAndOne() {
        cpu.set(SECOND); // more CPU than wall time x processors: clock skew between the two counters
        assertThat(load(1, 200).cpuLoad()).isEqualTo(1.0);
    }

    @Test
    void aJvmThatCannotTellItsCpuTimeAnswersMinusOne() {
        cpu.set(-1);
        assertThat(load(4, 10_000).cpuLoad()).isEqualTo(-1);
    }

    @Test
    void heapIsTheJvmsUsedAndMax() {
        ProcessLoad load = load(1, 1_000);
        assertThat(load.heapUsedBytes()).isEqualTo(300);
        assertThat(load.heapMaxBytes()).isEqualTo(1000);
    }

    @Test
    void aNodeRuntimeReportsThisJvmsCpuAndHeapAndIsNotDraining() {
        try (NodeRuntime node = new NodeRuntime("load-0", KernelCatalog.builtIn())) {
            NodeLoad now = node.load();
            assertThat(now.cpuLoad()).isBetween(0.0, 1.0);
            assertThat(now.heapUsedBytes()).isPositive();
            assertThat(now.heapMaxBytes()).isGreaterThanOrEqualTo(now.heapUsedBytes());
            assertThat(now.draining()).isFalse();
            assertThat(now.withDraining(true)).isEqualTo(new NodeLoad(now.capacity(), now.busyWorkers(), now.runningJobs(),
                    now.warmSlots(), now.cpuLoad(), now.heapUsedBytes(), now.heapMaxBytes(), true));
        }
    }
}
