package dev.gridexec.remote;

import dev.gridexec.wire.JobRecord;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job's event stream ({@code GET /jobs/{id}/events}) being followed: bytes are parsed as they
 * arrive, {@code state} and {@code progress} events go to the listener, and the {@code end} event's
 * record is the outcome. {@link #close()} stops following from any thread; the job is left alone.
 *
 * <p>Following goes on across the client's coordinators. The stream is opened on the coordinator that answered
 * last, else on the next that can be reached. When an open stream breaks off without an {@code end} (its
 * coordinator died or was stopped), it is opened again on the next coordinator (at once when it had been open a
 * while, else after a back-off), and then, round after round, on each in turn with a back-off between rounds
 * (100 ms doubling to {@link Patience#maxBackoff()}), until one answers; no coordinator answering for {@link Patience#giveUp()} ends it with
 * {@link CoordinatorUnreachableException} naming every URL. The listener hears the new stream's events as it did
 * the old one's (its first {@code state} says how far the job got), and the outcome is the {@code end} of
 * whichever coordinator sends it. Once following has moved from one coordinator to another, a 404 for the job is
 * taken for a record not visible there yet and asked again for {@link Patience#notFoundGrace()}. Before any
 * stream opened, each coordinator is tried once, as for any other call. A stream that ends cleanly without an
 * {@code end} (a proxy's idle limit) is not opened again here: {@link #await()} returns empty and the caller
 * looks at the job.
 */
public final class Following implements AutoCloseable {

    /** How long following waits for the coordinators: {@link #DEFAULT} in use, shorter in tests. */
    record Patience(Duration giveUp, Duration notFoundGrace, Duration maxBackoff) {
        static final Patience DEFAULT = new Patience(Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    private static final Logger LOG = LoggerFactory.getLogger(Following.class);
    private static final long FIRST_BACKOFF_MS = 100;
    /** A stream open this long was healthy: when it breaks, the back-off starts afresh. */
    private static final long HEALTHY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final CoordinatorTransport transport;
    private final String id;
    private final JobEvents events;
    private final Patience patience;
    private final CompletableFuture<Optional<JobRecord>> outcome = new CompletableFuture<>();
    private volatile EventStream current;

    // guarded by this
    private List<URI> order = List.of();
    private int next;
    private int rounds;
    private final Map<URI, String> failures = new LinkedHashMap<>();
    private Throwable lastCause;
    private boolean opened;
    private boolean switched;
    private long lastAnswerNanos;
    private long notFoundSinceNanos = -1;
    private CoordinatorException notFound;

    Following(CoordinatorTransport transport, String id, JobEvents events, Patience patience) {
        this.transport = transport;
        this.id = id;
        this.events = events;
        this.patience = patience;
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
        EventStream stream = current;
        if (stream != null) {
            stream.cancel();
        }
    }

    void fail(CoordinatorException failure) {
        outcome.completeExceptionally(failure);
    }

    /** Opens the stream on the coordinator that answered last, or the next that can be reached. */
    synchronized void start() {
        order = transport.rotation();
        next = 0;
        lastAnswerNanos = System.nanoTime();
        openNext();
    }

    /** Opens the stream on the next coordinator of this round; at the round's end, decides whether to go round again. */
    private synchronized void openNext() {
        if (outcome.isDone()) {
            return;
        }
        if (next < order.size()) {
            EventStream stream = new EventStream(this, transport, id, events, outcome, order.get(next++));
            current = stream;
            stream.open();
            return;
        }
        long now = System.nanoTime();
        boolean waitingForRecord = notFoundSinceNanos >= 0;
        if (waitingForRecord && now - notFoundSinceNanos >= patience.notFoundGrace().toNanos()) {
            outcome.completeExceptionally(notFound); // the grace bounds the wait, whatever the others answer
            return;
        }
        if (!opened && !waitingForRecord) {
            outcome.completeExceptionally(CoordinatorUnreachableException.all("", failures, lastCause));
            return;
        }
        if (opened && !waitingForRecord && now - lastAnswerNanos >= patience.giveUp().toNanos()) {
            outcome.completeExceptionally(CoordinatorUnreachableException.all("following job " + id + ", no coordinator answered for "
                    + patience.giveUp().toSeconds() + " s: ", failures, lastCause));
            return;
        }
        next = 0; // the same order again: each in turn
        CompletableFuture.delayedExecutor(backoff(), TimeUnit.MILLISECONDS).execute(this::openNext);
    }

    /** The wait before the next round: 100 ms, doubling up to the patience's most. */
    private long backoff() {
        long wait = Math.min(patience.maxBackoff().toMillis(), FIRST_BACKOFF_MS << Math.min(rounds, 20));
        rounds++;
        return wait;
    }

    /** {@code stream}'s coordinator did not serve it: note why and try the next one. */
    synchronized void moveOn(EventStream stream, String why, Throwable cause) {
        if (outcome.isDone() || current != stream) {
            return;
        }
        failures.put(stream.base(), why);
        lastCause = cause;
        switched = true;
        String then = next < order.size() ? "trying " + order.get(next) : "trying them all again";
        LOG.info("following job {} on {}: {}; {}", id, stream.base(), why, then);
        openNext();
    }

    /** Headers of a 200 came from {@code stream}'s coordinator: it answers. */
    synchronized void onOpen(EventStream stream) {
        opened = true;
        lastAnswerNanos = System.nanoTime();
        notFoundSinceNanos = -1;
        failures.clear();
        transport.answered(stream.base());
    }

    /**
     * {@code stream} broke off without an {@code end}: go on with the next coordinator, at once when the stream had
     * been healthy, else after a back-off (coordinators that open the stream and drop it at once are not hammered).
     */
    synchronized void onBreak(EventStream stream, Throwable cause) {
        if (outcome.isDone() || current != stream) {
            return;
        }
        String why = "the event stream broke off (" + transport.reason(stream.base(), cause) + ")";
        failures.put(stream.base(), why);
        lastCause = cause;
        switched = true;
        List<URI> rotation = new ArrayList<>(transport.rotation());
        rotation.remove(stream.base());
        rotation.add(stream.base());
        order = rotation;
        next = 0;
        boolean healthy = System.nanoTime() - stream.openedNanos() >= HEALTHY_NANOS;
        if (healthy) {
            rounds = 0;
        }
        long wait = healthy ? 0 : backoff();
        LOG.info("following job {} on {}: {}; trying {}{}", id, stream.base(), why, order.get(0), wait == 0 ? "" : " in " + wait + " ms");
        if (wait == 0) {
            openNext();
        } else {
            CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS).execute(this::openNext);
        }
    }

    /** A 404 for the job from {@code stream}'s coordinator after a switch: wait for its record there a little. */
    synchronized void onNotFound(EventStream stream, HttpResponse<String> answer) {
        long now = System.nanoTime();
        if (notFoundSinceNanos < 0) {
            notFoundSinceNanos = now;
        }
        notFound = ErrorAnswers.failure(stream.base(), answer, id);
        if (now - notFoundSinceNanos >= patience.notFoundGrace().toNanos()) {
            outcome.completeExceptionally(notFound);
            return;
        }
        moveOn(stream, "no job " + id + " there yet", null);
    }

    synchronized boolean hasSwitched() {
        return switched;
    }

    /** Whether {@code stream} is the attempt now followed (not yet replaced by another). */
    boolean isCurrent(EventStream stream) {
        return current == stream;
    }
}
