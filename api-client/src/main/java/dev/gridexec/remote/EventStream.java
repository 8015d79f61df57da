package dev.gridexec.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.scheduler.JobProgress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;

/**
 * One attempt of a {@link Following} at a job's event stream, on one coordinator: opens it, feeds its bytes to an
 * {@link SseParser}, hands {@code state} and {@code progress} events to the listener and the {@code end} event's
 * record to the outcome, and tells its {@link Following} when the coordinator did not serve it or the stream broke off.
 * Once the outcome is done or the {@link Following} has moved to another attempt, it is stale and does nothing more.
 */
final class EventStream {

    private final Following following;
    private final CoordinatorTransport transport;
    private final String id;
    private final JobEvents events;
    private final CompletableFuture<Optional<JobRecord>> outcome;
    private final URI base;
    private final SseParser parser = new SseParser(this::onEvent);
    private volatile boolean streaming;
    private volatile long openedNanos;
    private volatile Flow.Subscription subscription;
    private volatile CompletableFuture<?> exchange;

    EventStream(Following following, CoordinatorTransport transport, String id, JobEvents events,
            CompletableFuture<Optional<JobRecord>> outcome, URI base) {
        this.following = following;
        this.transport = transport;
        this.id = id;
        this.events = events;
        this.outcome = outcome;
        this.base = base;
    }

    /** The coordinator this attempt is on. */
    URI base() {
        return base;
    }

    /** When the stream's headers arrived (a 200): it is streaming since. */
    long openedNanos() {
        return openedNanos;
    }

    /** Sends the request; the answer, or the stream's bytes, come back on the HTTP client's threads. */
    void open() {
        CompletableFuture<HttpResponse<String>> response = transport.openEvents(base, id, () -> {
            streaming = true;
            openedNanos = System.nanoTime();
            following.onOpen(this);
            return subscriber();
        });
        exchange = response;
        response.whenComplete(this::answered);
        if (outcome.isDone()) {
            cancel();
        }
    }

    /** Drops the stream, or the request still waiting for its answer. */
    void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        CompletableFuture<?> running = exchange;
        if (running != null) {
            running.cancel(true);
        }
    }

    private boolean stale() {
        return outcome.isDone() || !following.isCurrent(this);
    }

    /** The exchange is over: a failure to connect or an answer other than the stream (the stream's own end is the subscriber's). */
    private void answered(HttpResponse<String> answer, Throwable failure) {
        if (stale()) {
            return;
        }
        if (streaming) {
            if (failure != null) {
                following.onBreak(this, cause(failure));
            }
            return;
        }
        if (failure != null) {
            Throwable cause = cause(failure);
            following.moveOn(this, transport.reason(base, cause), cause);
        } else if (CoordinatorTransport.unavailable(answer.statusCode())) {
            following.moveOn(this, "HTTP " + answer.statusCode() + ": " + ErrorAnswers.detail(answer.body()), null);
        } else if (answer.statusCode() == 404 && following.hasSwitched()) {
            following.onNotFound(this, answer);
        } else {
            outcome.completeExceptionally(ErrorAnswers.failure(base, answer, id));
        }
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private Flow.Subscriber<List<ByteBuffer>> subscriber() {
        return new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                if (stale()) {
                    s.cancel();
                } else {
                    s.request(1);
                }
            }

            @Override
            public void onNext(List<ByteBuffer> buffers) {
                try {
                    for (ByteBuffer buffer : buffers) {
                        if (stale()) {
                            break;
                        }
                        parser.feed(buffer);
                    }
                } catch (RuntimeException e) {
                    outcome.completeExceptionally(e);
                }
                if (stale()) {
                    subscription.cancel();
                } else {
                    subscription.request(1);
                }
            }

            @Override
            public void onError(Throwable failure) {
                following.onBreak(EventStream.this, failure); // its coordinator went away mid-stream
            }

            @Override
            public void onComplete() {
                if (!stale()) {
                    outcome.complete(Optional.empty()); // closed cleanly before the end: the caller looks at the job
                }
            }
        };
    }

    private void onEvent(SseEvent event) {
        if (stale()) {
            return;
        }
        try {
            switch (event.type()) {
                case "state" -> events.state(WireJson.MAPPER.readValue(event.data(), JobRecord.class));
                case "progress" -> events.progress(WireJson.MAPPER.readValue(event.data(), JobProgress.class));
                case "end" -> outcome.complete(Optional.of(WireJson.MAPPER.readValue(event.data(), JobRecord.class)));
                default -> {
                    // an event this client does not know yet
                }
            }
        } catch (JsonProcessingException e) {
            outcome.completeExceptionally(new CoordinatorHttpException(base, 200,
                    "unreadable '" + event.type() + "' event for job " + id + ": " + e.getOriginalMessage(), e));
        }
    }
}
