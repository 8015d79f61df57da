package dev.gridexec.api;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * A {@code POST} route whose body is read whole, up to a limit, as raw bytes (a task or a jar), whatever the
 * request's {@code Content-Type} says.
 */
final class RawBody {

    private RawBody() {
    }

    /** Routes {@code POST path} to {@code handler} once its body (at most {@code limit} bytes; more is a 413) has arrived. */
    static void post(Router router, String path, long limit, Handler<RoutingContext> handler) {
        router.post(path).handler(RawBody::ignoreContentType); // its own route: Vert.x wants BodyHandler first
        router.post(path)
                .handler(BodyHandler.create(false).setBodyLimit(limit).setMergeFormAttributes(false))
                .handler(handler);
    }

    /** The body that arrived; empty for none. */
    static byte[] bytes(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        return body == null ? new byte[0] : body.getBytes();
    }

    /**
     * A task is JSON whatever the request's {@code Content-Type} says ({@code curl -d} sends
     * {@code application/x-www-form-urlencoded}): hide the type so that BodyHandler keeps the raw bytes
     * instead of decoding a form, which fails on large bodies and on {@code %} in JSON strings.
     */
    private static void ignoreContentType(RoutingContext ctx) {
        ctx.request().headers().remove(HttpHeaders.CONTENT_TYPE);
        ctx.next();
    }
}
