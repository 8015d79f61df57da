package dev.gridexec.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A node's health endpoint: {@code GET /health/live} (the process answers), {@code GET /health/ready}
 * (joined the cluster and taking work) and {@code GET /metrics} (Prometheus text, see {@link MetricsRegistry}).
 * The JDK's small HTTP server is enough; Hazelcast's community REST API is deprecated.
 */
public final class HealthServer implements AutoCloseable {

    private static final String JSON = "application/json";

    private final HttpServer server;

    /**
     * @param ready empty when ready, else why not
     */
    public HealthServer(String host, int port, Supplier<java.util.Optional<String>> ready) throws IOException {
        this(host, port, ready, null);
    }

    /**
     * @param ready   empty when ready, else why not
     * @param metrics what {@code GET /metrics} shows; null for no such endpoint
     */
    public HealthServer(String host, int port, Supplier<java.util.Optional<String>> ready, MetricsRegistry metrics)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.createContext("/health/live", exchange -> respond(exchange, 200, JSON, "{\"status\":\"UP\"}"));
        server.createContext("/health/ready", exchange -> {
            java.util.Optional<String> notReady = ready.get();
            if (notReady.isEmpty()) {
                respond(exchange, 200, JSON, "{\"status\":\"UP\"}");
            } else {
                respond(exchange, 503, JSON, "{\"status\":\"DOWN\",\"reason\":\"" + notReady.get().replace("\"", "'") + "\"}");
            }
        });
        if (metrics != null) {
            server.createContext("/metrics", exchange -> respond(exchange, 200, MetricsRegistry.CONTENT_TYPE, metrics.scrape()));
        }
        server.createContext("/", exchange -> respond(exchange, 404, JSON,
                "{\"errors\":[{\"path\":\"$\",\"message\":\"no such endpoint\"}]}"));
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "gridexec-health");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void respond(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        if (!"GET".equals(exchange.getRequestMethod()) && status != 404) {
            body = "{\"errors\":[{\"path\":\"$\",\"message\":\"only GET\"}]}".getBytes(StandardCharsets.UTF_8);
            status = 405;
            type = JSON;
        }
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
