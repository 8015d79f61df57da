package dev.gridexec.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's token check: lets a request on only with {@code Authorization: Bearer <token>}; otherwise answers 401
 * at once, before a body handler has read anything (a client that sent {@code Expect: 100-continue} never sends
 * its body; the body of one that did not is thrown away as it arrives). Neither the token nor the header is logged.
 */
record Authentication(ApiToken token) implements Handler<RoutingContext> {

    /** Logs under the API's name, as the API's other routes do. */
    private static final Logger LOG = LoggerFactory.getLogger(ApiVerticle.class);

    @Override
    public void handle(RoutingContext ctx) {
        List<String> headers = ctx.request().headers().getAll(HttpHeaders.AUTHORIZATION);
        ApiToken.Check check = headers.size() > 1 ? ApiToken.Check.MALFORMED
                : token.check(headers.isEmpty() ? null : headers.get(0));
        String message;
        switch (check) {
            case ADMITTED -> {
                ctx.next();
                return;
            }
            case MISSING -> message = "this API needs a token: send the header 'Authorization: Bearer <token>'";
            case MALFORMED -> message = "the Authorization header must be 'Bearer <token>'";
            case WRONG -> message = "the token is not valid";
            default -> throw new AssertionError(check);
        }
        LOG.debug("{} {} refused: {}", ctx.request().method().name(), ctx.request().path(), check);
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        Reply.error(401, "$", message).send(ctx.response());
    }
}
