package dev.gridexec.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gridexec.jobs.JobRecord;
import dev.gridexec.scheduler.JobProgress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.function.Function;

/**
 * One job's event stream ({@code GET /jobs/{id}/events}) being followed: bytes are parsed as they
 * arrive, {@code state} and {@code progress} events go to the listener, and the {@code end} event's
 * record is the outcome. {@link #close()} stops following from any thread; the job is left alone.
 */
public final class Following implements AutoCloseable {

    private final URI coordinator;
    private final String id;
    private final JobEvents events;
    private final CompletableFuture<Optional<JobRecord>> outcome = new CompletableFuture<>();
    private final SseParser parser = new SseParser(this::onEvent);
    private volatile Flow.Subscription subscription;
    private volatile CompletableFuture<?> exchange;

    Following(URI coordinator, String id, JobEvents events) {
        this.coordinator = coordinator;
        this.id = id;
        this.events = events;
    }

    /**
     * Waits for the stream to end.
     *
     * @return the final record from the {@code end} event; empty when the stream closed before it or
     *         {@link #close()} was called
     */
    public Optional<JobRecord> await() throws CoordinatorException, InterruptedException {
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CoordinatorException failure) {
                throw failure;
            }
            if (cause instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Stops following: {@link #await()} returns empty at once, and the connection is dropped. */
    @Override
    public void close() {
        outcome.complete(Optional.empty());
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
        CompletableFuture<?> running = exchange;
        if (running != null) {
            running.cancel(true);
        }
    }

    void fail(CoordinatorException failure) {
        outcome.completeExceptionally(failure);
    }

    /** Ties the HTTP exchange to the outcome: a failure to connect or an error status ends it, as does the stream closing. */
    void attach(CompletableFuture<HttpResponse<String>> response,
            Function<HttpResponse<String>, CoordinatorException> errorStatus,
            Function<Throwable, CoordinatorException> unreachable) {
        exchange = response;
        response.whenComplete((answer, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                outcome.completeExceptionally(unreachable.apply(cause));
            } else if (answer.statusCode() != 200) {
                outcome.completeExceptionally(errorStatus.apply(answer));
            } else {
                outcome.complete(Optional.empty());
            }
        });
        if (outcome.isDone()) {
            close();
        }
    }

    Flow.Subscriber<List<ByteBuffer>> subscriber() {
        return new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                if (outcome.isDone()) {
                    s.cancel();
                } else {
                    s.request(1);
                }
            }

            @Override
            public void onNext(List<ByteBuffer> buffers) {
                try {
                    for (ByteBuffer buffer : buffers) {
                        if (outcome.isDone()) {
                            break;
                        }
                        parser.feed(buffer);
                    }
                } catch (RuntimeException e) {
                    outcome.completeExceptionally(e);
                }
                if (outcome.isDone()) {
                    subscription.cancel();
                } else {
                    subscription.request(1);
                }
            }

            @Override
            public void onError(Throwable failure) {
                outcome.complete(Optional.empty()); // the connection broke mid-stream: the caller decides whether to look again
            }

            @Override
            public void onComplete() {
                outcome.complete(Optional.empty());
            }
        };
    }

    private void onEvent(SseEvent event) {
        if (outcome.isDone()) {
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
            outcome.completeExceptionally(new CoordinatorHttpException(coordinator, 200,
                    "unreadable '" + event.type() + "' event for job " + id + ": " + e.getOriginalMessage(), e));
        }
    }
}
