package dev.gridexec.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundsTest {

    /** A runner that counts what it is told and takes {@code 100 * workers} "ms", remembering every call. */
    private record FakeRunner(String name, long count, List<String> calls) implements Runner {
        @Override
        public Run run(int workers) {
            calls.add(name + " x" + workers);
            return new Run(count, 100.0 * workers + calls.size(), name.equals(BareLoop.NAME) ? 0 : 1);
        }
    }

    private static BenchSettings settings(int repeats, int warmup) {
        return new BenchSettings(20_000, 8, List.of(1, 2), repeats, warmup, 0);
    }

    @Test
    void everyRoundRunsEachConfigurationOnceStartingOneFurtherAlong() throws Exception {
        List<String> calls = new ArrayList<>();
        List<Runner> runners = List.of(new FakeRunner("bare", 7, calls), new FakeRunner("threads", 7, calls));
        new Rounds(settings(2, 1), line -> { }).run(runners);
        assertThat(calls).containsExactly(
                "bare x1", "bare x2", "threads x1", "threads x2",
                "bare x2", "threads x1", "threads x2", "bare x1",
                "threads x1", "threads x2", "bare x1", "bare x2");
    }

    @Test
    void warmUpSamplesAreKeptApartFromTheMeasuredOnes() throws Exception {
        List<String> calls = new ArrayList<>();
        Rounds.Measured measured = new Rounds(settings(2, 1), line -> { })
                .run(List.of(new FakeRunner("bare", 7, calls), new FakeRunner("threads", 7, calls)));
        assertThat(measured.count()).isEqualTo(7);
        Configuration bareOne = measured.configurations().get(0);
        assertThat(bareOne.model()).isEqualTo("bare");
        assertThat(bareOne.warmupMs()).containsExactly(101.0);
        assertThat(bareOne.samplesMs()).containsExactly(108.0, 111.0);
        assertThat(bareOne.medianMs()).isEqualTo(109.5);
        assertThat(bareOne.startupMs()).isNull();
        assertThat(bareOne.vsBare()).isNull();
        Configuration threadsTwo = measured.configurations().get(3);
        assertThat(threadsTwo.samplesMs()).containsExactly(207.0, 210.0);
        assertThat(threadsTwo.startupMs()).containsExactly(1.0, 1.0);
        assertThat(threadsTwo.speedup()).isEqualTo(measured.configurations().get(2).medianMs() / 208.5);
        assertThat(threadsTwo.vsBare()).isEqualTo(measured.configurations().get(1).medianMs() / 208.5);
    }

    @Test
    void aCountThatDiffersFromTheBareLoopsFailsNamingBoth() {
        List<String> calls = new ArrayList<>();
        List<Runner> runners = List.of(new FakeRunner("bare", 2262, calls), new FakeRunner("slots", 2261, calls));
        assertThatThrownBy(() -> new Rounds(settings(1, 0), line -> { }).run(runners))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("slots x1 counted 2261 primes but the bare loop counted 2262 below 20000");
    }

    @Test
    void theBareLoopMustComeFirst() {
        List<Runner> runners = List.of(new FakeRunner("threads", 1, new ArrayList<>()));
        assertThatThrownBy(() -> new Rounds(settings(1, 0), line -> { }).run(runners))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
