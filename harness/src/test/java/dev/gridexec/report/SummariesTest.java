package dev.gridexec.report;

import static dev.gridexec.report.Fixtures.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gridexec.experiment.Configuration;
import dev.gridexec.experiment.ExperimentReport;
import dev.gridexec.experiment.Sample;
import dev.gridexec.wire.Mode;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SummariesTest {

    private static final Configuration THREADS_1 = Fixtures.THREADS_1;
    private static final Configuration THREADS_2 = Fixtures.THREADS_2;
    private static final Configuration THREADS_4 = new Configuration("threads", Mode.THREADS, 1, 4);
    private static final Configuration GIL_1 = Fixtures.GIL_1;

    @Test
    void karpFlattOfSpeedupOnePointSixAtTwoWorkersIsAQuarter() {
        // (1/1.6 - 1/2) / (1 - 1/2) = (0.625 - 0.5) / 0.5
        assertThat(Summaries.karpFlatt(1.6, 2)).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void karpFlattIsZeroForAPerfectSpeedupAndOneForNone() {
        assertThat(Summaries.karpFlatt(2, 2)).isCloseTo(0, within(1e-12));
        assertThat(Summaries.karpFlatt(8, 8)).isCloseTo(0, within(1e-12));
        assertThat(Summaries.karpFlatt(1, 8)).isCloseTo(1, within(1e-12));
    }

    @Test
    void karpFlattIsUndefinedForOneWorker() {
        assertThatThrownBy(() -> Summaries.karpFlatt(1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void speedupEfficiencyAndKarpFlattFollowFromTheMedians() {
        Summaries summaries = Summaries.of(Fixtures.measured(THREADS_1, ms(1000, 990, 1010), THREADS_2,
                ms(625, 620, 640), THREADS_4, ms(400, 390, 410)));

        Summary one = summaries.rows().get(0);
        assertThat(one.medianWallMs()).isEqualTo(1000);
        assertThat(one.speedup()).hasValue(1.0);
        assertThat(one.efficiency()).hasValue(1.0);
        assertThat(one.karpFlatt()).isEmpty();
        Summary two = summaries.rows().get(1);
        assertThat(two.medianWallMs()).isEqualTo(625);
        assertThat(two.speedup().getAsDouble()).isCloseTo(1.6, within(1e-12));
        assertThat(two.efficiency().getAsDouble()).isCloseTo(0.8, within(1e-12));
        assertThat(two.karpFlatt().getAsDouble()).isCloseTo(0.25, within(1e-12));
        Summary four = summaries.rows().get(2);
        // speedup 2.5 at p = 4: (0.4 - 0.25) / 0.75
        assertThat(four.speedup().getAsDouble()).isCloseTo(2.5, within(1e-12));
        assertThat(four.efficiency().getAsDouble()).isCloseTo(0.625, within(1e-12));
        assertThat(four.karpFlatt().getAsDouble()).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Summaries.median(List.of(5L, 1L, 3L))).isEqualTo(3);
        assertThat(Summaries.median(List.of(4L, 1L, 3L, 10L))).isEqualTo(3.5);
    }

    @Test
    void cvIsTheSampleStandardDeviationOverTheMean() {
        // mean 100, squared deviations 100 + 100 over n - 1 = 1
        assertThat(Summaries.cv(List.of(90L, 110L)).getAsDouble()).isCloseTo(Math.sqrt(200) / 100, within(1e-12));
        // mean 5, squared deviations sum to 32, over n - 1 = 7
        assertThat(Summaries.cv(List.of(2L, 4L, 4L, 4L, 5L, 5L, 7L, 9L)).getAsDouble())
                .isCloseTo(Math.sqrt(32.0 / 7) / 5, within(1e-12));
        assertThat(Summaries.cv(List.of(7L, 7L, 7L))).hasValue(0.0);
    }

    @Test
    void cvOfOneRepeatIsEmptyAndSaidSo() {
        assertThat(Summaries.cv(List.of(7L))).isEmpty();

        Summaries summaries = Summaries.of(Fixtures.measured(THREADS_1, ms(1000)));

        assertThat(summaries.rows().get(0).cv()).isEmpty();
        assertThat(summaries.rows().get(0).noisy()).isFalse();
        assertThat(summaries.warnings()).anySatisfy(w -> assertThat(w).startsWith("one measured repeat only")
                .contains("threads 1 node × 1 worker"));
    }

    @Test
    void noisyIsACvAboveTenPercent() {
        assertThat(Summaries.isNoisy(0.10)).isFalse();
        assertThat(Summaries.isNoisy(0.1001)).isTrue();

        Summaries summaries = Summaries.of(Fixtures.measured(THREADS_1, ms(95, 105), THREADS_2, ms(45, 55)));

        // cv 0.071 and 0.141
        assertThat(summaries.rows()).extracting(Summary::noisy).containsExactly(false, true);
        assertThat(summaries.warnings()).containsExactly("threads 1 node × 2 workers is NOISY: its measured repeats"
                + " vary by more than 10% (cv above 0.10), so compare its median with care");
    }

    @Test
    void warmupRepeatsAreLeftOutOfTheSummaries() {
        Sample warmup = new Sample(THREADS_1, Sample.Phase.WARMUP, 1, 5000, 5000, 0, 16, 0);
        ExperimentReport measured = Fixtures.measured(THREADS_1, ms(100, 102, 104));
        List<Sample> samples = new java.util.ArrayList<>(List.of(warmup));
        samples.addAll(measured.samples());
        ExperimentReport report = new ExperimentReport(measured.context(), measured.spec(), samples, List.of(),
                List.of());

        Summary row = Summaries.of(report).rows().get(0);

        assertThat(row.measuredRepeats()).isEqualTo(3);
        assertThat(row.medianWallMs()).isEqualTo(102);
        assertThat(row.cv().getAsDouble()).isCloseTo(2.0 / 102, within(1e-12));
    }

    @Test
    void aLabelWithoutItsOwnBaselineHasNoSpeedupAndAWarning() {
        Configuration processes2 = new Configuration("node-processes", Mode.THREADS, 2, 1);
        Summaries summaries = Summaries.of(Fixtures.measured(THREADS_1, ms(1000, 1000), processes2, ms(500, 500)));

        Summary row = summaries.rows().get(1);
        assertThat(row.configuration()).isEqualTo(processes2);
        assertThat(row.speedup()).isEmpty();
        assertThat(row.efficiency()).isEmpty();
        assertThat(row.karpFlatt()).isEmpty();
        assertThat(row.speedupVsBest1()).hasValue(2.0);
        assertThat(summaries.warnings()).containsExactly("no 1 node × 1 worker run of node-processes (threads): its"
                + " speedup, efficiency and Karp–Flatt are left empty, not estimated");
    }

    @Test
    void withoutAnyBaselineEverySpeedupIsEmpty() {
        Summaries summaries = Summaries.of(Fixtures.measured(THREADS_2, ms(500, 500)));

        assertThat(summaries.rows().get(0).speedup()).isEmpty();
        assertThat(summaries.rows().get(0).speedupVsBest1()).isEmpty();
        assertThat(summaries.warnings()).contains("no 1 node × 1 worker run of any label: speedupVsBest1 is left empty");
    }

    @Test
    void speedupVsBest1ComparesWithTheFastestBaselineOfAnyLabel() {
        Summaries summaries = Summaries.of(Fixtures.measured(GIL_1, ms(1200, 1200), THREADS_1, ms(1000, 1000),
                THREADS_2, ms(500, 500)));

        assertThat(summaries.rows()).extracting(s -> s.speedupVsBest1().getAsDouble())
                .containsExactly(1000 / 1200.0, 1.0, 2.0);
        assertThat(summaries.rows()).extracting(Summary::speedup)
                .containsExactly(OptionalDouble.of(1), OptionalDouble.of(1), OptionalDouble.of(2));
    }

    @Test
    void rowsFollowLabelOrderOfFirstAppearanceThenNodesThenWorkers() {
        Configuration threads21 = new Configuration("threads", Mode.THREADS, 2, 1);
        Summaries summaries = Summaries.of(Fixtures.measured(THREADS_2, ms(5), GIL_1, ms(10), threads21, ms(5),
                THREADS_1, ms(10)));

        assertThat(summaries.rows()).extracting(Summary::configuration)
                .containsExactly(THREADS_1, THREADS_2, threads21, GIL_1);
    }

    @Test
    void moreWorkersThanTheLocalProcessorsIsAWarning() {
        Summaries summaries = Summaries.of(Fixtures.measured(THREADS_1, ms(1000, 1000), THREADS_4, ms(500, 500)));

        assertThat(summaries.warnings()).containsExactly("more total workers than the 2 processors of this host, which"
                + " the local node processes share: threads 1 node × 4 workers; there a speedup above 2 is not"
                + " parallelism, and efficiency and Karp–Flatt measure oversubscription, not the execution model");
    }

    @Test
    void aSpeedupAboveTheTotalWorkersIsCalledSuperlinearAndBlamedOnTheBaseline() {
        Summaries summaries = Summaries.of(Fixtures.measured(THREADS_1, ms(1000, 1000), THREADS_2, ms(470, 470)));

        assertThat(summaries.rows().get(1).karpFlatt().getAsDouble()).isNegative();
        assertThat(summaries.warnings()).singleElement().asString()
                .startsWith("speedup above total workers (superlinear): threads 1 node × 2 workers; usually a slow"
                        + " baseline");
    }

    @Test
    void theExperimentsOwnWarningsComeFirst() {
        Summaries summaries = Summaries.of(Fixtures.talk());

        assertThat(summaries.warnings()).containsExactly(
                "the cluster at http://127.0.0.1:8080 has 2 nodes: each run used the first 1 or 2 of them",
                "threads 1 node × 2 workers is NOISY: its measured repeats vary by more than 10% (cv above 0.10), so"
                        + " compare its median with care",
                "chunks were retried during measured repeats, so those wall times include failover: node-processes"
                        + " (threads) 2 nodes × 1 worker (2 chunks)");
    }
}
