package dev.gridexec.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianIsTheMiddleValueOrTheMeanOfTheTwoMiddleValues() {
        assertThat(Stats.median(List.of(5.0, 1.0, 3.0))).isEqualTo(3.0);
        assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 10.0))).isEqualTo(3.5);
        assertThat(Stats.median(List.of(7.0))).isEqualTo(7.0);
    }

    @Test
    void cvIsTheSampleStandardDeviationOverTheMean() {
        // mean 5, squared deviations sum to 32, sample variance 32 / 7
        assertThat(Stats.cv(List.of(2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0))).isCloseTo(Math.sqrt(32.0 / 7) / 5, within(1e-12));
        assertThat(Stats.cv(List.of(3.0, 3.0, 3.0))).isZero();
        assertThat(Stats.cv(List.of(0.0, 0.0))).as("runs too short for the clock").isZero();
    }

    @Test
    void cvOfOneSampleIsUndefined() {
        assertThat(Stats.cv(List.of(3.0))).isNaN();
    }

    @Test
    void percentileIsNearestRank() {
        List<Double> tens = List.of(10.0, 9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0);
        assertThat(Stats.percentile(tens, 90)).isEqualTo(9.0);
        assertThat(Stats.percentile(tens, 100)).isEqualTo(10.0);
        assertThat(Stats.percentile(List.of(1.0, 2.0), 90)).isEqualTo(2.0);
        assertThat(Stats.percentile(List.of(4.0), 1)).isEqualTo(4.0);
    }

    @Test
    void minMaxAndMeanLeaveTheSamplesAlone() {
        List<Double> samples = new java.util.ArrayList<>(List.of(3.0, 1.0, 2.0));
        assertThat(Stats.min(samples)).isEqualTo(1.0);
        assertThat(Stats.max(samples)).isEqualTo(3.0);
        assertThat(Stats.mean(samples)).isEqualTo(2.0);
        assertThat(samples).containsExactly(3.0, 1.0, 2.0);
    }

    @Test
    void noSamplesIsAnError() {
        assertThatThrownBy(() -> Stats.median(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stats.cv(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
