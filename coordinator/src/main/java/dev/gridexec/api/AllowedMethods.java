package dev.gridexec.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The 405 answer, with its {@code Allow} header, for a method that none of a path's routes take. */
final class AllowedMethods {

    private AllowedMethods() {
    }

    /** Answers any method on {@code path} that reaches this route (add it after the path's own routes). */
    static void allow(Router router, String path, HttpMethod... methods) {
        String allowed = Arrays.stream(methods).map(HttpMethod::name).collect(Collectors.joining(", "));
        router.route(path).handler(ctx -> {
            HttpServerResponse response = ctx.response().putHeader(HttpHeaders.ALLOW, allowed);
            Reply.error(405, "$", "method " + ctx.request().method().name() + " is not allowed on "
                    + ctx.request().path() + "; allowed: " + allowed).send(response);
        });
    }
}
