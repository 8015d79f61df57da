package dev.gridexec.remote;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * The HTTP exchanges of a {@link CoordinatorClient} with its cluster's coordinators: builds each request (answer
 * timeout, token, no redirects), sends it to the coordinator that answered last and on to the next, round robin,
 * as its {@link Resend} allows, and opens event streams. Thread-safe.
 */
final class CoordinatorTransport {

    /** Whether a request may be sent to another coordinator after it failed on one. */
    enum Resend {
        /** On any failure to get an answer: the request changes nothing when sent twice. */
        SAFE,
        /** Only when it surely did not reach the coordinator: a second one could do the work twice. */
        ONLY_UNSENT
    }

    /** An answer, with the coordinator that gave it. */
    record Answer(URI coordinator, HttpResponse<String> response) {
    }

    // the client's category: these lines say what its calls did
    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorClient.class);

    private final Coordinators coordinators;
    private final Optional<String> authorization;
    private final Duration answerTimeout;
    private final NoAnswer noAnswer;
    private final HttpClient http;
    /** The index of the coordinator that answered last: the next call goes there first. */
    private final AtomicInteger current = new AtomicInteger();

    /** Exchanges with {@code coordinators}, with {@code authorization} (a header value) on every request when present. */
    CoordinatorTransport(Coordinators coordinators, Optional<String> authorization, Duration connectTimeout, Duration answerTimeout) {
        this.coordinators = coordinators;
        this.authorization = authorization;
        this.answerTimeout = answerTimeout;
        this.noAnswer = new NoAnswer(connectTimeout, answerTimeout);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The URL of the coordinator that answered last (the first one given, before any call). */
    URI url() {
        return coordinators.urls().get(current.get());
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

    /** Why the coordinator at {@code base} gave no answer, in a few words. */
    String reason(URI base, Throwable failure) {
        return noAnswer.reason(base, failure);
    }

    /**
     * Opens job {@code id}'s event stream on {@code base}: when a 200's headers arrive, {@code onOpen} gives the
     * subscriber for its body; any other answer is read whole.
     */
    CompletableFuture<HttpResponse<String>> openEvents(URI base, String id, Supplier<Flow.Subscriber<List<ByteBuffer>>> onOpen) {
        HttpRequest request = request(base, JobPaths.jobPath(id, "/events")).header("Accept", "text/event-stream").GET().build();
        return http.sendAsync(request, info -> info.statusCode() == 200
                ? BodySubscribers.fromSubscriber(onOpen.get(), subscriber -> (String) null)
                : BodySubscribers.ofString(StandardCharsets.UTF_8));
    }

    /**
     * Sends the request to each coordinator in {@link #rotation()} order until one answers, as {@code resend}
     * allows; the answer may be any status but a 502/503 that sent it on.
     */
    Answer send(Resend resend, String path, UnaryOperator<HttpRequest.Builder> method)
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
                why = "HTTP " + status + ": " + ErrorAnswers.detail(response.body());
                lastCause = null;
            } catch (IOException e) {
                why = reason(base, e);
                lastCause = e;
                if (resend == Resend.ONLY_UNSENT && !NoAnswer.unsent(e)) {
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

    private HttpRequest.Builder request(URI base, String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(answerTimeout)
                .header("Accept", "application/json")
                .header("User-Agent", "gridexec-client");
        authorization.ifPresent(value -> builder.header("Authorization", value));
        return builder;
    }
}
