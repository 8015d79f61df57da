package dev.gridexec.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gridexec.jobs.JobService;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health/live} and {@code GET /health/ready}: the checks that answer without a token.
 *
 * <p>Liveness is a probe of the API's worker pool, the one every route's blocking work runs on: a task submitted there
 * must run within the live timeout, or the process is wedged (every route but this one would hang) and the answer is
 * 503 so that the orchestrator restarts it. At most one probe is in flight at a time (a wedged pool does not pile them
 * up); each check waits up to the live timeout for it to run. State is confined to the API's event loop.
 */
final class HealthRoutes {

    /** Logs under the API's name, as the API's other routes do. */
    private static final Logger LOG = LoggerFactory.getLogger(ApiVerticle.class);

    private final JobService service;
    private final Context context;
    private final Duration liveTimeout;
    private Future<Object> probe; // the probe in flight on the worker pool, null when none; event loop only

    /** Routes that ask {@code service} on a worker thread of {@code context}; liveness waits {@code liveTimeout} for a probe there. */
    HealthRoutes(JobService service, Context context, Duration liveTimeout) {
        this.service = service;
        this.context = context;
        this.liveTimeout = liveTimeout;
    }

    /** {@code GET /health/live}: 200 when a task on the API's worker pool runs within the live timeout; 503 DOWN otherwise. */
    void live(RoutingContext ctx) {
        Future<Object> current = probe;
        if (current == null) {
            Future<Object> started = context.executeBlocking(() -> Boolean.TRUE, false);
            current = started;
            probe = started;
            started.onComplete(done -> { // may run at once, on this thread, when the probe has already run
                if (probe == started) {
                    probe = null;
                }
            });
        }
        long timer = context.owner().setTimer(Math.max(1, liveTimeout.toMillis()), id -> down(ctx));
        current.onComplete(done -> {
            if (context.owner().cancelTimer(timer) && !ctx.response().ended()) {
                Reply.raw(200, "{\"status\":\"UP\"}").send(ctx.response());
            }
        });
    }

    private void down(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        String why = "the API's worker pool did not run a probe within " + liveTimeout.toMillis()
                + " ms: its threads are all held; restart the process";
        LOG.error("liveness: {}", why);
        try {
            Reply.json(503, Health.down(why)).send(ctx.response());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            ctx.fail(e);
        }
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
