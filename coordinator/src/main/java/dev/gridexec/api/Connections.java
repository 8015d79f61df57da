package dev.gridexec.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's open connections: a connection with no request in flight for the idle timeout is closed (a request
 * in flight, an event stream included, keeps it open), and when more than the limit are open the one idle the
 * longest is closed to make room (with none idle, the new one is). So idle sockets, however many a client opens,
 * hold at most the limit of file descriptors and never keep a real request out.
 *
 * <p>Everything here runs on the API verticle's event loop; the state needs no locks.
 */
final class Connections {

    private static final Logger LOG = LoggerFactory.getLogger(Connections.class);

    private final Map<HttpConnection, State> open = new IdentityHashMap<>();
    private final long idleNanos;
    private final int limit;
    private final Vertx vertx;
    private long timer = -1;

    /** One connection's requests in flight and since when it has had none. */
    private static final class State {
        int inFlight;
        long idleSince;

        State(long now) {
            idleSince = now;
        }
    }

    Connections(Vertx vertx, Duration idleTimeout, int limit) {
        this.vertx = vertx;
        this.idleNanos = idleTimeout.toNanos();
        this.limit = limit;
    }

    /** Starts closing idle connections; call once, on the verticle's context. */
    void start() {
        long every = Math.max(50, Math.min(5_000, TimeUnit.NANOSECONDS.toMillis(idleNanos) / 4));
        timer = vertx.setPeriodic(every, id -> closeIdle());
    }

    /** The number of connections open now (for tests and logs). */
    int size() {
        return open.size();
    }

    /** A new connection: counted, and room made for it when the limit is reached. */
    void opened(HttpConnection connection) {
        long now = System.nanoTime();
        open.put(connection, new State(now));
        connection.closeHandler(v -> open.remove(connection));
        if (open.size() <= limit) {
            return;
        }
        HttpConnection oldest = null;
        long oldestSince = Long.MAX_VALUE;
        for (Map.Entry<HttpConnection, State> entry : open.entrySet()) {
            State state = entry.getValue();
            if (entry.getKey() != connection && state.inFlight == 0 && state.idleSince < oldestSince) {
                oldest = entry.getKey();
                oldestSince = state.idleSince;
            }
        }
        HttpConnection victim = oldest != null ? oldest : connection;
        LOG.debug("{} connections open, the limit is {}: closing {} (idle {} ms)", open.size(), limit,
                victim == connection ? "the new one, none being idle" : "the one idle the longest",
                TimeUnit.NANOSECONDS.toMillis(now - oldestSince));
        open.remove(victim);
        victim.close();
    }

    /** The first handler of every routed request: the connection is busy until the response has ended or failed. */
    void track(RoutingContext ctx) {
        State state = open.get(ctx.request().connection());
        if (state != null) {
            state.inFlight++;
            ctx.addEndHandler(done -> {
                state.inFlight--;
                state.idleSince = System.nanoTime();
            });
        }
        ctx.next();
    }

    private void closeIdle() {
        long now = System.nanoTime();
        open.entrySet().removeIf(entry -> {
            State state = entry.getValue();
            if (state.inFlight == 0 && now - state.idleSince > idleNanos) {
                entry.getKey().close();
                return true;
            }
            return false;
        });
    }
}
