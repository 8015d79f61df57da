package dev.gridexec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.remote.FakeCoordinator;
import dev.gridexec.remote.TestRecords;
import dev.gridexec.scheduler.JobProgress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Commands given several coordinators: how they are named, and a job followed across one that dies. */
@Timeout(60)
class SeveralCoordinatorsTest {

    private static final String TASK = "{\"kernel\":\"primes\",\"params\":{\"limit\":100000},\"chunks\":8}";

    @TempDir
    Path dir;

    private FakeCoordinator live;
    private String dead;

    @BeforeEach
    void start() throws Exception {
        live = FakeCoordinator.start();
        dead = FakeCoordinator.closedPortUrl();
        live.answer("GET", "/jobs/j1", 200, TestRecords.running("j1", 3));
    }

    @AfterEach
    void stop() {
        live.close();
    }

    private Path task() throws Exception {
        return Files.writeString(dir.resolve("task.json"), TASK, StandardCharsets.UTF_8);
    }

    @Test
    void aCommaSeparatedFlagReachesTheLiveCoordinatorPastADeadOne() {
        Cli.Run run = Cli.withoutEnvironment().run("status", "j1", "--coordinator", dead + "," + live.url());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(live.received("GET", "/jobs/j1")).isTrue();
    }

    @Test
    void aRepeatedFlagReachesTheLiveCoordinatorPastADeadOne() {
        Cli.Run run = Cli.withoutEnvironment().run("status", "j1", "--coordinator", dead, "--coordinator", live.url());

        assertThat(run.exit()).as(run.err()).isZero();
    }

    @Test
    void theEnvironmentMayHoldAList() {
        Cli.Run run = Cli.withCoordinatorInEnvironment(dead + ", " + live.url()).run("status", "j1");

        assertThat(run.exit()).as(run.err()).isZero();
    }

    @Test
    void aBadUrlInAListIsAUsageErrorNamingIt() {
        Cli.Run run = Cli.withoutEnvironment().run("status", "j1", "--coordinator", live.url() + ",localhost:8080");

        assertThat(run.exit()).isEqualTo(Main.INVALID);
        assertThat(run.err()).contains("'localhost:8080'", "did you mean http://localhost:8080", "(--coordinator or GRIDEXEC_COORDINATOR)");
        assertThat(live.requests()).isEmpty();
    }

    @Test
    void aBadUrlInTheEnvironmentIsAUsageErrorNamingIt() {
        Cli.Run run = Cli.withCoordinatorInEnvironment(live.url() + ",ftp://b:21").run("list");

        assertThat(run.exit()).isEqualTo(Main.INVALID);
        assertThat(run.err()).contains("'ftp://b:21'", "http or https");
    }

    static Stream<List<String>> commandsWithAClusterOption() throws Exception {
        return Stream.of(List.of("nodes"), List.of("bench-dispatch", "--latency-jobs", "1"));
    }

    @ParameterizedTest
    @MethodSource("commandsWithAClusterOption")
    void whenNoCoordinatorAnswersTheCommandExitsThreeNamingEach(List<String> command) throws Exception {
        String alsoDead = FakeCoordinator.closedPortUrl();
        String[] args = Stream.concat(command.stream(), Stream.of("--coordinator", dead, "--coordinator", alsoDead)).toArray(String[]::new);

        Cli.Run run = Cli.withoutEnvironment().run(args);

        assertThat(run.exit()).as(run.err()).isEqualTo(Main.UNREACHABLE);
        assertThat(run.err()).contains("cannot reach any of the 2 coordinators: " + dead + " (connection refused), "
                + alsoDead + " (connection refused)").doesNotContain("Exception", "\tat ");
    }

    @Test
    void aClusterExperimentTakesAListToo() throws Exception {
        Path spec = Files.writeString(dir.resolve("spec.json"), "{\"name\": \"c\", \"task\": " + TASK
                + ", \"modes\": [\"gil\"], \"nodes\": [1], \"workers\": [1], \"local\": false}", StandardCharsets.UTF_8);

        Cli.Run bad = Cli.withoutEnvironment().run("experiment", spec.toString(), "--coordinator", dead + ",nope:1");
        Cli.Run unreachable = Cli.withCoordinatorInEnvironment(dead + "," + dead.replace("http", "https"))
                .run("experiment", spec.toString(), "--out", dir.resolve("out").toString());

        assertThat(bad.exit()).isEqualTo(Main.INVALID);
        assertThat(bad.err()).contains("'nope:1'");
        assertThat(unreachable.exit()).as(unreachable.err()).isEqualTo(Main.UNREACHABLE);
        assertThat(unreachable.err()).contains("cannot reach any of the 2 coordinators");
    }

    @Test
    void helpOfTheOptionSaysSeveralMayBeNamed() {
        for (String command : List.of("status", "submit", "experiment", "bench-dispatch")) {
            Cli.Run run = Cli.withoutEnvironment().run(command, "--help");

            assertThat(run.out().replaceAll("\\s+", " ")).as(command)
                    .contains("--coordinator=URL", "separate URLs by commas", "moves on to the next", "GRIDEXEC_COORDINATOR");
        }
    }

    @Test
    void aJobIsFollowedToItsEndAcrossACoordinatorThatDiesMidJob() throws Exception {
        try (FakeCoordinator dying = FakeCoordinator.start()) {
            dying.answer("POST", "/jobs", 202, TestRecords.queued("j1"))
                    .eventsThenBreak("/jobs/j1/events", stream -> stream.event("state", TestRecords.running("j1", 0))
                            .event("progress", new JobProgress(3, 8, 0, 30)))
                    .unavailableAfter("GET", "/jobs/j1/events", 1);
            live.events("/jobs/j1/events", stream -> stream.event("state", TestRecords.running("j1", 5))
                    .event("progress", new JobProgress(8, 8, 0, 80)).event("end", TestRecords.succeeded("j1")));

            Cli.Run run = Cli.withoutEnvironment().run("submit", "--coordinator", dying.url() + "," + live.url(), task().toString());

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out().split("SUCCEEDED", -1)).as("one summary").hasSize(2);
            assertThat(run.out()).contains("SUCCEEDED  primes \"demo\"  (job j1)", "chunks     8 total, 8 done");
            // the progress bar is throttled (a line every 2 s in a log): FollowingFailoverTest sees every event reach it
            assertThat(run.err()).contains("job j1 submitted to " + dying.url())
                    .doesNotContain("error", "cannot reach", "Exception", "keeps closing");
            assertThat(dying.count("POST", "/jobs") + live.count("POST", "/jobs")).as("submitted once").isEqualTo(1);
            assertThat(live.received("GET", "/jobs/j1/events")).isTrue();
        }
    }

    @Test
    void aSubmitWhoseAnswerWasLostIsNotSubmittedAgainElsewhere() throws Exception {
        try (FakeCoordinator dying = FakeCoordinator.start()) {
            dying.dropConnection("POST", "/jobs");
            live.answer("POST", "/jobs", 202, TestRecords.queued("j2"));

            Cli.Run run = Cli.withoutEnvironment().run("submit", "--coordinator", dying.url() + "," + live.url(), task().toString());

            assertThat(run.exit()).isEqualTo(Main.UNREACHABLE);
            assertThat(run.err()).contains("cannot reach the coordinator at " + dying.url(), "see client list",
                    "it was not sent to another coordinator").doesNotContain("Exception", "\tat ");
            assertThat(dying.count("POST", "/jobs")).isEqualTo(1);
            assertThat(live.count("POST", "/jobs")).isZero();
        }
    }

    @Test
    void ctrlCHintRepeatsEveryCoordinator() throws Exception {
        live.acceptsAJobThatKeepsRunning("j1");
        ManualInterrupts ctrlC = new ManualInterrupts();
        Cli cli = new Cli(Map.of(), ctrlC);
        String file = task().toString();

        CompletableFuture<Cli.Run> running = cli.runInBackground("submit", "-q", "--coordinator", dead, "--coordinator", live.url(), file);
        assertThat(ctrlC.awaitRegistered(10)).as("submit is following").isTrue();
        ctrlC.interrupt();

        assertThat(running.get(10, TimeUnit.SECONDS).err())
                .contains("cancel with: client cancel j1 --coordinator " + dead + "," + live.url());
    }
}
