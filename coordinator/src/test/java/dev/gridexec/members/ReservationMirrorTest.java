package dev.gridexec.members;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.members.ReservationMirror.Held;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A coordinator's copy of the reservations: one read of the map, then what it hears; what it hears wins. */
class ReservationMirrorTest {

    private static final Set<String> B = Set.of("coord-b");

    private static Held heldByB(int workers) {
        return new Held("coord-b", Map.of("node-0", workers));
    }

    @Test
    void aReleaseHeardWhileTheReadRunsIsNotUndoneByTheRead() {
        // The rolling restart that left adopted jobs queued behind idle nodes: the read saw a job of coord-b's that
        // ended before the read's value was applied; the workers it had held counted against us for good.
        ReservationMirror mirror = new ReservationMirror();
        mirror.startReading();
        mirror.remove("job-1");
        mirror.read("job-1", heldByB(2));
        mirror.doneReading();
        assertThat(mirror.workersOf(B)).isEmpty();
    }

    @Test
    void aHoldHeardWhileTheReadRunsWinsOverTheOlderValueTheReadFound() {
        ReservationMirror mirror = new ReservationMirror();
        mirror.startReading();
        mirror.put("job-1", heldByB(2));
        mirror.read("job-1", heldByB(1));
        mirror.doneReading();
        assertThat(mirror.workersOf(B)).containsExactlyEntriesOf(Map.of("node-0", 2));
    }

    @Test
    void whatTheReadFindsOfJobsNotHeardOfIsKeptAndLaterEventsApply() {
        ReservationMirror mirror = new ReservationMirror();
        mirror.startReading();
        mirror.read("job-1", heldByB(2));
        mirror.read("job-2", new Held("coord-b", Map.of("node-0", 1, "node-1", 3)));
        mirror.doneReading();
        assertThat(mirror.workersOf(B)).containsExactlyInAnyOrderEntriesOf(Map.of("node-0", 3, "node-1", 3));
        mirror.remove("job-2");
        assertThat(mirror.workersOf(B)).containsExactlyEntriesOf(Map.of("node-0", 2));
    }

    @Test
    void onlyTheCountedOwnersWorkersAreSummed() {
        ReservationMirror mirror = new ReservationMirror();
        mirror.put("job-1", heldByB(2));
        mirror.put("job-2", new Held("coord-c", Map.of("node-0", 5)));
        mirror.put("job-3", new Held("coord-a", Map.of("node-0", 7)));
        assertThat(mirror.workersOf(B)).containsExactlyEntriesOf(Map.of("node-0", 2));
        assertThat(mirror.workersOf(Set.of("coord-b", "coord-c"))).containsExactlyEntriesOf(Map.of("node-0", 7));
    }

    @Test
    void theJobsOfACoordinatorThatLeftAreForgottenSoTheyDoNotCountWhenItsNameComesBack() {
        ReservationMirror mirror = new ReservationMirror();
        mirror.put("job-1", heldByB(2));
        mirror.put("job-2", new Held("coord-a", Map.of("node-0", 1)));
        List<Map.Entry<String, Held>> gone = mirror.forgetAllBut(Set.of("coord-a"));
        assertThat(gone).extracting(Map.Entry::getKey).containsExactly("job-1");
        assertThat(mirror.workersOf(B)).as("coord-b back under its name").isEmpty();
        assertThat(mirror.workersOf(Set.of("coord-a"))).containsExactlyEntriesOf(Map.of("node-0", 1));
    }
}
