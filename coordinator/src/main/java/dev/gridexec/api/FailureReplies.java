package dev.gridexec.api;

import dev.gridexec.scheduler.QueueFullException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's failure handler: maps what failed (Vert.x's own 413 and 404 included) to a status and a JSON error
 * body; never shows a stack trace.
 */
final class FailureReplies implements Handler<RoutingContext> {

    /** Logs under the API's name, as the API's routes do. */
    private static final Logger LOG = LoggerFactory.getLogger(ApiVerticle.class);

    private final ApiSettings settings;

    FailureReplies(ApiSettings settings) {
        this.settings = settings;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        int status = ctx.statusCode();
        Throwable failure = ctx.failure();
        String what = ctx.request().method().name() + " " + ctx.request().path();
        if (response.closed() || response.ended()) {
            LOG.debug("{} failed after its response was closed or sent: {}", what, String.valueOf(failure));
            return;
        }
        if (response.headWritten()) {
            LOG.error("{} failed while streaming its response", what, failure);
            response.reset();
            return;
        }
        Reply reply;
        if (failure instanceof QueueFullException full) {
            response.putHeader("Retry-After", Integer.toString(full.retryAfterSeconds()));
            reply = Reply.error(429, "$", full.getMessage());
        } else if (status == 413) {
            // Vert.x reads and discards whatever of the body is still on its way, so the connection stays usable.
            long limit = ctx.request().path().equals("/artifacts") ? settings.maxArtifactBytes() : settings.maxBodyBytes();
            reply = Reply.error(413, "$", "the request body is larger than the limit of " + limit + " bytes");
        } else if (status == 404) {
            reply = Reply.error(404, "$", "no route for " + what + "; see docs/API.md");
        } else if (status >= 400 && status < 500) {
            String reason = response.setStatusCode(status).getStatusMessage().toLowerCase(Locale.ROOT);
            reply = Reply.error(status, "$", failure == null || failure.getMessage() == null ? reason
                    : reason + ": " + failure.getMessage());
        } else if (storeUnreachable(failure)) {
            LOG.warn("{}: the cluster's job store did not answer: {}", what, String.valueOf(failure));
            response.putHeader(HttpHeaders.RETRY_AFTER, "5");
            reply = Reply.error(503, "$", "the job store is unreachable now (no node holds it, or the cluster is"
                    + " reforming); retry in a few seconds");
        } else {
            LOG.error("{} failed", what, failure);
            reply = Reply.error(500, "$", "internal error");
        }
        reply.send(response);
    }

    /** Whether {@code failure} says that the cluster's maps cannot be reached now, rather than that something is broken. */
    static boolean storeUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof com.hazelcast.core.HazelcastException
                    || t instanceof com.hazelcast.core.HazelcastInstanceNotActiveException) {
                return true;
            }
        }
        return false;
    }
}
