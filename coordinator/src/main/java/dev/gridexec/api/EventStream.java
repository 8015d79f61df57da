package dev.gridexec.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.scheduler.JobListener;
import dev.gridexec.scheduler.JobProgress;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's Server-Sent Events stream of one job: {@code state}, then throttled {@code progress}, then {@code end}.
 *
 * <p>The scheduler calls the {@link JobListener} methods on its own threads; they only record the latest
 * progress and hop to the verticle's context, where everything that touches the response runs. Progress is
 * coalesced: at most one {@code progress} event per {@value #PROGRESS_INTERVAL_MS} ms, and the latest one is
 * always sent before {@code end}. A client that goes away stops the following.
 */
final class EventStream implements JobListener {

    static final String CONTENT_TYPE = "text/event-stream";
    static final long PROGRESS_INTERVAL_MS = 100;
    static final long KEEP_ALIVE_MS = 15_000;

    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);

    private final Vertx vertx;
    private final Context context;
    private final HttpServerResponse response;
    private final String jobId;
    private final AtomicReference<JobProgress> latest = new AtomicReference<>();
    private final AtomicBoolean flushPending = new AtomicBoolean();

    // Confined to the context.
    private JobProgress sent;
    private long sentAtNanos;
    private long flushTimer = -1;
    private long keepAliveTimer = -1;
    private Runnable unsubscribe;
    private boolean closed;

    EventStream(Vertx vertx, Context context, HttpServerResponse response, String jobId) {
        this.vertx = vertx;
        this.context = context;
        this.response = response;
        this.jobId = jobId;
    }

    /** Sends the headers and the {@code state} event carrying the job's record (as JSON) as of now. */
    void open(byte[] stateJson) {
        response.setStatusCode(200)
                .setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        response.closeHandler(v -> close());
        if (response.closed()) { // the client left while the record was being fetched
            close();
            return;
        }
        write("state", stateJson);
        keepAliveTimer = vertx.setPeriodic(KEEP_ALIVE_MS, id -> {
            if (!closed) {
                response.write(": keep-alive\n\n");
            }
        });
    }

    /** Takes the handle that stops following the job; an empty one means the job is gone, so the stream ends. */
    void following(Optional<Runnable> handle) {
        if (handle.isEmpty()) {
            LOG.debug("job {} vanished before its events could be followed", jobId);
            if (!closed) {
                response.end();
                close();
            }
        } else if (closed) {
            stopFollowing(handle.get());
        } else {
            unsubscribe = handle.get();
        }
    }

    /** Whether the stream has ended, by the job's end or the client's going. */
    boolean closed() {
        return closed;
    }

    @Override
    public void progress(JobProgress progress) {
        latest.accumulateAndGet(progress, EventStream::newer);
        if (flushPending.compareAndSet(false, true)) {
            context.runOnContext(v -> scheduleFlush());
        }
    }

    @Override
    public void finished(JobRecord record) {
        byte[] json;
        try {
            json = Reply.JSON.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            LOG.error("job {}: its final record could not be written as JSON", jobId, e);
            context.runOnContext(v -> abort());
            return;
        }
        context.runOnContext(v -> end(json));
    }

    /** Ends the stream at once (after a failure): no {@code end} event. */
    void abort() {
        if (!closed) {
            response.reset();
            close();
        }
    }

    private void scheduleFlush() {
        if (closed) {
            return;
        }
        long wait = sent == null ? 0
                : PROGRESS_INTERVAL_MS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAtNanos);
        if (wait <= 0) {
            flush();
        } else {
            flushTimer = vertx.setTimer(wait, id -> {
                flushTimer = -1;
                flush();
            });
        }
    }

    private void flush() {
        flushPending.set(false);
        sendLatest();
    }

    private void sendLatest() {
        JobProgress progress = latest.get();
        if (closed || progress == null || progress == sent) {
            return;
        }
        sent = progress;
        sentAtNanos = System.nanoTime();
        try {
            write("progress", Reply.JSON.writeValueAsBytes(progress));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("progress could not be written as JSON", e);
        }
    }

    private void end(byte[] recordJson) {
        if (closed) {
            return;
        }
        sendLatest();
        write("end", recordJson);
        response.end();
        close();
    }

    private void write(String event, byte[] json) {
        Buffer buffer = Buffer.buffer(json.length + event.length() + 16)
                .appendString("event: ").appendString(event).appendString("\ndata: ")
                .appendBytes(json).appendString("\n\n");
        response.write(buffer);
    }

    private void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (flushTimer != -1) {
            vertx.cancelTimer(flushTimer);
        }
        if (keepAliveTimer != -1) {
            vertx.cancelTimer(keepAliveTimer);
        }
        if (unsubscribe != null) {
            stopFollowing(unsubscribe);
            unsubscribe = null;
        }
    }

    /** Runs an unsubscribe handle off the event loop: a cluster-backed service may block in it. */
    private void stopFollowing(Runnable handle) {
        context.executeBlocking(() -> {
            handle.run();
            return null;
        }, false).onFailure(e -> LOG.warn("job {}: could not stop following it: {}", jobId, e.toString()));
    }

    /** The later of two progress reports (listeners may be called out of order from several threads). */
    private static JobProgress newer(JobProgress old, JobProgress candidate) {
        if (old == null) {
            return candidate;
        }
        if (candidate.done() != old.done()) {
            return candidate.done() > old.done() ? candidate : old;
        }
        if (candidate.retried() != old.retried()) {
            return candidate.retried() > old.retried() ? candidate : old;
        }
        return candidate.elapsedMs() >= old.elapsedMs() ? candidate : old;
    }
}
