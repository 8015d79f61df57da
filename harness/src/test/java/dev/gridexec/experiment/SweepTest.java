package dev.gridexec.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.wire.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepTest {

    private static final Configuration A = new Configuration("gil", Mode.GIL, 1, 1);
    private static final Configuration B = new Configuration("gil", Mode.GIL, 1, 2);
    private static final Configuration C = new Configuration("threads", Mode.THREADS, 1, 1);

    private static String name(Sweep.PlannedRun run) {
        Configuration c = run.configuration();
        String which = c.equals(A) ? "A" : c.equals(B) ? "B" : "C";
        return which + " " + run.phase().wireName() + " " + run.repeat() + "/" + run.repeats();
    }

    @Test
    void warmUpRoundsComeFirstThenMeasuredRoundsEachStartingOneConfigurationFurtherAlong() {
        List<Sweep.PlannedRun> plan = Sweep.plan(List.of(A, B, C), 1, 3);
        assertThat(plan.stream().map(SweepTest::name)).containsExactly(
                "A warmup 1/1", "B warmup 1/1", "C warmup 1/1",
                "B measure 1/3", "C measure 1/3", "A measure 1/3",
                "C measure 2/3", "A measure 2/3", "B measure 2/3",
                "A measure 3/3", "B measure 3/3", "C measure 3/3");
        assertThat(plan).extracting(Sweep.PlannedRun::index).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertThat(plan).allSatisfy(run -> assertThat(run.total()).isEqualTo(12));
    }

    @Test
    void everyConfigurationRunsOncePerRound() {
        List<Sweep.PlannedRun> plan = Sweep.plan(List.of(A, B, C), 2, 2);
        for (int round = 0; round < 4; round++) {
            assertThat(plan.subList(round * 3, round * 3 + 3)).extracting(Sweep.PlannedRun::configuration)
                    .containsExactlyInAnyOrder(A, B, C);
        }
    }

    @Test
    void noWarmUpMeansTheFirstRoundIsMeasured() {
        assertThat(Sweep.plan(List.of(A, B), 0, 1).stream().map(SweepTest::name)).containsExactly("A measure 1/1", "B measure 1/1");
    }

    @Test
    void aLabelWithoutItsOneByOneConfigurationGetsItJustBeforeItsFirst() {
        List<RunGroup> groups = List.of(new RunGroup("threads", Mode.THREADS, List.of(1), List.of(2, 4)),
                new RunGroup("node-processes", Mode.THREADS, List.of(1, 2), List.of(1)),
                new RunGroup("threads", Mode.THREADS, List.of(2), List.of(2)));
        assertThat(Sweep.missingBaselines(groups)).containsExactly("threads");
        assertThat(Sweep.configurations(groups)).containsExactly(
                new Configuration("threads", Mode.THREADS, 1, 1), new Configuration("threads", Mode.THREADS, 1, 2),
                new Configuration("threads", Mode.THREADS, 1, 4), new Configuration("node-processes", Mode.THREADS, 1, 1),
                new Configuration("node-processes", Mode.THREADS, 2, 1), new Configuration("threads", Mode.THREADS, 2, 2));
    }

    @Test
    void aBaselineInALaterGroupOfTheLabelIsNotAddedAgain() {
        List<RunGroup> groups = List.of(new RunGroup("gil", Mode.GIL, List.of(1), List.of(2)),
                new RunGroup("gil", Mode.GIL, List.of(1), List.of(1)));
        assertThat(Sweep.missingBaselines(groups)).isEmpty();
        assertThat(Sweep.configurations(groups)).containsExactly(B, A);
    }
}
