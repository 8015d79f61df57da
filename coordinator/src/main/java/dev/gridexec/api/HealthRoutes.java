package dev.gridexec.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gridexec.coordinator.JobService;
import io.vertx.core.Context;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /health/live} and {@code GET /health/ready}: the checks that answer without a token. */
final class HealthRoutes {

    /** Logs under the API's name, as the API's other routes do. */
    private static final Logger LOG = LoggerFactory.getLogger(ApiVerticle.class);

    private final JobService service;
    private final Context context;

    /** Routes that ask {@code service} on a worker thread of {@code context}. */
    HealthRoutes(JobService service, Context context) {
        this.service = service;
        this.context = context;
    }

    /** {@code GET /health/live}: 200 while the process serves requests at all. */
    void live(RoutingContext ctx) {
        Reply.raw(200, "{\"status\":\"UP\"}").send(ctx.response());
    }

    /** {@code GET /health/ready}: 200 with the node count once a node has joined; 503 with a reason otherwise. */
    void ready(RoutingContext ctx) {
        Reply.offLoop(context, ctx, () -> {
            int nodes;
            try {
                nodes = service.nodes().size();
            } catch (RuntimeException e) {
                LOG.warn("readiness: the nodes could not be listed", e);
                return Reply.json(503, Health.down("the nodes could not be listed: " + e.getMessage()));
            }
            return nodes > 0 ? Reply.json(200, Health.up(nodes))
                    : Reply.json(503, Health.down("no node has joined the cluster"));
        });
    }

    /** The body of {@code /health/live} and {@code /health/ready}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Health(String status, Integer nodes, String reason) {
        static Health up(Integer nodes) {
            return new Health("UP", nodes, null);
        }

        static Health down(String reason) {
            return new Health("DOWN", null, reason);
        }
    }
}
