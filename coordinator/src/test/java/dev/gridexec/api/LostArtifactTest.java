package dev.gridexec.api;

import static dev.gridexec.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridexec.artifacts.Artifacts;
import dev.gridexec.jobs.ForwardingJobService;
import dev.gridexec.jobs.JobService;
import dev.gridexec.testkernels.TestJars;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A task naming a jar the cluster no longer holds is a 400 at submission, even while a coordinator still caches it. */
@Timeout(60)
class LostArtifactTest extends ApiPerTest {

    private static final byte[] JAR = TestJars.testKernels();
    private static final String SHA = Artifacts.sha256(JAR);
    private final AtomicBoolean lost = new AtomicBoolean();
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
    private final class Losing extends ForwardingJobService {
        Losing(JobService delegate) {
            super(delegate);
        }

        @Override
        public boolean hasArtifact(String sha256) {
            return !lost.get() && delegate.hasArtifact(sha256);
        }
    }
}
