package dev.gridexec.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gridexec.artifacts.ArtifactInfo;
import dev.gridexec.wire.NodeInfo;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.remote.CoordinatorTransport.Answer;
import dev.gridexec.remote.CoordinatorTransport.Resend;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;


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

    private static final TypeReference<List<NodeInfo>> NODE_LIST = new TypeReference<>() {
    };

    private final Coordinators coordinators;
    private final Following.Patience patience;
    private final CoordinatorTransport transport;

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
        this.patience = patience;
        this.transport = new CoordinatorTransport(coordinators, token.map(t -> "Bearer " + t), connectTimeout, answerTimeout);
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
        return transport.url();
    }

    /** Every coordinator this client may talk to, in the order given. */
    public Coordinators coordinators() {
        return coordinators;
    }

    /** {@code POST /jobs}: submits a task.json document; returns the accepted job's record. */
    public JobRecord submit(byte[] task) throws CoordinatorException, InterruptedException {
        Answer answer = transport.send(Resend.ONLY_UNSENT, "/jobs", b -> b
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(task)));
        HttpResponse<String> response = answer.response();
        switch (response.statusCode()) {
            case 400 -> throw new TaskRejectedException(answer.coordinator(), ErrorAnswers.problems(response.body()));
            case 413 -> throw new TaskTooLargeException(answer.coordinator(), task.length);
            case 429 -> throw new CoordinatorBusyException(answer.coordinator(), ErrorAnswers.detail(response.body()),
                    ErrorAnswers.retryAfter(response));
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
        Answer answer = transport.send(Resend.SAFE, "/artifacts", b -> b
                .header("Content-Type", "application/java-archive")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jar)));
        int status = answer.response().statusCode();
        if (status == 400 || status == 413) {
            throw new ArtifactRejectedException(answer.coordinator(), status, ErrorAnswers.problems(answer.response().body()));
        }
        return read(answer, ArtifactInfo.class, null);
    }

    /** {@code GET /jobs/{id}}: the job's record as of now. */
    public JobRecord job(String id) throws CoordinatorException, InterruptedException {
        requireId(id);
        return read(transport.send(Resend.SAFE, JobPaths.jobPath(id, ""), HttpRequest.Builder::GET), JobRecord.class, id);
    }

    /**
     * {@code GET /jobs/{id}/result}: the result of a job that SUCCEEDED, also one too large for its record (kept apart:
     * the record's {@code resultStored}).
     *
     * @throws JobNotFoundException     when the coordinator knows no such job
     * @throws CoordinatorHttpException when the job has no result (409: not ended, failed, cancelled) or its result is
     *                                  no longer kept (404), saying so
     */
    public JsonNode result(String id) throws CoordinatorException, InterruptedException {
        requireId(id);
        Answer answer = transport.send(Resend.SAFE, JobPaths.jobPath(id, "/result"), HttpRequest.Builder::GET);
        HttpResponse<String> response = answer.response();
        if (response.statusCode() == 409 || (response.statusCode() == 404 && !ErrorAnswers.detail(response.body()).contains("no job with id"))) {
            throw new CoordinatorHttpException(answer.coordinator(), response.statusCode(), ErrorAnswers.detail(response.body()), null);
        }
        return read(answer, JsonNode.class, id);
    }

    /**
     * {@code record} as if its result had stayed in it: a result kept apart ({@code resultStored}) is fetched with
     * {@link #result}; any other record is returned as it is.
     */
    public JobRecord withResult(JobRecord record) throws CoordinatorException, InterruptedException {
        return record.resultStored() == null || record.result() != null ? record : record.withResult(result(record.id()));
    }

    /**
     * {@code GET /jobs?limit=N&after=CURSOR}: one page of the jobs the coordinator keeps, newest first, without
     * their results.
     *
     * @param after the previous page's {@code next}, null for the first page
     */
    public JobList jobs(int limit, String after) throws CoordinatorException, InterruptedException {
        String query = "/jobs?limit=" + limit + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
        return read(transport.send(Resend.SAFE, query, HttpRequest.Builder::GET), JobList.class, null);
    }

    /** {@code DELETE /jobs/{id}}: cancels the job (no effect once it has ended); returns its record. */
    public JobRecord cancel(String id) throws CoordinatorException, InterruptedException {
        requireId(id);
        return read(transport.send(Resend.SAFE, JobPaths.jobPath(id, ""), HttpRequest.Builder::DELETE), JobRecord.class, id);
    }

    /** {@code GET /nodes}: the members that run chunks, with capacity and load. */
    public List<NodeInfo> nodes() throws CoordinatorException, InterruptedException {
        return read(transport.send(Resend.SAFE, "/nodes", HttpRequest.Builder::GET), NODE_LIST, null);
    }

    /**
     * {@code GET /jobs/{id}/events}: starts following the job and returns at once; {@link Following#await()}
     * waits for its end. Failures (unknown job, no coordinator reachable) come out of {@code await}.
     */
    public Following follow(String id, JobEvents events) {
        Following following = new Following(transport, id, events, patience);
        if (id.isBlank()) {
            following.fail(new JobNotFoundException(url(), id));
            return following;
        }
        following.start();
        return following;
    }

    private void requireId(String id) throws JobNotFoundException {
        if (id.isBlank()) {
            throw new JobNotFoundException(url(), id);
        }
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
            throw ErrorAnswers.failure(answer.coordinator(), response, id);
        }
        try {
            return WireJson.MAPPER.readValue(response.body(), type);
        } catch (JsonProcessingException e) {
            throw new CoordinatorHttpException(answer.coordinator(), response.statusCode(), "unreadable answer to "
                    + response.request().method() + " " + response.uri().getRawPath() + ": " + e.getOriginalMessage(), e);
        }
    }
}
