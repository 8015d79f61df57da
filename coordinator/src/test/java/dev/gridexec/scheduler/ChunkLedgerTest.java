package dev.gridexec.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class ChunkLedgerTest {

    @Test
    void freshChunksAreTakenInOrderAndCountedAsSent() {
        ChunkLedger ledger = new ChunkLedger(3);
        assertThat(ledger.pendingCount()).isEqualTo(3);
        assertThat(List.of(ledger.takePending(), ledger.takePending())).containsExactly(0, 1);
        assertThat(ledger.sent()).isEqualTo(2);
        assertThat(ledger.pendingCount()).isEqualTo(1);
        assertThat(ledger.takePending()).isEqualTo(2);
        assertThat(ledger.hasPending()).isFalse();
        assertThatThrownBy(ledger::takePending).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void aRetriedOrHandedBackChunkIsTakenBeforeFreshOnesTheLastQueuedFirst() {
        ChunkLedger ledger = new ChunkLedger(5);
        int first = ledger.takePending();
        int second = ledger.takePending();
        assertThat(ledger.fail(first, 3)).isEqualTo(ChunkLedger.AfterFailure.RETRY);
        ledger.handBack(second);
        assertThat(ledger.pendingCount()).isEqualTo(5);
        assertThat(ledger.takePending()).as("handed back last: on top").isEqualTo(second);
        assertThat(ledger.attempts(second)).as("a hand-back uses no attempt").isEqualTo(1);
        assertThat(ledger.takePending()).isEqualTo(first);
        assertThat(ledger.attempts(first)).isEqualTo(2);
        assertThat(ledger.takePending()).isEqualTo(2);
        assertThat(ledger.counts().retried()).isEqualTo(1);
    }

    @Test
    void restoredChunksAreDoneAndNeverTaken() {
        ChunkLedger ledger = new ChunkLedger(5, Map.of(0, "a", 2, "c", 4, "e"), 1);
        assertThat(ledger.done()).isEqualTo(3);
        assertThat(ledger.pendingCount()).isEqualTo(2);
        List<Integer> taken = new ArrayList<>();
        while (ledger.hasPending()) {
            taken.add(ledger.takePending());
        }
        assertThat(taken).containsExactly(1, 3);
        assertThat(ledger.deliver(1, "b")).isTrue();
        assertThat(ledger.deliver(3, "d")).isTrue();
        assertThat(ledger.allDone()).isTrue();
        assertThat(ledger.outputs()).containsExactly("a", "b", "c", "d", "e");
        assertThat(ledger.counts().retried()).isEqualTo(1);
    }

    @Test
    void manyRequeuedChunksAllComeBack() {
        ChunkLedger ledger = new ChunkLedger(100);
        List<Integer> first = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            first.add(ledger.takePending());
        }
        first.forEach(ledger::handBack);
        List<Integer> again = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            again.add(ledger.takePending());
        }
        assertThat(again).containsExactlyInAnyOrderElementsOf(first);
        assertThat(ledger.takePending()).isEqualTo(40);
        assertThat(ledger.pendingCount()).isEqualTo(59);
    }
}
