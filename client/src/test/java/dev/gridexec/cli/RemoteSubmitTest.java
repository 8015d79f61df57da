package dev.gridexec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridexec.wire.ChunkCounts;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import dev.gridexec.wire.Timing;
import dev.gridexec.remote.AgainstFakeCoordinator;
import dev.gridexec.remote.FakeCoordinator;
import dev.gridexec.remote.TestRecords;
import dev.gridexec.scheduler.JobProgress;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class RemoteSubmitTest extends AgainstFakeCoordinator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TASK = "{\"kernel\":\"primes\",\"params\":{\"limit\":100000},\"chunks\":8}";

    @TempDir
    Path dir;

    private Path task(String json) throws Exception {
        Path file = dir.resolve("task.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }

    private Cli.Run submit(String... options) throws Exception {
        String[] args = new String[options.length + 4];
        args[0] = "submit";
        args[1] = "--coordinator";
        args[2] = fake.url();
        System.arraycopy(options, 0, args, 3, options.length);
        args[args.length - 1] = task(TASK).toString();
        return Cli.withoutEnvironment().run(args);
    }

    private void acceptsAndStreams(JobRecord end) {
        fake.answer("POST", "/jobs", 202, TestRecords.queued("j1"))
                .events("/jobs/j1/events", stream -> stream
                        .event("state", TestRecords.running("j1", 0))
                        .event("progress", new JobProgress(4, 8, 0, 60))
                        .raw(": heartbeat\n\n")
                        .event("progress", new JobProgress(8, 8, 1, 120))
                        .event("end", end));
    }

    @Test
    void withRetryAFullQueueIsWaitedOutAndTheJobFollowed() throws Exception {
        acceptsAndStreams(TestRecords.succeeded("j1"));
        fake.busy("POST", "/jobs", 1, 1, 202, TestRecords.queued("j1"));

        Cli.Run run = submit("--retry");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("the coordinator's queue is full; submitting again in 1 s");
        assertThat(fake.requests().stream().filter(r -> r.method().equals("POST")).count()).isEqualTo(2);
    }

    @Test
    void withoutRetryAFullQueueIsSaidClearlyWithItsOwnExitCode() throws Exception {
        fake.busy("POST", "/jobs", 100, 7, 202, TestRecords.queued("j1"));

        Cli.Run run = submit();

        assertThat(run.exit()).isEqualTo(Main.BUSY);
        assertThat(run.err()).contains("HTTP 429", "max-queued-jobs", "try again in 7 s", "--retry");
    }

    @Test
    void followsTheJobToItsEndAndPrintsTheSummary() throws Exception {
        acceptsAndStreams(TestRecords.succeeded("j1"));

        Cli.Run run = submit();

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("SUCCEEDED  primes \"demo\"  (job j1)", "result     {\"count\":9592}",
                "WARNING    asked for 2 nodes, 1 is there", "chunks     8 total, 8 done, 1 retried, 0 failed",
                "model      threads, 2 workers per node, 2 nodes", "placement  node-b: 3 chunks, 200 ms");
        assertThat(run.err()).contains("job j1 submitted to " + fake.url());
        assertThat(fake.requests().get(0).bodyText()).isEqualTo(TASK);
    }

    @Test
    void jobThatFailsExitsOneWithTheReason() throws Exception {
        acceptsAndStreams(TestRecords.failed("j1"));

        Cli.Run run = submit("-q");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("FAILED", "error      kernel: boom in chunk 3");
    }

    @Test
    void cancelledJobExitsOne() throws Exception {
        acceptsAndStreams(TestRecords.cancelled("j1"));

        assertThat(submit("-q").exit()).isEqualTo(1);
    }

    @Test
    void jsonPrintsOnlyTheFinalRecordOnStdout() throws Exception {
        acceptsAndStreams(TestRecords.succeeded("j1"));

        Cli.Run run = submit("--json");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode record = JSON.readTree(run.out());
        assertThat(record).isEqualTo(JSON.readTree(JSON.writeValueAsString(TestRecords.succeeded("j1"))));
    }

    @Test
    void jsonFetchesAResultKeptApartAndPrintsTheRecordAsIfItHadCarriedIt() throws Exception {
        acceptsAndStreams(TestRecords.succeededKeptApart("j1"));
        fake.answer("GET", "/jobs/j1/result", 200, "{\"count\":9592}");

        Cli.Run run = submit("--json");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(JSON.readTree(run.out())).isEqualTo(JSON.readTree(JSON.writeValueAsString(TestRecords.succeeded("j1"))));
        assertThat(run.out()).doesNotContain("resultStored");
        assertThat(fake.count("GET", "/jobs/j1/result")).isEqualTo(1);
    }

    @Test
    void aResultInTheRecordIsNotFetchedAgain() throws Exception {
        acceptsAndStreams(TestRecords.succeeded("j1"));

        Cli.Run run = submit("--json");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(fake.received("GET", "/jobs/j1/result")).isFalse();
    }

    @Test
    void detachPrintsOnlyTheJobIdAndDoesNotFollow() throws Exception {
        fake.answer("POST", "/jobs", 202, TestRecords.queued("j1"));

        Cli.Run run = submit("--detach");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("j1" + System.lineSeparator());
        assertThat(fake.requests()).extracting(FakeCoordinator.Request::method).containsExactly("POST");
    }

    @Test
    void detachWithJsonPrintsTheAcceptedRecord() throws Exception {
        fake.answer("POST", "/jobs", 202, TestRecords.queued("j1"));

        Cli.Run run = submit("--detach", "--json");

        assertThat(run.exit()).isZero();
        assertThat(JSON.readTree(run.out()).get("state").asText()).isEqualTo("QUEUED");
    }

    @Test
    void invalidTaskListsEveryProblemAndExitsTwo() throws Exception {
        fake.answer("POST", "/jobs", 400, Map.of("errors", List.of(
                Map.of("path", "params.limit", "message", "must be between 2 and 10^12, got -5"),
                Map.of("path", "colour", "message", "is not a task field"))));

        Cli.Run run = submit();

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("task.json is not a valid task:", "  params.limit: must be between 2 and 10^12, got -5",
                "  colour: is not a task field");
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void taskOverTheCoordinatorsLimitExitsTwoSayingSo() throws Exception {
        fake.answer("POST", "/jobs", 413, "");

        Cli.Run run = submit();

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("larger than the coordinator at " + fake.url() + " accepts (HTTP 413)");
    }

    @Test
    void streamThatClosesEarlyIsFollowedUpByLookingAtTheJob() throws Exception {
        fake.answer("POST", "/jobs", 202, TestRecords.queued("j1"))
                .events("/jobs/j1/events", stream -> stream.event("state", TestRecords.running("j1", 2)))
                .answer("GET", "/jobs/j1", 200, TestRecords.succeeded("j1"));

        Cli.Run run = submit("-q");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("SUCCEEDED");
    }

    @Test
    void streamThatKeepsClosingEarlyIsGivenUpWithAHint() throws Exception {
        fake.answer("POST", "/jobs", 202, TestRecords.queued("j1"))
                .events("/jobs/j1/events", stream -> stream.event("state", TestRecords.running("j1", 2)))
                .answer("GET", "/jobs/j1", 200, TestRecords.running("j1", 2));

        Cli.Run run = submit("-q");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("keeps closing the event stream of job j1 early; the job keeps running: see client status j1");
        assertThat(fake.requests()).filteredOn(r -> r.rawPath().equals("/jobs/j1/events")).hasSize(4);
    }

    @Test
    void ctrlCStopsFollowingAndLeavesTheJobRunning() throws Exception {
        CountDownLatch progressSent = new CountDownLatch(1);
        fake.answer("POST", "/jobs", 202, TestRecords.queued("j1"))
                .events("/jobs/j1/events", stream -> {
                    stream.event("state", TestRecords.running("j1", 0)).event("progress", new JobProgress(2, 8, 0, 40));
                    progressSent.countDown();
                    stream.holdOpen();
                });
        ManualInterrupts ctrlC = new ManualInterrupts();
        Cli cli = new Cli(Map.of(CoordinatorOptions.ENV, fake.url()), ctrlC);
        Path file = task(TASK);

        CompletableFuture<Cli.Run> running = cli.runInBackground("submit", "-q", file.toString());
        assertThat(ctrlC.awaitRegistered(10)).as("submit is following").isTrue();
        assertThat(progressSent.await(10, TimeUnit.SECONDS)).as("progress sent").isTrue();
        ctrlC.interrupt();
        Cli.Run run = running.get(10, TimeUnit.SECONDS);

        assertThat(run.exit()).isEqualTo(Main.INTERRUPTED);
        assertThat(run.err()).contains("job j1 keeps running; cancel with: client cancel j1");
        assertThat(run.out()).isEmpty();
        assertThat(fake.requests()).extracting(FakeCoordinator.Request::method).doesNotContain("DELETE");
    }

    @Test
    void ctrlCHintRepeatsTheCoordinatorFlag() throws Exception {
        fake.acceptsAJobThatKeepsRunning("j1");
        ManualInterrupts ctrlC = new ManualInterrupts();
        Cli cli = new Cli(Map.of(), ctrlC);
        Path file = task(TASK);

        CompletableFuture<Cli.Run> running = cli.runInBackground("submit", "-q", "--coordinator", fake.url(), file.toString());
        assertThat(ctrlC.awaitRegistered(10)).as("submit is following").isTrue();
        ctrlC.interrupt();

        assertThat(running.get(10, TimeUnit.SECONDS).err())
                .contains("cancel with: client cancel j1 --coordinator " + fake.url());
    }

    @Test
    void imageAsksForPixelsAndDrawsTheResult() throws Exception {
        Task task = new Task(null, "mandelbrot", Map.of("width", 4L, "height", 2L, "maxIterations", 100L, "pixels", true),
                2, Mode.THREADS, 1, 1, 1, 5, 0, null, 3);
        JobRecord done = new JobRecord("m1", JobState.SUCCEEDED, task,
                TestRecords.json("{\"checksum\":1,\"width\":4,\"height\":2,\"pixels\":[0,1,2,3,100,100,5,6]}"), null, List.of(),
                new ChunkCounts(2, 2, 0, 0), new Timing(10, 1, 10), List.of());
        fake.answer("POST", "/jobs", 202, TestRecords.queued("m1")).events("/jobs/m1/events", stream -> stream.event("end", done));
        Path png = dir.resolve("out/m.png");

        Cli.Run run = Cli.withCoordinatorInEnvironment(fake.url()).run("submit", "-q", "--image", png.toString(),
                task("{\"kernel\":\"mandelbrot\",\"params\":{\"width\":4,\"height\":2,\"maxIterations\":100}}").toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(JSON.readTree(fake.requests().get(0).body()).at("/params/pixels").asBoolean()).isTrue();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(4);
        assertThat(run.out()).contains("(8 values)");
    }

    @Test
    void imageForAnotherKernelIsAUsageErrorAndNothingIsSent() throws Exception {
        Cli.Run run = submit("--image", dir.resolve("x.png").toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--image needs the mandelbrot kernel");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void detachWithoutACoordinatorIsAUsageError() throws Exception {
        Cli.Run run = Cli.withoutEnvironment().run("submit", "--detach", task(TASK).toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--detach needs a coordinator");
    }
}
