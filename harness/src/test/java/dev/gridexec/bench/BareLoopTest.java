package dev.gridexec.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BareLoopTest {

    @Test
    void countsPrimesInAHalfOpenRangeWithTwoApart() {
        assertThat(BareLoop.countPrimes(2, 100)).isEqualTo(25);
        assertThat(BareLoop.countPrimes(2, 3)).isEqualTo(1);
        assertThat(BareLoop.countPrimes(3, 3)).isZero();
        assertThat(BareLoop.countPrimes(90, 98)).isEqualTo(1); // 97
        assertThat(BareLoop.countPrimes(97, 98)).isEqualTo(1);
    }

    @Test
    void anyWorkerCountCountsTheWholeRangeOverTheKernelsChunks() throws Exception {
        BareLoop bare = new BareLoop(new BenchSettings(20_000, 7, List.of(1), 1, 0, 0));
        for (int workers = 1; workers <= 3; workers++) {
            Runner.Run run = bare.run(workers);
            assertThat(run.count()).as("%d workers", workers).isEqualTo(2262);
            assertThat(run.wallMs()).isPositive();
        }
    }
}
