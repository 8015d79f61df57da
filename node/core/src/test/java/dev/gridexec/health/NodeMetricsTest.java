package dev.gridexec.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeMetricsTest {

    private static HttpResponse<String> get(int port, String path) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsEndpointShowsCapacityChunkTimesAndJvmInPrometheusText() throws Exception {
        try (MetricsRegistry metrics = new MetricsRegistry();
             HealthServer server = new HealthServer("127.0.0.1", 0, Optional::empty, metrics)) {
            NodeMetrics node = new NodeMetrics(metrics.registry(), "node-a", 4, () -> 1);
            node.ran("primes", "threads", new long[] {2_000_000, 30_000_000, 0});

            HttpResponse<String> response = get(server.port(), "/metrics");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue(MetricsRegistry.CONTENT_TYPE);
            String body = response.body();
            assertThat(body).contains("gridexec_node_capacity_workers{node=\"node-a\"} 4.0")
                    .contains("gridexec_node_running_jobs{node=\"node-a\"} 1.0")
                    .contains("gridexec_chunk_run_seconds_count{kernel=\"primes\",mode=\"threads\"} 2")
                    .contains("gridexec_chunk_run_seconds_bucket{kernel=\"primes\",mode=\"threads\",le=\"0.005\"} 1")
                    .contains("jvm_memory_used_bytes").contains("jvm_gc_").contains("jvm_threads_live_threads")
                    .contains("process_cpu_usage").contains("process_cpu_seconds_total");
            Promtool.assertValid(body);
        }
    }

    @Test
    void metricsRefusesOtherMethodsAndHealthStillAnswers() throws Exception {
        try (MetricsRegistry metrics = new MetricsRegistry();
             HealthServer server = new HealthServer("127.0.0.1", 0, Optional::empty, metrics)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                    .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(get(server.port(), "/health/live").statusCode()).isEqualTo(200);
        }
    }
}
