package dev.gridexec.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When a chunk is a straggler, a node slow, a node unresponsive. */
class StragglerPolicyTest {

    private static final long MS = 1_000_000;
    private final StragglerPolicy policy = StragglerPolicy.defaults();

    @Test
    void defaultsAreFactorTwoFloor200MsUnresponsiveAfterThreeSeconds() {
        assertThat(policy.factor()).isEqualTo(2.0);
        assertThat(policy.floor()).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.unresponsive()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aChunkStragglesOnlyPastBothTheFactorAndTheFloor() {
        assertThat(policy.straggles(300 * MS, 100 * MS)).as("3x, past the floor").isTrue();
        assertThat(policy.straggles(200 * MS, 100 * MS)).as("exactly 2x").isFalse();
        assertThat(policy.straggles(150 * MS, 10 * MS)).as("15x but under the floor").isFalse();
        assertThat(policy.straggles(201 * MS, 10 * MS)).as("20x and past the floor").isTrue();
        assertThat(policy.straggles(10_000 * MS, 0)).as("nothing measured on other nodes yet").isFalse();
        assertThat(policy.pastFloor(200 * MS)).isFalse();
        assertThat(policy.pastFloor(201 * MS)).isTrue();
    }

    @Test
    void aNodeIsUnresponsiveOnlyAfterItsQuietTime() {
        assertThat(policy.unresponsive(2_999 * MS)).isFalse();
        assertThat(policy.unresponsive(3_001 * MS)).isTrue();
        assertThat(new StragglerPolicy(2, Duration.ZERO, Duration.ofMillis(500)).unresponsive(501 * MS)).isTrue();
    }

    @Test
    void aNodeIsSlowOnlyPastTwiceItsPeersOverAWindowOfChunks() {
        assertThat(StragglerPolicy.slow(21 * MS, 10, 10 * MS)).isTrue();
        assertThat(StragglerPolicy.slow(19 * MS, 10, 10 * MS)).isFalse();
        assertThat(StragglerPolicy.slow(100 * MS, StragglerPolicy.SLOW_WINDOW - 1, 10 * MS)).as("too few chunks yet").isFalse();
        assertThat(StragglerPolicy.slow(100 * MS, 10, 0)).as("no peer measured").isFalse();
    }

    @Test
    void theMedianIsTheMiddleValue() {
        assertThat(StragglerPolicy.median(new long[] {5, 1, 9}, 3)).isEqualTo(5);
        assertThat(StragglerPolicy.median(new long[] {4, 1, 9, 2}, 4)).isEqualTo(3);
        assertThat(StragglerPolicy.median(new long[] {7, 100}, 1)).isEqualTo(7);
        assertThat(StragglerPolicy.median(new long[0], 0)).isZero();
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new StragglerPolicy(0.5, Duration.ZERO, Duration.ofSeconds(1))).hasMessageContaining("straggler-factor");
        assertThatThrownBy(() -> new StragglerPolicy(Double.NaN, Duration.ZERO, Duration.ofSeconds(1))).hasMessageContaining("straggler-factor");
        assertThatThrownBy(() -> new StragglerPolicy(2, Duration.ofMillis(-1), Duration.ofSeconds(1))).hasMessageContaining("straggler-floor");
        assertThatThrownBy(() -> new StragglerPolicy(2, Duration.ZERO, Duration.ZERO)).hasMessageContaining("unresponsive-after");
    }

    @Test
    void aLaneIsQuietSinceItsLastAnswerOrItsOldestUnansweredChunk() {
        Lane lane = new Lane("n", new MemberJob() {
            @Override
            public java.util.concurrent.CompletableFuture<dev.gridexec.runtime.ChunkOutcome> submit(int index, Object input) {
                return new java.util.concurrent.CompletableFuture<>();
            }

            @Override
            public int threads() {
                return 1;
            }

            @Override
            public long startupMs() {
                return 0;
            }

            @Override
            public void close() {
            }
        }, 2);
        assertThat(lane.quietNanos(1_000 * MS)).as("holds nothing").isZero();
        lane.sent.add(new Lane.Sent(0, 100 * MS, 0));
        lane.inFlight = 1;
        assertThat(lane.quietNanos(1_000 * MS)).isEqualTo(900 * MS);
        lane.lastAnswerNanos = 400 * MS;
        assertThat(lane.quietNanos(1_000 * MS)).as("since its last answer").isEqualTo(600 * MS);
    }
}
