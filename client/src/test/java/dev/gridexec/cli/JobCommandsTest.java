package dev.gridexec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridexec.wire.NodeInfo;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.remote.AgainstFakeCoordinator;
import dev.gridexec.remote.TestRecords;
import dev.gridexec.wire.NodeLoad;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** status, result, cancel, list and nodes against a scripted coordinator. */
@Timeout(30)
class JobCommandsTest extends AgainstFakeCoordinator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Cli cli;

    @BeforeEach
    void start() throws Exception {
        cli = Cli.withCoordinatorInEnvironment(fake.url());
    }

    @Test
    void statusPrintsTheRecordSoFar() {
        fake.answer("GET", "/jobs/j1", 200, TestRecords.running("j1", 3));

        Cli.Run run = cli.run("status", "j1");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("RUNNING    primes \"demo\"  (job j1)", "chunks     8 total, 3 done, 0 retried, 0 failed");
    }

    @Test
    void statusJsonPrintsOnlyTheRecord() throws Exception {
        fake.answer("GET", "/jobs/j1", 200, TestRecords.running("j1", 3));

        Cli.Run run = cli.run("status", "--json", "j1");

        assertThat(JSON.readTree(run.out())).isEqualTo(JSON.readTree(JSON.writeValueAsString(TestRecords.running("j1", 3))));
    }

    @Test
    void unknownJobExitsTwoForEveryCommandThatNamesOne() {
        fake.unknownJob("GET", "/jobs/nope", "nope").unknownJob("DELETE", "/jobs/nope", "nope");

        for (String command : List.of("status", "result", "cancel")) {
            Cli.Run run = cli.run(command, "nope");
            assertThat(run.exit()).as(command).isEqualTo(2);
            assertThat(run.err()).as(command).contains("no job with id 'nope'").doesNotContain("Exception");
            assertThat(run.out()).as(command).isEmpty();
        }
    }

    /** {@code client result j1} while the coordinator reports {@code record} for job j1. */
    private Cli.Run resultOf(JobRecord record) {
        fake.answer("GET", "/jobs/j1", 200, record);
        return cli.run("result", "j1");
    }

    @Test
    void resultPrintsTheResultJsonOfAJobThatSucceeded() throws Exception {
        Cli.Run run = resultOf(TestRecords.succeeded("j1"));

        assertThat(run.exit()).isZero();
        assertThat(JSON.readTree(run.out())).isEqualTo(TestRecords.json("{\"count\":9592}"));
    }

    @Test
    void resultFetchesAResultKeptApartFromItsRecord() throws Exception {
        fake.answer("GET", "/jobs/j1/result", 200, "{\"count\":9592}");
        Cli.Run run = resultOf(TestRecords.succeededKeptApart("j1"));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(JSON.readTree(run.out())).isEqualTo(TestRecords.json("{\"count\":9592}"));
    }

    @Test
    void resultKeptApartButNoLongerKeptSaysSo() {
        fake.answer("GET", "/jobs/j1/result", 404, "{\"errors\":[{\"path\":\"id\",\"message\":\"the result of job j1 is no longer"
                + " kept (it expired or was lost with the cluster's data)\"}]}");
        Cli.Run run = resultOf(TestRecords.succeededKeptApart("j1"));

        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("the result of job j1 is no longer kept").doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void statusShowsThatAResultIsKeptApart() {
        fake.answer("GET", "/jobs/j1", 200, TestRecords.succeededKeptApart("j1"));

        Cli.Run run = cli.run("status", "j1");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("result     kept apart, 14 bytes of JSON (client result j1)");
    }

    @Test
    void resultOfAFailedJobExitsOneWithTheReason() {
        Cli.Run run = resultOf(TestRecords.failed("j1"));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("job j1 FAILED, so it has no result: kernel: boom in chunk 3");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void resultOfACancelledJobExitsOne() {
        Cli.Run run = resultOf(TestRecords.cancelled("j1"));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("job j1 CANCELLED");
    }

    @Test
    void resultOfAJobStillRunningSaysThereIsNoResultYet() {
        Cli.Run run = resultOf(TestRecords.running("j1", 3));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("job j1 is still RUNNING (3/8 chunks done): no result yet");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void cancelAsksTheCoordinatorAndPrintsTheStateAfterwards() {
        fake.answer("DELETE", "/jobs/j1", 200, TestRecords.cancelled("j1"));

        Cli.Run run = cli.run("cancel", "j1");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("CANCELLED  job j1" + System.lineSeparator());
        assertThat(fake.received("DELETE", "/jobs/j1")).isTrue();
    }

    @Test
    void cancelJsonPrintsTheRecord() throws Exception {
        fake.answer("DELETE", "/jobs/j1", 200, TestRecords.cancelled("j1"));

        assertThat(JSON.readTree(cli.run("cancel", "--json", "j1").out()).get("state").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void listPrintsOneLinePerJobNewestFirst() {
        fake.answer("GET", "/jobs", 200, page(null, TestRecords.running("job-2", 3), TestRecords.succeeded("job-1")));

        Cli.Run run = cli.run("list");

        assertThat(run.exit()).isZero();
        assertThat(run.out().lines().toList()).containsExactly(
                "ID     STATE      KERNEL  CHUNKS  WALL-MS",
                "job-2  RUNNING    primes     3/8      120",
                "job-1  SUCCEEDED  primes     8/8      345");
    }

    @Test
    void listAndStatusShowAQueuedJobsPosition() {
        fake.answer("GET", "/jobs", 200, page(null, TestRecords.queuedAt("job-3", 2), TestRecords.succeeded("job-1")));
        fake.answer("GET", "/jobs/job-3", 200, TestRecords.queuedAt("job-3", 2));

        assertThat(cli.run("list").out().lines().toList()).containsExactly(
                "ID     STATE      KERNEL  CHUNKS  WALL-MS",
                "job-3  QUEUED #2  primes     0/8        0",
                "job-1  SUCCEEDED  primes     8/8      345");
        assertThat(cli.run("status", "job-3").out()).contains("QUEUED", "queue      position 2 (1 ahead)", "dispatch autotuned");
    }

    @Test
    void listJsonPrintsThePage() throws Exception {
        fake.answer("GET", "/jobs", 200, page("job-2", TestRecords.running("job-2", 3)));

        Cli.Run run = cli.run("list", "--json", "--limit", "1");
        JsonNode page = JSON.readTree(run.out());

        assertThat(page.get("jobs").get(0).get("id").asText()).isEqualTo("job-2");
        assertThat(page.get("next").asText()).isEqualTo("job-2");
        assertThat(fake.requests().get(0).query()).isEqualTo("limit=1");
    }

    @Test
    void listSaysHowToAskForTheNextPage() {
        fake.answer("GET", "/jobs", 200, page("job-2", TestRecords.running("job-2", 3)));

        Cli.Run run = cli.run("list", "--limit", "1", "--after", "job-9");

        assertThat(run.exit()).isZero();
        assertThat(run.err()).contains("more jobs: client list --after job-2");
        assertThat(fake.requests().get(0).query()).isEqualTo("limit=1&after=job-9");
    }

    private static Map<String, Object> page(String next, Object... records) {
        Map<String, Object> page = new java.util.LinkedHashMap<>();
        page.put("jobs", List.of(records));
        page.put("next", next);
        return page;
    }

    @Test
    void emptyListSaysSoOnStderr() {
        fake.answer("GET", "/jobs", 200, page(null));

        Cli.Run run = cli.run("list");

        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("no jobs");
    }

    @Test
    void nodesPrintsATableWithEachNodesStateCpuAndHeap() {
        long mib = 1024 * 1024;
        fake.answer("GET", "/nodes", 200, List.of(
                new NodeInfo("node-a", "127.0.0.1:5701", 16, 16, "0.1.0", 2).withLoad(new NodeLoad(16, 3, 2,
                        Map.of("primes", 2, "0123456789abcdef/com.example.MyKernel", 1), 0.374, 412 * mib, 4096 * mib, false)),
                new NodeInfo("node-b", "127.0.0.1:5702", 4, 4, "0.1.0", 0).withSlow(true),
                new NodeInfo("node-c", "127.0.0.1:5703", 4, 4, "0.1.0", 0).withLoad(new NodeLoad(4, 0, 0,
                        Map.of(), 0.0, 20 * mib, -1, true))));

        Cli.Run run = cli.run("nodes");

        assertThat(run.exit()).isZero();
        assertThat(run.out().lines().toList()).containsExactly(
                "NAME    ADDRESS         STATE          PROCESSORS  CAPACITY  BUSY  CPU         HEAP  RUNNING-JOBS  WARM-SLOTS"
                        + "                        VERSION",
                "node-a  127.0.0.1:5701  ready                  16        16     3  37%  412/4096MiB             2  "
                        + "0123456789ab/MyKernel:1 primes:2  0.1.0",
                "node-b  127.0.0.1:5702  suspect(slow)           4         4     ?    ?            ?             0  -"
                        + "                                 0.1.0",
                "node-c  127.0.0.1:5703  draining                4         4     0   0%        20MiB             0  -"
                        + "                                 0.1.0");
    }

    @Test
    void nodesJsonPrintsTheArray() throws Exception {
        NodeInfo node = new NodeInfo("node-a", "127.0.0.1:5701", 16, 16, "0.1.0", 2);
        fake.answer("GET", "/nodes", 200, List.of(node));

        // Through text on both sides: a long -1 read back is an int node, and JsonNode.equals tells them apart.
        assertThat(JSON.readTree(cli.run("nodes", "--json").out())).isEqualTo(JSON.readTree(JSON.writeValueAsString(List.of(node))));
    }

    @Test
    void unexpectedAnswerExitsOneWithTheCoordinatorsMessage() {
        fake.answer("GET", "/jobs", 500, "{\"errors\":[{\"path\":\"$\",\"message\":\"cluster lost\"}]}");

        Cli.Run run = cli.run("list");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("answered HTTP 500: $: cluster lost").doesNotContain("\tat ");
    }
}
