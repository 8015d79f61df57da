package dev.gridexec.api;

import static dev.gridexec.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.coordinator.JobService;
import dev.gridexec.coordinator.NodeInfo;
import dev.gridexec.jobs.JobRecord;
import dev.gridexec.scheduler.JobListener;
import dev.gridexec.scheduler.QueueFullException;
import dev.gridexec.task.Task;
import dev.gridexec.task.TaskDefaults;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A full admission queue answers 429 with Retry-After, and the API stays up. */
@Timeout(60)
class QueueFullRouteTest {

    private ApiFixture api;

    @BeforeEach
    void start() throws Exception {
        api = ApiFixture.start(4096, () -> List.of(ApiFixture.LOCAL_NODE), Full::new);
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    @Test
    void aSubmissionBeyondTheQueueLimitsGets429WithRetryAfter() throws Exception {
        HttpResponse<String> response = api.post("/jobs", "{\"kernel\":\"primes\",\"params\":{\"limit\":1000},\"chunks\":2}");
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(json(response).get("errors").get(0).get("message").asText()).contains("max-queued-jobs");
        assertThat(api.get("/health/live").statusCode()).isEqualTo(200);
    }

    /** A service whose queue is always full. */
    private record Full(JobService delegate) implements JobService {
        @Override
        public KernelCatalog catalog() {
            return delegate.catalog();
        }

        @Override
        public dev.gridexec.catalog.KernelResolver kernels() {
            return delegate.kernels();
        }

        @Override
        public TaskDefaults defaults() {
            return delegate.defaults();
        }

        @Override
        public JobRecord submit(Task task) {
            throw new QueueFullException("the queue holds 1000 jobs, the most it takes (max-queued-jobs); submit again later", 2);
        }

        @Override
        public Optional<JobRecord> find(String id) {
            return delegate.find(id);
        }

        @Override
        public List<JobRecord> list() {
            return delegate.list();
        }

        @Override
        public Optional<JobRecord> cancel(String id) {
            return delegate.cancel(id);
        }

        @Override
        public Optional<Runnable> watch(String id, JobListener listener) {
            return delegate.watch(id, listener);
        }

        @Override
        public List<NodeInfo> nodes() {
            return delegate.nodes();
        }
    }
}
