package dev.gridexec.api;

import static dev.gridexec.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridexec.artifacts.ArtifactStore;
import dev.gridexec.artifacts.Artifacts;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.coordinator.JobService;
import dev.gridexec.coordinator.NodeInfo;
import dev.gridexec.jobs.JobRecord;
import dev.gridexec.scheduler.JobListener;
import dev.gridexec.task.Task;
import dev.gridexec.task.TaskDefaults;
import dev.gridexec.testkernels.TestJars;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A task naming a jar the cluster no longer holds is a 400 at submission, even while a coordinator still caches it. */
@Timeout(60)
class LostArtifactTest {

    private static final byte[] JAR = TestJars.testKernels();
    private static final String SHA = Artifacts.sha256(JAR);
    private final AtomicBoolean lost = new AtomicBoolean();
    private ApiFixture api;

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    @Test
    void aTaskOfAJarLostWithTheNodesIs400NamingArtifact() throws Exception {
        api = ApiFixture.start(4096, () -> List.of(ApiFixture.LOCAL_NODE), Losing::new);
        assertThat(api.post("/artifacts", JAR).statusCode()).isIn(200, 201);
        String task = "{\"kernel\":\"TokenKernel\",\"artifact\":\"" + SHA + "\",\"chunks\":2,\"workers\":1}";
        api.awaitEnd(api.submit(task).get("id").asText()); // the coordinator's cache now holds the jar

        lost.set(true);
        HttpResponse<String> response = api.post("/jobs", task);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = json(response).get("errors").get(0);
        assertThat(error.get("path").asText()).isEqualTo("artifact");
        assertThat(error.get("message").asText()).contains("no jar with sha256 " + SHA, "upload it again");
    }

    /** The service, except that its store loses the jars once {@code lost} is set. */
    private final class Losing implements JobService {
        private final JobService delegate;

        Losing(JobService delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean hasArtifact(String sha256) {
            return !lost.get() && delegate.hasArtifact(sha256);
        }

        @Override
        public KernelCatalog catalog() {
            return delegate.catalog();
        }

        @Override
        public KernelResolver kernels() {
            return delegate.kernels();
        }

        @Override
        public ArtifactStore artifacts() {
            return delegate.artifacts();
        }

        @Override
        public TaskDefaults defaults() {
            return delegate.defaults();
        }

        @Override
        public JobRecord submit(Task task) {
            return delegate.submit(task);
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
