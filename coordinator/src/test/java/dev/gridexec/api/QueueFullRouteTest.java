package dev.gridexec.api;

import static dev.gridexec.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.jobs.ForwardingJobService;
import dev.gridexec.jobs.JobService;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.scheduler.QueueFullException;
import dev.gridexec.wire.Task;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A full admission queue answers 429 with Retry-After, and the API stays up. */
@Timeout(60)
class QueueFullRouteTest extends ApiPerTest {

    @BeforeEach
    void start() throws Exception {
        api = ApiFixture.start(4096, () -> List.of(ApiFixture.LOCAL_NODE), Full::new);
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
    private static final class Full extends ForwardingJobService {
        Full(JobService delegate) {
            super(delegate);
        }

        @Override
        public JobRecord submit(Task task) {
            throw new QueueFullException("the queue holds 1000 jobs, the most it takes (max-queued-jobs); submit again later", 2);
        }
    }
}
