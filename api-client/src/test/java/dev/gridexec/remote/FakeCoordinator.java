package dev.gridexec.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted coordinator on 127.0.0.1 for client tests: each route answers with canned JSON, or with an
 * event stream that a script writes step by step (flushing each event) while the client reads it.
 */
public final class FakeCoordinator implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One request as the fake received it; {@code authorization} is its {@code Authorization} header, null when
     * none; {@code query} its raw query, null when none.
     */
    public record Request(String method, String rawPath, byte[] body, String authorization, String query) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Writes an event stream. */
    public interface StreamScript {
        void write(FakeEventStream stream) throws Exception;
    }

    private interface Route {
        void answer(HttpExchange exchange) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile String requiredAuthorization;

    private FakeCoordinator() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeCoordinator start() throws IOException {
        return new FakeCoordinator();
    }

    /** A URL on 127.0.0.1 where nothing listens: a port that was just free. */
    public static String closedPortUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code method rawPath} with {@code status} and {@code body} as JSON (a String is sent as it is). */
    public FakeCoordinator answer(String method, String rawPath, int status, Object body) {
        byte[] bytes = bytes(body);
        routes.put(method + " " + rawPath, exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        return this;
    }

    /**
     * Answers {@code method rawPath} with 429 and {@code Retry-After} the first {@code times} times, as a
     * coordinator with a full queue does, then with {@code status} and {@code body}.
     */
    public FakeCoordinator busy(String method, String rawPath, int times, int retryAfterSeconds, int status, Object body) {
        byte[] bytes = bytes(body);
        byte[] full = bytes(Map.of("errors", List.of(Map.of("path", "$",
                "message", "the queue holds 1000 jobs, the most it takes (max-queued-jobs); submit again later"))));
        AtomicInteger left = new AtomicInteger(times);
        routes.put(method + " " + rawPath, exchange -> {
            boolean refuse = left.getAndDecrement() > 0;
            byte[] answer = refuse ? full : bytes;
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (refuse) {
                exchange.getResponseHeaders().set("Retry-After", Integer.toString(retryAfterSeconds));
            }
            exchange.sendResponseHeaders(refuse ? 429 : status, answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        return this;
    }

    /** Answers 404 the way the coordinator does for an unknown job. */
    public FakeCoordinator unknownJob(String method, String rawPath, String id) {
        return answer(method, rawPath, 404, Map.of("errors", List.of(Map.of("path", "id", "message", "no job with id " + id))));
    }

    /** Accepts a submitted job as {@code id} (queued), whose event stream says it runs and then stays open. */
    public FakeCoordinator acceptsAJobThatKeepsRunning(String id) {
        return answer("POST", "/jobs", 202, TestRecords.queued(id))
                .events("/jobs/" + id + "/events", stream -> stream.event("state", TestRecords.running(id, 0)).holdOpen());
    }

    /** Answers {@code GET rawPath} with an event stream written by {@code script}; the stream ends when the script returns. */
    public FakeCoordinator events(String rawPath, StreamScript script) {
        routes.put("GET " + rawPath, stream(script, false));
        return this;
    }

    /**
     * Answers {@code GET rawPath} with an event stream written by {@code script} that then breaks off, as when the
     * coordinator dies mid-stream: the connection closes without the stream's end.
     */
    public FakeCoordinator eventsThenBreak(String rawPath, StreamScript script) {
        routes.put("GET " + rawPath, stream(script, true));
        return this;
    }

    /** Answers {@code GET rawPath} as set up so far the first {@code times} times, then with an event stream written by {@code script}. */
    public FakeCoordinator eventsAfter(String rawPath, int times, StreamScript script) {
        return inTurn("GET " + rawPath, times, routes.get("GET " + rawPath), stream(script, false));
    }

    private Route stream(StreamScript script, boolean breakOff) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            // a length never reached: closing the body early drops the connection without the stream's end
            exchange.sendResponseHeaders(200, breakOff ? 1 << 30 : 0);
            OutputStream out = exchange.getResponseBody();
            try {
                script.write(new FakeEventStream(out, closing));
            } finally {
                out.close(); // when breaking off: throws "insufficient bytes written", having closed the connection
            }
        };
    }

    /**
     * Reads a {@code method rawPath} request whole, then closes the connection without answering, as a coordinator
     * that dies between taking a request and answering it.
     */
    public FakeCoordinator dropConnection(String method, String rawPath) {
        routes.put(method + " " + rawPath, exchange -> {
            // no answer: closing the exchange before any headers closes the connection
        });
        return this;
    }

    /** Answers {@code method rawPath} as set up so far the first {@code times} times, then with 503, as a coordinator that is stopping. */
    public FakeCoordinator unavailableAfter(String method, String rawPath, int times) {
        return inTurn(method + " " + rawPath, times, routes.get(method + " " + rawPath),
                json(503, Map.of("errors", List.of(Map.of("path", "$", "message", "the coordinator is stopping")))));
    }

    /** Answers {@code method rawPath} with 404 for job {@code id} the first {@code times} times, then as set up so far: a record not visible there yet. */
    public FakeCoordinator unknownJobFirst(String method, String rawPath, String id, int times) {
        return inTurn(method + " " + rawPath, times,
                json(404, Map.of("errors", List.of(Map.of("path", "id", "message", "no job with id " + id)))), routes.get(method + " " + rawPath));
    }

    private FakeCoordinator inTurn(String route, int times, Route first, Route after) {
        AtomicInteger left = new AtomicInteger(times);
        routes.put(route, exchange -> (left.getAndDecrement() > 0 ? first : after).answer(exchange));
        return this;
    }

    private static Route json(int status, Object body) {
        byte[] bytes = bytes(body);
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        };
    }

    /** Waits until {@code count} {@code method rawPath} requests came in, at most {@code timeout}; whether they did. */
    public boolean awaitCount(String method, String rawPath, long count, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (requests) {
            while (count(method, rawPath) < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(requests, left);
            }
            return true;
        }
    }

    /** How many {@code method rawPath} requests came in so far. */
    public long count(String method, String rawPath) {
        return requests.stream().filter(r -> r.method().equals(method) && r.rawPath().equals(rawPath)).count();
    }

    /** Answers every request without {@code Authorization: Bearer token} with 401, as a coordinator with this token does. */
    public FakeCoordinator requireToken(String token) {
        requiredAuthorization = "Bearer " + token;
        return this;
    }

    /** Every request received so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public boolean received(String method, String rawPath) {
        return requests.stream().anyMatch(r -> r.method().equals(method) && r.rawPath().equals(rawPath));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String rawPath = exchange.getRequestURI().getRawPath();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            synchronized (requests) {
                requests.add(new Request(exchange.getRequestMethod(), rawPath, body, authorization, exchange.getRequestURI().getRawQuery()));
                requests.notifyAll();
            }
            Route route = routes.get(exchange.getRequestMethod() + " " + rawPath);
            String required = requiredAuthorization;
            if (required != null && !required.equals(authorization)) {
                byte[] refused = bytes(Map.of("errors", List.of(Map.of("path", "$", "message", "the token is not valid"))));
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                exchange.sendResponseHeaders(401, refused.length);
                exchange.getResponseBody().write(refused);
            } else if (route == null) {
                byte[] missing = bytes(Map.of("errors", List.of(Map.of("path", "$", "message", "no route " + rawPath))));
                exchange.sendResponseHeaders(404, missing.length);
                exchange.getResponseBody().write(missing);
            } else {
                route.answer(exchange);
            }
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        } finally {
            exchange.close();
        }
    }

    /** {@code body} as JSON; a String as it is, null as nothing. */
    static byte[] bytes(Object body) {
        if (body == null) {
            return new byte[0];
        }
        if (body instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
