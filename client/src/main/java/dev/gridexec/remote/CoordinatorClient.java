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
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's HTTP API as typed calls: upload, submit, job, jobs, cancel, nodes, and follow (Server-Sent
 * Events). Every failure is a {@link CoordinatorException}; connecting gives up after 5 s and an
 * answer's headers after 30 s. With a token, every request (the event stream's too) carries
 * {@code Authorization: Bearer <token>}; redirects are never followed, so it goes nowhere else.
 *
 * <p>With several {@link Coordinators} (every coordinator of a cluster answers every route for every job), a
 * call goes to the one that answered last; when it cannot be reached (connection refused or reset, a timeout,
 * HTTP 502/503 from a coordinator that is stopping) the call moves on to the next, round robin, each tried at
 * most once per call, and fails with {@link CoordinatorUnreachableException} naming every URL only when none
 * answered. Reads, cancel ({@code DELETE} is idempotent) and uploads (stored under their SHA-256, so a second
 * upload of the same bytes changes nothing) are safe to send again. A submit is not: a {@code POST /jobs} whose
 * answer was lost may have created the job, and sending it again would run it twice. So a submit moves on only
 * when the request surely did not reach the coordinator: the connection was never made (refused, a connect
 * timeout, an unknown host), or the coordinator answered 503, which docs/API.md defines as "the job was not
 * accepted". A connection lost after the request went out, an answer timeout or a 502 (a proxy in front may
 * have passed the request on) ends the submit with an error that says the job may exist.
 * Following a job goes on across coordinators too: see {@link Following}.
 * Thread-safe; one instance per cluster.
 */
public final class CoordinatorClient {

    /** How long to wait for a connection. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long to wait for an answer's headers once connected (an event stream then runs as long as the job). */
    public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorClient.class);
    private static final TypeReference<List<NodeInfo>> NODE_LIST = new TypeReference<>() {
    };
    private static final int DETAIL_LIMIT = 300;

    /** Whether a request may be sent to another coordinator after it failed on one. */
    private enum Resend {
        /** On any failure to get an answer: the request changes nothing when sent twice. */
        SAFE,
        /** Only when it surely did not reach the coordinator: a second one could do the work twice. */
        ONLY_UNSENT
    }

    /** An answer, with the coordinator that gave it. */
    private record Answer(URI coordinator, HttpResponse<String> response) {
    }

    private final Coordinators coordinators;
    private final Optional<String> authorization;
    private final Duration connectTimeout;
    private final Duration answerTimeout;
    private final Following.Patience patience;
    private final HttpClient http;
    /** The index of the coordinator that answered last: the next call goes there first. */
    private final AtomicInteger current = new AtomicInteger();

    /** A client for the coordinator at {@code base}, as returned by {@link #parseUrl(String)}, that sends no token. */
    public CoordinatorClient(URI base) {
        this(Coordinators.of(base), Optional.empty());
    }

    /**
     * A client for the coordinator at {@code base} that sends {@code token}, when present, as a bearer token.
     *
     * @throws IllegalArgumentException when the token is not printable ASCII without spaces (the message does not quote it)
     */
    public CoordinatorClient(URI base, Optional<String> token) {
        this(Coordinators.of(base), token);
    }

    /**
     * A client for the cluster that {@code coordinators} answer for, that sends {@code token}, when present, as a
     * bearer token; calls go to the first until it cannot be reached.
     *
     * @throws IllegalArgumentException when the token is not printable ASCII without spaces (the message does not quote it)
     */
    public CoordinatorClient(Coordinators coordinators, Optional<String> token) {
        this(coordinators, token, CONNECT_TIMEOUT, ANSWER_TIMEOUT, Following.Patience.DEFAULT);
    }

    CoordinatorClient(URI base, Duration connectTimeout, Duration answerTimeout) {
        this(Coordinators.of(base), Optional.empty(), connectTimeout, answerTimeout, Following.Patience.DEFAULT);
    }

    CoordinatorClient(Coordinators coordinators, Optional<String> token, Duration connectTimeout, Duration answerTimeout,
            Following.Patience patience) {
        token.ifPresent(CoordinatorClient::checkToken);
        this.coordinators = coordinators;
        this.authorization = token.map(t -> "Bearer " + t);
        this.connectTimeout = connectTimeout;
        this.answerTimeout = answerTimeout;
        this.patience = patience;
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

    /** The URL of the coordinator that answered last (the first one given, before any call). */
    public URI url() {
        return coordinators.urls().get(current.get());
    }

    /** Every coordinator this client may talk to, in the order given. */
    public Coordinators coordinators() {
        return coordinators;
    }

    /** {@code POST /jobs}: submits a task.json document; returns the accepted job's record. */
    public JobRecord submit(byte[] task) throws CoordinatorException, InterruptedException {
        Answer answer = send(Resend.ONLY_UNSENT, "/jobs", b -> b
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(task)));
        HttpResponse<String> response = answer.response();
        switch (response.statusCode()) {
            case 400 -> throw new TaskRejectedException(answer.coordinator(), problems(response.body()));
            case 413 -> throw new TaskTooLargeException(answer.coordinator(), task.length);
            case 429 -> throw new CoordinatorBusyException(answer.coordinator(), detail(response.body()), retryAfter(response));
            default -> {
                return read(answer, JobRecord.class, null);
            }
        }
    }

    /**
     * {@code POST /artifacts}: uploads a kernel jar; returns its name (SHA-256) and size, whether or not the
     * coordinator had the same bytes already.
     */
    public ArtifactInfo upload(byte[] jar) throws CoordinatorException, InterruptedException {
        Answer answer = send(Resend.SAFE, "/artifacts", b -> b
                .header("Content-Type", "application/java-archive")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jar)));
        int status = answer.response().statusCode();
        if (status == 400 || status == 413) {
            throw new ArtifactRejectedException(answer.coordinator(), status, problems(answer.response().body()));
        }
        return read(answer, ArtifactInfo.class, null);
    }

    /** {@code GET /jobs/{id}}: the job's record as of now. */
    public JobRecord job(String id) throws CoordinatorException, InterruptedException {
        requireId(id);
        return read(send(Resend.SAFE, jobPath(id, ""), HttpRequest.Builder::GET), JobRecord.class, id);
    }

    /**
     * {@code GET /jobs?limit=N&after=CURSOR}: one page of the jobs the coordinator keeps, newest first, without
     * their results.
     *
     * @param after the previous page's {@code next}, null for the first page
     */
    public JobList jobs(int limit, String after) throws CoordinatorException, InterruptedException {
        String query = "/jobs?limit=" + limit + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
        return read(send(Resend.SAFE, query, HttpRequest.Builder::GET), JobList.class, null);
    }

    /** {@code DELETE /jobs/{id}}: cancels the job (no effect once it has ended); returns its record. */
    public JobRecord cancel(String id) throws CoordinatorException, InterruptedException {
        requireId(id);
        return read(send(Resend.SAFE, jobPath(id, ""), HttpRequest.Builder::DELETE), JobRecord.class, id);
    }

    /** {@code GET /nodes}: the members that run chunks, with capacity and load. */
    public List<NodeInfo> nodes() throws CoordinatorException, InterruptedException {
        return read(send(Resend.SAFE, "/nodes", HttpRequest.Builder::GET), NODE_LIST, null);
    }

    /**
     * {@code GET /jobs/{id}/events}: starts following the job and returns at once; {@link Following#await()}
     * waits for its end. Failures (unknown job, no coordinator reachable) come out of {@code await}.
     */
    public Following follow(String id, JobEvents events) {
        Following following = new Following(this, id, events, patience);
        if (id.isBlank()) {
            following.fail(new JobNotFoundException(url(), id));
            return following;
        }
        following.start();
        return following;
    }

    /**
     * Opens job {@code id}'s event stream on {@code base}: when a 200's headers arrive, {@code onOpen} gives the
     * subscriber for its body; any other answer is read whole.
     */
    CompletableFuture<HttpResponse<String>> openEvents(URI base, String id, Supplier<Flow.Subscriber<List<ByteBuffer>>> onOpen) {
        HttpRequest request = request(base, jobPath(id, "/events")).header("Accept", "text/event-stream").GET().build();
        return http.sendAsync(request, info -> info.statusCode() == 200
                ? BodySubscribers.fromSubscriber(onOpen.get(), subscriber -> (String) null)
                : BodySubscribers.ofString(StandardCharsets.UTF_8));
    }

    /** The coordinators in the order a call tries them: the one that answered last first. */
    List<URI> rotation() {
        List<URI> urls = coordinators.urls();
        int start = current.get();
        List<URI> order = new ArrayList<>(urls.size());
        for (int i = 0; i < urls.size(); i++) {
            order.add(urls.get((start + i) % urls.size()));
        }
        return order;
    }

    /** Notes that {@code base} answered: the next call goes there first. */
    void answered(URI base) {
        int index = coordinators.urls().indexOf(base);
        if (index >= 0) {
            current.set(index);
        }
    }

    /** Whether an answer with this status means "this coordinator cannot serve now; another may". */
    static boolean unavailable(int status) {
        return status == 502 || status == 503;
    }

    private void requireId(String id) throws JobNotFoundException {
        if (id.isBlank()) {
            throw new JobNotFoundException(url(), id);
        }
    }

    private HttpRequest.Builder request(URI base, String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(answerTimeout)
                .header("Accept", "application/json")
                .header("User-Agent", "gridexec-client");
        authorization.ifPresent(value -> builder.header("Authorization", value));
        return builder;
    }

    /**
     * Sends the request to each coordinator in {@link #rotation()} order until one answers, as {@code resend}
     * allows; the answer may be any status but a 502/503 that sent it on.
     */
    private Answer send(Resend resend, String path, UnaryOperator<HttpRequest.Builder> method)
            throws CoordinatorUnreachableException, InterruptedException {
        Map<URI, String> failures = new LinkedHashMap<>();
        Throwable lastCause = null;
        List<URI> order = rotation();
        for (int i = 0; i < order.size(); i++) {
            URI base = order.get(i);
            HttpRequest request = method.apply(request(base, path)).build();
            String why;
            try {
                HttpResponse<String> response = http.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                // 503 is "not accepted" for every route (docs/API.md); a 502 from a proxy may hide a request passed on
                if (!unavailable(status) || (resend == Resend.ONLY_UNSENT && status != 503)) {
                    answered(base);
                    return new Answer(base, response);
                }
                why = "HTTP " + status + ": " + detail(response.body());
                lastCause = null;
            } catch (IOException e) {
                why = reason(base, e);
                lastCause = e;
                if (resend == Resend.ONLY_UNSENT && !unsent(e)) {
                    failures.put(base, why + " after " + request.method() + " " + path + " was sent: it may have been"
                            + " carried out (a submitted job: see client list), so it was not sent to another coordinator");
                    throw CoordinatorUnreachableException.all("", failures, e);
                }
            }
            failures.put(base, why);
            if (i + 1 < order.size()) {
                LOG.info("{} {} on {}: {}; trying {}", request.method(), path, base, why, order.get(i + 1));
            }
        }
        throw CoordinatorUnreachableException.all("", failures, lastCause);
    }

    /** Whether the request surely never left: the connection was not made. */
    private static boolean unsent(IOException failure) {
        return failure instanceof HttpConnectTimeoutException || causedBy(failure, ConnectException.class)
                || causedBy(failure, UnresolvedAddressException.class) || causedBy(failure, UnknownHostException.class);
    }

    private <T> T read(Answer answer, Class<T> type, String id) throws CoordinatorException {
        return read(answer, WireJson.MAPPER.getTypeFactory().constructType(type), id);
    }

    private <T> T read(Answer answer, TypeReference<T> type, String id) throws CoordinatorException {
        return read(answer, WireJson.MAPPER.getTypeFactory().constructType(type), id);
    }

    private <T> T read(Answer answer, JavaType type, String id) throws CoordinatorException {
        HttpResponse<String> response = answer.response();
        if (response.statusCode() / 100 != 2) {
            throw failure(answer.coordinator(), response, id);
        }
        try {
            return WireJson.MAPPER.readValue(response.body(), type);
        } catch (JsonProcessingException e) {
            throw new CoordinatorHttpException(answer.coordinator(), response.statusCode(), "unreadable answer to "
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

    /** What an answer that is not a success means, from the coordinator at {@code base}; {@code id} names the job asked for, if any. */
    CoordinatorException failure(URI base, HttpResponse<String> response, String id) {
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

    /** Why the coordinator at {@code base} gave no answer, in a few words. */
    String reason(URI base, Throwable failure) {
        if (failure instanceof HttpConnectTimeoutException) {
            return "no connection within " + seconds(connectTimeout);
        } else if (failure instanceof HttpTimeoutException) {
            return "no answer within " + seconds(answerTimeout);
        } else if (causedBy(failure, UnresolvedAddressException.class) || causedBy(failure, UnknownHostException.class)) {
            return "unknown host " + base.getHost();
        } else if (failure instanceof ConnectException) {
            return failure.getMessage() == null || failure.getMessage().toLowerCase(Locale.ROOT).contains("refused")
                    ? "connection refused" : failure.getMessage();
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
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

    static String detail(String body) {
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
