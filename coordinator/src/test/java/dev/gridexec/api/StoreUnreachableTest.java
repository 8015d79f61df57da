package dev.gridexec.api;

import static dev.gridexec.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.partition.NoDataMemberInClusterException;
import dev.gridexec.jobs.ForwardingJobService;
import dev.gridexec.jobs.JobService;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.Task;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** When no member holds the job store, the API says "try again later" (503), not "internal error" (500). */
@Timeout(60)
class StoreUnreachableTest extends ApiPerTest {

    @BeforeEach
    void start() throws Exception {
        api = ApiFixture.start(4096, () -> List.of(ApiFixture.LOCAL_NODE), NoStore::new);
    }

    @Test
    void listAndFindAnswer503WithRetryAfterWhileTheJobStoreIsUnreachable() throws Exception {
        for (String path : List.of("/jobs", "/jobs/some-id")) {
            HttpResponse<String> response = api.get(path);

            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(json(response).get("errors").get(0).get("message").asText()).contains("job store is unreachable");
        }
        assertThat(api.get("/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void otherFailuresStayInternalErrors() {
        assertThat(FailureReplies.storeUnreachable(new IllegalStateException("a bug"))).isFalse();
        assertThat(FailureReplies.storeUnreachable(new RuntimeException(new NoDataMemberInClusterException("none")))).isTrue();
    }

    /** A service whose job store has no member to hold it. */
    private static final class NoStore extends ForwardingJobService {
        NoStore(JobService delegate) {
            super(delegate);
        }

        @Override
        public JobRecord submit(Task task) {
            throw new NoDataMemberInClusterException("Target of invocation cannot be found!");
        }

        @Override
        public Optional<JobRecord> find(String id) {
            throw new NoDataMemberInClusterException("Target of invocation cannot be found!");
        }

        @Override
        public List<JobRecord> list() {
            throw new NoDataMemberInClusterException("Target of invocation cannot be found!");
        }
    }
}
