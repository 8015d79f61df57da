package dev.gridexec.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.health.Promtool;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(90)
class MetricsRoutesTest extends ApiPerTest {

    /** Scrapes until {@code line} appears (the counters are fed by the job's listener, just after its record ends). */
    private String scrapeUntil(String line) throws Exception {
        long deadline = System.nanoTime() + ApiFixture.WAIT.toNanos();
        while (true) {
            HttpResponse<String> response = api.get("/metrics");
            assertThat(response.statusCode()).isEqualTo(200);
            if (response.body().contains(line + "\n")) {
                return response.body();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no line '" + line + "' in /metrics after " + ApiFixture.WAIT + ":\n" + response.body());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // poll interval, not synchronisation
        }
    }

    @Test
    void chunkCounterGrowsByExactlyEachJobsChunkCount() throws Exception {
        api = ApiFixture.start();
        api.awaitEnd(api.submit("{\"kernel\":\"primes\",\"params\":{\"limit\":100000},\"chunks\":8}").get("id").asText());
        String first = scrapeUntil("gridexec_chunks_total{outcome=\"done\"} 8.0");
        assertThat(first).contains("gridexec_chunks_total{outcome=\"failed\"} 0.0\n")
                .contains("gridexec_chunks_total{outcome=\"cancelled\"} 0.0\n")
                .contains("gridexec_chunks_total{outcome=\"speculative\"} 0.0\n")
                .contains("gridexec_jobs_finished_total{state=\"SUCCEEDED\"} 1.0\n");

        api.awaitEnd(api.submit("{\"kernel\":\"primes\",\"params\":{\"limit\":1000},\"chunks\":5}").get("id").asText());
        String second = scrapeUntil("gridexec_chunks_total{outcome=\"done\"} 13.0");

        assertThat(second).contains("gridexec_jobs{state=\"SUCCEEDED\"} 2.0\n")
                .contains("gridexec_jobs{state=\"RUNNING\"} 0.0\n")
                .contains("gridexec_queue_jobs 0.0\n")
                .contains("gridexec_desired_nodes 0.0\n")
                .contains("gridexec_node_capacity_workers{node=\"local-0\"} 2.0\n")
                .contains("gridexec_node_busy_workers{node=\"local-0\"} 0.0\n")
                .contains("gridexec_chunk_attempts_total ")
                .contains("jvm_memory_used_bytes{").contains("jvm_threads_live_threads ").contains("process_cpu_usage ");
        assertThat(api.get("/metrics").headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        Promtool.assertValid(second);
    }

    @Test
    void metricsNeedsNoTokenAndTakesOnlyGet() throws Exception {
        api = ApiFixture.startWithToken("s3cret-token-for-tests");

        assertThat(api.get("/metrics").statusCode()).isEqualTo(200);
        assertThat(api.get("/jobs").statusCode()).isEqualTo(401);
        assertThat(api.delete("/metrics").statusCode()).isEqualTo(405);
    }
}
