package dev.gridexec.api;

import dev.gridexec.artifacts.Artifacts;
import dev.gridexec.jobs.JobService;
import io.vertx.core.Context;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /artifacts}: kernel jars uploaded to the cluster's artifact store. */
final class ArtifactRoutes {

    /** Logs under the API's name, as the API's other routes do. */
    private static final Logger LOG = LoggerFactory.getLogger(ApiVerticle.class);

    private final JobService service;
    private final Context context;

    /** Routes that store into {@code service}'s artifacts on a worker thread of {@code context}. */
    ArtifactRoutes(JobService service, Context context) {
        this.service = service;
        this.context = context;
    }

    /** {@code POST /artifacts}: stores a kernel jar under its SHA-256; 201 when new, 200 when the same bytes were there. */
    void upload(RoutingContext ctx) {
        byte[] bytes = RawBody.bytes(ctx);
        Reply.offLoop(context, ctx, () -> {
            Optional<String> notAJar = Artifacts.jarProblem(bytes);
            if (notAJar.isPresent()) {
                return Reply.error(400, "$", notAJar.get());
            }
            Artifacts.Stored stored = Artifacts.store(service.artifacts(), bytes);
            LOG.info("artifact {}: {} ({} bytes)", stored.artifact().sha256(), stored.created() ? "stored" : "already stored",
                    stored.artifact().size());
            return Reply.json(stored.created() ? 201 : 200, stored.artifact());
        });
    }
}
