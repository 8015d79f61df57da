package dev.gridexec.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gridexec.wire.JobRecord;
import dev.gridexec.scheduler.JobProgress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Following a job goes on with another coordinator when the one streaming its events dies. */
@Timeout(30)
class FollowingFailoverTest extends TwoFakeCoordinators {

    private static final String EVENTS = "/jobs/j1/events";
    private static final Following.Patience QUICK = new Following.Patience(Duration.ofSeconds(1), Duration.ofSeconds(1),
            Duration.ofMillis(200));

    private final List<Object> seen = new CopyOnWriteArrayList<>();
    private final JobEvents recording = new JobEvents() {
        @Override
        public void state(JobRecord record) {
            seen.add("state " + record.chunks().done());
        }

        @Override
        public void progress(JobProgress progress) {
            seen.add("progress " + progress.done() + "/" + progress.total());
        }
    };

    /** The first coordinator streams the job's start, then dies mid-stream and answers no more. */
    private void firstDiesAfterThreeChunks() {
        first.eventsThenBreak(EVENTS, stream -> stream.event("state", TestRecords.running("j1", 0))
                .event("progress", new JobProgress(3, 8, 0, 30))).unavailableAfter("GET", EVENTS, 1);
    }

    private void secondFinishesTheJob() {
        second.events(EVENTS, stream -> stream.event("state", TestRecords.running("j1", 5))
                .event("progress", new JobProgress(8, 8, 0, 80)).event("end", TestRecords.succeeded("j1")));
    }

    @Test
    void aStreamThatBreaksOffGoesOnOnTheNextCoordinatorWhichSendsTheEnd() throws Exception {
        firstDiesAfterThreeChunks();
        secondFinishesTheJob();
        CoordinatorClient client = client(Following.Patience.DEFAULT, first.url(), second.url());

        Optional<JobRecord> end = client.follow("j1", recording).await();

        assertThat(end).contains(TestRecords.succeeded("j1"));
        assertThat(seen).containsExactly("state 0", "progress 3/8", "state 5", "progress 8/8");
        assertThat(client.url()).as("later calls go to the coordinator that answered").isEqualTo(URI.create(second.url()));
    }

    @Test
    void aStreamThatBreaksOffWithOneCoordinatorIsOpenedOnItAgain() throws Exception {
        first.eventsThenBreak(EVENTS, stream -> stream.event("state", TestRecords.running("j1", 2)));
        first.eventsAfter(EVENTS, 1, stream -> stream.event("state", TestRecords.running("j1", 6))
                .event("end", TestRecords.succeeded("j1")));

        assertThat(client(QUICK, first.url()).follow("j1", recording).await()).contains(TestRecords.succeeded("j1"));
        assertThat(seen).containsExactly("state 2", "state 6");
    }

    @Test
    void aJobNotVisibleYetOnTheNextCoordinatorIsAskedForAgain() throws Exception {
        firstDiesAfterThreeChunks();
        secondFinishesTheJob();
        second.unknownJobFirst("GET", EVENTS, "j1", 2);

        assertThat(client(QUICK, first.url(), second.url()).follow("j1", recording).await()).contains(TestRecords.succeeded("j1"));
        assertThat(second.count("GET", EVENTS)).isEqualTo(3);
    }

    @Test
    void aJobThatStaysUnknownAfterASwitchIsNotFoundOnceTheGraceIsOver() throws Exception {
        firstDiesAfterThreeChunks();
        second.unknownJob("GET", EVENTS, "j1");

        assertThatThrownBy(() -> client(QUICK, first.url(), second.url()).follow("j1", recording).await())
                .isInstanceOf(JobNotFoundException.class).hasMessageContaining("no job with id 'j1' at " + second.url());
    }

    @Test
    void whenNoCoordinatorAnswersAfterABreakFollowingGivesUpNamingEveryUrl() throws Exception {
        firstDiesAfterThreeChunks();
        String dead = FakeCoordinator.closedPortUrl();

        assertThatThrownBy(() -> client(QUICK, first.url(), dead).follow("j1", recording).await())
                .isInstanceOfSatisfying(CoordinatorUnreachableException.class,
                        e -> assertThat(e.tried()).containsExactlyInAnyOrder(URI.create(first.url()), URI.create(dead)))
                .hasMessageStartingWith("following job j1, no coordinator answered for 1 s: cannot reach any of the 2 coordinators: ")
                .hasMessageContaining(dead + " (connection refused)").hasMessageContaining("HTTP 503");
        assertThat(seen).containsExactly("state 0", "progress 3/8");
    }

    @Test
    void aDeadFirstCoordinatorIsPassedOverWhenTheStreamOpens() throws Exception {
        secondFinishesTheJob();

        assertThat(client(QUICK, FakeCoordinator.closedPortUrl(), second.url()).follow("j1", recording).await())
                .contains(TestRecords.succeeded("j1"));
    }

    @Test
    void closeDuringTheBackOffStopsFollowing() throws Exception {
        firstDiesAfterThreeChunks();
        Following following = client(Following.Patience.DEFAULT, first.url()).follow("j1", recording);
        // once the stream broke the first coordinator only answers 503: following waits and asks again, until closed
        assertThat(first.awaitCount("GET", EVENTS, 2, Duration.ofSeconds(10))).as("asked again after the break").isTrue();

        following.close();

        assertThat(following.await()).isEmpty();
    }
}
