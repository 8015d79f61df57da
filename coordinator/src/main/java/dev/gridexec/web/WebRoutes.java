package dev.gridexec.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routes that describe and show the API rather than use it, all open without the token: {@code GET /}
 * (the dashboard page), {@code GET /dashboard/{file}} (its scripts and styles) and {@code GET /openapi.json}.
 * Every file is read from the jar once, when the routes are mounted, and served from memory: nothing is
 * fetched from anywhere else and nothing is written to disk.
 */
public final class WebRoutes {

    /** The dashboard's files, under {@code gridexec/dashboard/} in the jar. */
    static final List<String> DASHBOARD_FILES = List.of("index.html", "app.js", "report.js", "style.css");

    private final Map<String, Served> files = new LinkedHashMap<>();
    private final Served index;
    private final Served openapi;

    private record Served(Buffer bytes, String type) {
    }

    private WebRoutes() {
        for (String name : DASHBOARD_FILES) {
            files.put(name, new Served(read("gridexec/dashboard/" + name), typeOf(name)));
        }
        index = files.get("index.html");
        openapi = new Served(read("gridexec/openapi.json"), "application/json");
    }

    /** Mounts the routes on {@code router}; call before the token check so that they stay open. */
    public static void mount(Router router) {
        WebRoutes web = new WebRoutes();
        router.get("/").handler(ctx -> web.send(ctx, web.index));
        router.get("/openapi.json").handler(ctx -> web.send(ctx, web.openapi));
        router.get("/dashboard/:file").handler(ctx -> {
            Served file = web.files.get(ctx.pathParam("file"));
            if (file == null) {
                ctx.fail(404); // the API's own 404 body
            } else {
                web.send(ctx, file);
            }
        });
    }

    private void send(RoutingContext ctx, Served file) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, file.type())
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .putHeader("X-Content-Type-Options", "nosniff")
                .end(file.bytes());
    }

    private static String typeOf(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        return name.endsWith(".css") ? "text/css; charset=utf-8" : "application/octet-stream";
    }

    private static Buffer read(String resource) {
        try (InputStream in = WebRoutes.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the jar has no " + resource);
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource + " from the jar", e);
        }
    }
}
