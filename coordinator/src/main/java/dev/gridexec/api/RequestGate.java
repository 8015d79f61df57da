package dev.gridexec.api;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a request meets before the router: requests HTTP could not parse (an over-long request line or header,
 * garbage) and paths with a malformed percent-escape get their JSON error here, without a stack trace,
 * since the router would answer them in plain text and log the decoder's exception.
 */
final class RequestGate {

    private static final Logger LOG = LoggerFactory.getLogger(RequestGate.class);

    private RequestGate() {
    }

    /** {@code router}, behind the check of the path's percent-escapes. */
    static Handler<HttpServerRequest> checkingPaths(Handler<HttpServerRequest> router) {
        return request -> {
            String problem = escapeProblem(request.path());
            if (problem == null) {
                router.handle(request);
                return;
            }
            LOG.debug("{} refused: {}", request.method().name(), problem);
            Reply.error(400, "$", "the request path " + problem).send(request.response());
        };
    }

    /** Answers a request that HTTP could not parse; the connection is closed after it. */
    static void invalid(HttpServerRequest request) {
        DecoderResult result = request.decoderResult();
        Throwable cause = result == null ? null : result.cause();
        int status = 400;
        String message = "the request is not valid HTTP/1.1";
        if (cause instanceof TooLongFrameException && cause.getMessage() != null) {
            if (cause.getMessage().startsWith("An HTTP line is larger than")) {
                status = 414;
                message = "the request line is too long: its limit is " + ApiVerticle.MAX_INITIAL_LINE_BYTES + " bytes";
            } else if (cause.getMessage().startsWith("HTTP header is larger than")) {
                status = 431;
                message = "the request's headers are too long: their limit is " + ApiVerticle.MAX_HEADER_BYTES + " bytes";
            }
        }
        LOG.debug("invalid request answered {}: {}", status, String.valueOf(cause));
        request.response().putHeader(HttpHeaders.CONNECTION, "close");
        Reply.error(status, "$", message).send(request.response()).onComplete(done -> request.connection().close());
    }

    /** Why {@code path}'s percent-escapes are malformed, null when they are not. */
    static String escapeProblem(String path) {
        if (path == null || path.isEmpty()) {
            return "is empty";
        }
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '%') {
                if (i + 2 >= path.length()) {
                    return "ends in an incomplete percent-escape: '%' must be followed by two hex digits (write %25 for '%')";
                }
                if (Character.digit(path.charAt(i + 1), 16) < 0 || Character.digit(path.charAt(i + 2), 16) < 0) {
                    return "holds the malformed percent-escape '" + printable(path.substring(i, i + 3))
                            + "': '%' must be followed by two hex digits (write %25 for '%')";
                }
                i += 2;
            }
        }
        return null;
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(c < 0x20 || c == 0x7F ? "?" : Character.toString(c)));
        return out.toString();
    }
}
