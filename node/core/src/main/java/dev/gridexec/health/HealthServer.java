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
 * A node's health endpoint: {@code GET /health/live} (the process answers) and {@code GET /health/ready}
 * (joined the cluster and taking work). The JDK's small HTTP server is enough; Hazelcast's community
 * REST API is deprecated.
 */
public final class HealthServer implements AutoCloseable {

    private final HttpServer server;

    /**
     * @param ready empty when ready, else why not
     */
    public HealthServer(String host, int port, Supplier<java.util.Optional<String>> ready) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.createContext("/health/live", exchange -> respond(exchange, 200, "{\"status\":\"UP\"}"));
        server.createContext("/health/ready", exchange -> {
            java.util.Optional<String> notReady = ready.get();
            if (notReady.isEmpty()) {
                respond(exchange, 200, "{\"status\":\"UP\"}");
            } else {
                respond(exchange, 503, "{\"status\":\"DOWN\",\"reason\":\"" + notReady.get().replace("\"", "'") + "\"}");
            }
        });
        server.createContext("/", exchange -> respond(exchange, 404, "{\"errors\":[{\"path\":\"$\",\"message\":\"no such endpoint\"}]}"));
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

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (!"GET".equals(exchange.getRequestMethod()) && status != 404) {
            body = "{\"errors\":[{\"path\":\"$\",\"message\":\"only GET\"}]}".getBytes(StandardCharsets.UTF_8);
            status = 405;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
