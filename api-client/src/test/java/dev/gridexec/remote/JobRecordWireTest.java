package dev.gridexec.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.wire.NodeInfo;
import dev.gridexec.embedded.InProcessGrid;
import dev.gridexec.wire.ChunkCounts;
import dev.gridexec.wire.JobError;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import dev.gridexec.wire.Placement;
import dev.gridexec.wire.Timing;
import dev.gridexec.scheduler.JobListener;
import dev.gridexec.scheduler.JobProgress;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import dev.gridexec.task.TaskReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The coordinator writes its records with Jackson; the client must read back exactly what was written. */
@Timeout(60)
class JobRecordWireTest {

    /** What the coordinator writes with: Jackson's defaults. */
    private static final ObjectMapper SERVER = new ObjectMapper();

    private static void assertRoundTrips(Object value, Class<?> type) throws Exception {
        String written = SERVER.writeValueAsString(value);
        Object read = WireJson.MAPPER.readValue(written, type);
        assertThat(SERVER.writeValueAsString(read)).isEqualTo(written);
    }

    @Test
    void recordWithEveryFieldSetReadsBackToTheSameJson() throws Exception {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("limit", 100_000L);
        params.put("big", new BigInteger("123456789012345678901234567890"));
        params.put("xMin", new BigDecimal("-2.5"));
        params.put("tiny", new BigDecimal("0.000001"));
        params.put("label", "ünïcode");
        params.put("flag", true);
        params.put("list", List.of(1L, "two", List.of(3L)));
        params.put("nested", Map.of("k", new BigDecimal("1.25")));
        Task task = new Task("demo", "mandelbrot", params, 16, Mode.SLOTS, 4, 2, 3, 5, -7, "PT30S", 3);
        JobRecord record = new JobRecord("j-1", JobState.FAILED, task, TestRecords.json("{\"pi\":3.141592653589793,\"n\":12,\"xs\":[1.0E-5,2]}"),
                new JobError("kernel", "boom", 3), List.of("asked for 2 nodes, 1 is there"), new ChunkCounts(16, 12, 4, 1),
                new Timing(1234, 56, 7890), List.of(new Placement("node-a", 12, 7000)));

        assertRoundTrips(record, JobRecord.class);
        JobRecord read = WireJson.MAPPER.readValue(SERVER.writeValueAsString(record), JobRecord.class);
        assertThat(read.task().mode()).isEqualTo(Mode.SLOTS);
        assertThat(read.task().timeoutDuration()).hasValueSatisfying(d -> assertThat(d.getSeconds()).isEqualTo(30));
        assertThat(read.result().get("n").asInt()).isEqualTo(12);
        assertThat(read.error().chunk()).isEqualTo(3);
    }

    @Test
    void recordOfARealEmbeddedJobReadsBackToTheSameJson() throws Exception {
        KernelCatalog catalog = KernelCatalog.builtIn();
        try (InProcessGrid grid = new InProcessGrid(catalog)) {
            Task task = new TaskReader(catalog, grid.defaults()).read(
                    "{\"kernel\":\"mandelbrot\",\"params\":{\"width\":16,\"height\":8,\"maxIterations\":50,\"xMin\":-2.25,\"pixels\":true},\"mode\":\"gil\"}"
                            .getBytes(StandardCharsets.UTF_8));
            JobRecord record = grid.scheduler().submit(task, new JobListener() {
            }).completion().get(30, TimeUnit.SECONDS);
            assertThat(record.state()).isEqualTo(JobState.SUCCEEDED);
            assertRoundTrips(record, JobRecord.class);
        }
    }

    @Test
    void unfinishedRecordWithoutResultOrErrorReadsBack() throws Exception {
        assertRoundTrips(TestRecords.queued("q"), JobRecord.class);
        assertRoundTrips(TestRecords.running("r", 3), JobRecord.class);
    }

    @Test
    void progressAndNodesReadBack() throws Exception {
        assertRoundTrips(new JobProgress(3, 8, 1, 250), JobProgress.class);
        assertRoundTrips(new NodeInfo("node-a", "127.0.0.1:5701", 16, 16, "0.1.0", 2), NodeInfo.class);
    }

    @Test
    void fieldsAddedByALaterCoordinatorAreIgnored() throws Exception {
        String written = SERVER.writeValueAsString(TestRecords.succeeded("s"));
        String withMore = "{\"submittedAt\":\"2025-01-01T00:00:00Z\"," + written.substring(1);
        assertThat(WireJson.MAPPER.readValue(withMore, JobRecord.class)).isEqualTo(TestRecords.succeeded("s"));
    }
}
