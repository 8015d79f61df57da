package dev.gridexec.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gridexec.artifacts.ArtifactInfo;
import dev.gridexec.coordinator.NodeInfo;
import dev.gridexec.jobs.JobRecord;
import dev.gridexec.task.Problem;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The coordinator's HTTP API as typed calls: upload, submit, job, jobs, cancel, nodes, and follow (Server-Sent
 * Events). Every failure is a {@link CoordinatorException}; connecting gives up after 5 s and an
 * answer's headers after 30 s. With a token, every request (the event stream's too) carries
 * {@code Authorization: Bearer <token>}; redirects are never followed, so it goes nowhere else.
 * Thread-safe; one instance per coordinator.
 */
public final class CoordinatorClient {

    /** How long to wait for a connection. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long to wait for an answer's headers once connected (an event stream then runs as long as the job). */
    public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private static final TypeReference<List<NodeInfo>> NODE_LIST = new TypeReference<>() {
    };
    private static final int DETAIL_LIMIT = 300;

    private final URI base;
    private final Optional<String> authorization;
    private final Duration connectTimeout;
    private final Duration answerTimeout;
    private final HttpClient http;

    /** A client for the coordinator at {@code base}, as returned by {@link #parseUrl(String)}, that sends no token. */
    public CoordinatorClient(URI base) {
        this(base, Optional.empty());
    }

    /**
     * A client for the coordinator at {@code base} that sends {@code token}, when present, as a bearer token.
     *
     * @throws IllegalArgumentException when the token is not printable ASCII without spaces (the message does not quote it)
     */
    public CoordinatorClient(URI base, Optional<String> token) {
        this(base, token, CONNECT_TIMEOUT, ANSWER_TIMEOUT);
    }

    CoordinatorClient(URI base, Duration connectTimeout, Duration answerTimeout) {
        this(base, Optional.empty(), connectTimeout, answerTimeout);
    }

    CoordinatorClient(URI base, Optional<String> token, Duration connectTimeout, Duration answerTimeout) {
        token.ifPresent(CoordinatorClient::checkToken);
        this.base = base;
        this.authorization = token.map(t -> "Bearer " + t);
        this.connectTimeout = connectTimeout;
        this.answerTimeout = answerTimeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Checks a coordinator URL such as {@code http://127.0.0.1:8080} and returns it without a trailing slash.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static URI parseUrl(String url) {
        String text = url.strip();
        String expected = "the coordinator URL must look like http://HOST:PORT";
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(expected + ", got '" + url + "' (" + e.getReason() + ")", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!text.contains("://")) {
            throw new IllegalArgumentException(expected + ", got '" + url + "': did you mean http://" + text + " ?");
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(expected + ": the scheme must be http or https, got '" + url + "'");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(expected + " (an optional path, no user, query or fragment), got '" + url + "'");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    private static void checkToken(String token) {
        if (token.isEmpty() || !token.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new IllegalArgumentException("the token must be printable ASCII characters without spaces");
        }
    }

    /** The coordinator's URL. */
    public URI url() {
        return base;
    }

    /** {@code POST /jobs}: submits a task.json document; returns the accepted job's record. */
    public JobRecord submit(byte[] task) throws CoordinatorException, InterruptedException {
        HttpResponse<String> response = send(request("/jobs")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(task)).build());
        switch (response.statusCode()) {
            case 400 -> throw new TaskRejectedException(base, problems(response.body()));
            case 413 -> throw new TaskTooLargeException(base, task.length);
            case 429 -> throw new CoordinatorBusyException(base, detail(response.body()), retryAfter(response));
            default -> {
                return read(response, JobRecord.class, null);
            }
        }
    }

    /**
     * {@code POST /artifacts}: uploads a kernel jar; returns its name (SHA-256) and size, whether or not the
     * coordinator had the same bytes already.
     */
    public ArtifactInfo upload(byte[] jar) throws CoordinatorException, InterruptedException {
        HttpResponse<String> response = send(request("/artifacts")
                .header("Content-Type", "application/java-archive")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jar)).build());
        if (response.statusCode() == 400 || response.statusCode() == 413) {
            throw new ArtifactRejectedException(base, response.statusCode(), problems(response.body()));
        }
        return read(response, ArtifactInfo.class, null);
    }

    /** {@code GET /jobs/{id}}: the job's record as of now. */
    public JobRecord job(String id) throws CoordinatorException, InterruptedException {
        requireId(id);
        return read(send(request(jobPath(id, "")).GET().build()), JobRecord.class, id);
    }

    /**
     * {@code GET /jobs?limit=N&after=CURSOR}: one page of the jobs the coordinator keeps, newest first, without
     * their results.
     *
     * @param after the previous page's {@code next}, null for the first page
     */
    public JobList jobs(int limit, String after) throws CoordinatorException, InterruptedException {
        String query = "/jobs?limit=" + limit + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
        return read(send(request(query).GET().build()), JobList.class, null);
    }

    /** {@code DELETE /jobs/{id}}: cancels the job (no effect once it has ended); returns its record. */
    public JobRecord cancel(String id) throws CoordinatorException, InterruptedException {
        requireId(id);
        return read(send(request(jobPath(id, "")).DELETE().build()), JobRecord.class, id);
    }

    /** {@code GET /nodes}: the members that run chunks, with capacity and load. */
    public List<NodeInfo> nodes() throws CoordinatorException, InterruptedException {
        return read(send(request("/nodes").GET().build()), NODE_LIST, null);
    }

    /**
     * {@code GET /jobs/{id}/events}: starts following the job and returns at once; {@link Following#await()}
     * waits for its end. Failures (unknown job, unreachable coordinator) come out of {@code await}.
     */
    public Following follow(String id, JobEvents events) {
        Following following = new Following(base, id, events);
        if (id.isBlank()) {
            following.fail(new JobNotFoundException(base, id));
            return following;
        }
        HttpRequest request = request(jobPath(id, "/events")).header("Accept", "text/event-stream").GET().build();
        CompletableFuture<HttpResponse<String>> response = http.sendAsync(request, info -> info.statusCode() == 200
                ? BodySubscribers.fromSubscriber(following.subscriber(), subscriber -> (String) null)
                : BodySubscribers.ofString(StandardCharsets.UTF_8));
        following.attach(response, answer -> failure(answer, id), this::unreachable);
        return following;
    }

    private void requireId(String id) throws JobNotFoundException {
        if (id.isBlank()) {
            throw new JobNotFoundException(base, id);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(answerTimeout)
                .header("Accept", "application/json")
                .header("User-Agent", "gridexec-client");
        authorization.ifPresent(value -> builder.header("Authorization", value));
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) throws CoordinatorUnreachableException, InterruptedException {
        try {
            return http.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private <T> T read(HttpResponse<String> response, Class<T> type, String id) throws CoordinatorException {
        return read(response, WireJson.MAPPER.getTypeFactory().constructType(type), id);
    }

    private <T> T read(HttpResponse<String> response, TypeReference<T> type, String id) throws CoordinatorException {
        return read(response, WireJson.MAPPER.getTypeFactory().constructType(type), id);
    }

    private <T> T read(HttpResponse<String> response, JavaType type, String id)
            throws CoordinatorException {
        if (response.statusCode() / 100 != 2) {
            throw failure(response, id);
        }
        try {
            return WireJson.MAPPER.readValue(response.body(), type);
        } catch (JsonProcessingException e) {
            throw new CoordinatorHttpException(base, response.statusCode(), "unreadable answer to "
                    + response.request().method() + " " + response.uri().getRawPath() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The {@code Retry-After} seconds of a 429, 1 to 60; 2 when it is missing or not a number of seconds. */
    private static int retryAfter(HttpResponse<String> response) {
        try {
            return Math.max(1, Math.min(60, Integer.parseInt(response.headers().firstValue("Retry-After").orElse("2").strip())));
        } catch (NumberFormatException e) {
            return 2;
        }
    }

    private CoordinatorException failure(HttpResponse<String> response, String id) {
        if (response.statusCode() == 401) {
            return new TokenRefusedException(base, detail(response.body()));
        }
        if (response.statusCode() == 404 && id != null) {
            return new JobNotFoundException(base, id);
        }
        String detail = detail(response.body());
        if (response.statusCode() == 404) {
            detail = "no " + response.uri().getRawPath() + " there; is it a gridexec coordinator? " + detail;
        }
        return new CoordinatorHttpException(base, response.statusCode(), detail, null);
    }

    private CoordinatorUnreachableException unreachable(Throwable failure) {
        String reason;
        if (failure instanceof HttpConnectTimeoutException) {
            reason = "no connection within " + seconds(connectTimeout);
        } else if (failure instanceof HttpTimeoutException) {
            reason = "no answer within " + seconds(answerTimeout);
        } else if (causedBy(failure, UnresolvedAddressException.class) || causedBy(failure, UnknownHostException.class)) {
            reason = "unknown host " + base.getHost();
        } else if (failure instanceof ConnectException) {
            reason = failure.getMessage() == null || failure.getMessage().toLowerCase(Locale.ROOT).contains("refused")
                    ? "connection refused" : failure.getMessage();
        } else {
            reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        }
        return new CoordinatorUnreachableException(base, reason, failure);
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** The problems in a {@code {"errors":[{"path","message"}]}} body; the body itself as one problem otherwise. */
    static List<Problem> problems(String body) {
        List<Problem> problems = errors(body);
        return problems.isEmpty() ? List.of(new Problem("$", detail(body))) : problems;
    }

    private static String detail(String body) {
        List<Problem> problems = errors(body);
        if (!problems.isEmpty()) {
            return String.join("; ", problems.stream().map(Problem::toString).toList());
        }
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            return "(no body)";
        }
        return text.length() > DETAIL_LIMIT ? text.substring(0, DETAIL_LIMIT) + "..." : text;
    }

    private static List<Problem> errors(String body) {
        List<Problem> problems = new ArrayList<>();
        try {
            for (JsonNode error : WireJson.MAPPER.readTree(body == null ? "" : body).path("errors")) {
                problems.add(new Problem(error.path("path").asText("$"), error.path("message").asText("")));
            }
        } catch (JsonProcessingException notTheErrorDocument) {
            return List.of();
        }
        return problems;
    }

    /** The path of job {@code id}'s resource, the id percent-encoded as one path segment. */
    static String jobPath(String id, String suffix) {
        return "/jobs/" + pathSegment(id) + suffix;
    }

    static String pathSegment(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }
}
