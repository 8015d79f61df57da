package dev.gridexec.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The duration grammar shared by task.json and the command line. */
class DurationsTest {

    @Test
    void shorthandTakesAWholeNumberAndOneUnit() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void isoTakesUnsignedDaysHoursMinutesAndSeconds() {
        assertThat(Durations.parse("P1DT2H3M4.5S")).isEqualTo(Duration.parse("P1DT2H3M4.5S"));
        assertThat(Durations.parse("P2D")).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void otherTextIsNotADuration() {
        for (String text : new String[] {"", "10", "1.5h", "10 m", "10M", "-PT1S", "PT-1S", "P1W", "PT", "P1DT", "pt10m", "P1Y"}) {
            assertThatThrownBy(() -> Durations.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a duration");
        }
    }

    @Test
    void durationsTooLongForJavaOverflowArithmetically() {
        assertThatThrownBy(() -> Durations.parse("999999999999999999d")).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Durations.parse("PT99999999999999999999H")).isInstanceOf(ArithmeticException.class);
    }
}
