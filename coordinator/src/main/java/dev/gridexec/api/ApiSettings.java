package dev.gridexec.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the coordinator's HTTP API listens, how much it accepts, and the token it asks for.
 *
 * @param host             the address to bind, {@value #DEFAULT_HOST} by default (loopback: no exposure beyond this machine)
 * @param port             the TCP port, 0 for an ephemeral one ({@link ApiVerticle#actualPort()} tells which)
 * @param maxBodyBytes     the largest request body accepted; a larger one gets 413. {@value #DEFAULT_MAX_BODY_BYTES} by default
 * @param maxArtifactBytes the largest jar {@code POST /artifacts} accepts (its own limit); {@value #DEFAULT_MAX_ARTIFACT_BYTES} by default
 * @param token            when present, every route but {@code /health/live} and {@code /health/ready} needs
 *                         {@code Authorization: Bearer <token>} (401 otherwise); none by default
 * @param idleTimeout      how long a connection with no request in flight stays open; an event stream is never idle.
 *                         {@link #DEFAULT_IDLE_TIMEOUT} by default
 * @param maxConnections   the most connections open at once; one more closes the connection idle the longest (or,
 *                         with none idle, is itself closed). {@value #DEFAULT_MAX_CONNECTIONS} by default
 * @param taskLimits       how much one task may ask for; {@link TaskLimits#defaults()} by default
 * @param liveTimeout      how long {@code /health/live} waits for a probe task on the API's worker pool before it
 *                         answers 503 DOWN (the pool is wedged: let the orchestrator restart the process);
 *                         {@link #DEFAULT_LIVE_TIMEOUT} by default
 */
public record ApiSettings(String host, int port, long maxBodyBytes, long maxArtifactBytes, Optional<ApiToken> token,
                          Duration idleTimeout, int maxConnections, TaskLimits taskLimits, Duration liveTimeout) {

    public static final Duration DEFAULT_LIVE_TIMEOUT = Duration.ofSeconds(4); // inside the coordinator liveness probe's 5 s timeout (k8s/base)

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final long DEFAULT_MAX_BODY_BYTES = 1L << 20;
    public static final long DEFAULT_MAX_ARTIFACT_BYTES = 64L << 20;
    /** The most {@code maxBodyBytes} may be: the body is held in one buffer. */
    public static final long MAX_BODY_BYTES_LIMIT = 1L << 30;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;
    /** The most {@code maxConnections} may be. */
    public static final int MAX_CONNECTIONS_LIMIT = 1_000_000;

    public ApiSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (maxBodyBytes < 1 || maxBodyBytes > MAX_BODY_BYTES_LIMIT) {
            throw new IllegalArgumentException("maxBodyBytes must be between 1 and " + MAX_BODY_BYTES_LIMIT + ", got " + maxBodyBytes);
        }
        if (maxArtifactBytes < 1 || maxArtifactBytes > MAX_BODY_BYTES_LIMIT) {
            throw new IllegalArgumentException("maxArtifactBytes must be between 1 and " + MAX_BODY_BYTES_LIMIT + ", got " + maxArtifactBytes);
        }
        Objects.requireNonNull(token, "token must be Optional.empty() for none, not null");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(taskLimits, "taskLimits");
        Objects.requireNonNull(liveTimeout, "liveTimeout");
        if (liveTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("liveTimeout must be at least 1 ms, got " + liveTimeout);
        }
        if (idleTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("idleTimeout must be at least 1 ms, got " + idleTimeout);
        }
        if (maxConnections < 1 || maxConnections > MAX_CONNECTIONS_LIMIT) {
            throw new IllegalArgumentException("maxConnections must be between 1 and " + MAX_CONNECTIONS_LIMIT + ", got " + maxConnections);
        }
    }

    /** The default liveness timeout. */
    public ApiSettings(String host, int port, long maxBodyBytes, long maxArtifactBytes, Optional<ApiToken> token,
                       Duration idleTimeout, int maxConnections, TaskLimits taskLimits) {
        this(host, port, maxBodyBytes, maxArtifactBytes, token, idleTimeout, maxConnections, taskLimits, DEFAULT_LIVE_TIMEOUT);
    }

    /** The default idle timeout and connection limit. */
    public ApiSettings(String host, int port, long maxBodyBytes, long maxArtifactBytes, Optional<ApiToken> token) {
        this(host, port, maxBodyBytes, maxArtifactBytes, token, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_CONNECTIONS, TaskLimits.defaults());
    }

    /** The default artifact limit, no token. */
    public ApiSettings(String host, int port, long maxBodyBytes) {
        this(host, port, maxBodyBytes, DEFAULT_MAX_ARTIFACT_BYTES, Optional.empty());
    }

    /** The default artifact limit. */
    public ApiSettings(String host, int port, long maxBodyBytes, Optional<ApiToken> token) {
        this(host, port, maxBodyBytes, DEFAULT_MAX_ARTIFACT_BYTES, token);
    }

    /** No token. */
    public ApiSettings(String host, int port, long maxBodyBytes, long maxArtifactBytes) {
        this(host, port, maxBodyBytes, maxArtifactBytes, Optional.empty());
    }

    /** Loopback, an ephemeral port, a 1 MiB body limit, a 64 MiB artifact limit, no token. */
    public static ApiSettings defaults() {
        return new ApiSettings(DEFAULT_HOST, 0, DEFAULT_MAX_BODY_BYTES);
    }

    /** These settings on another port. */
    public ApiSettings withPort(int newPort) {
        return new ApiSettings(host, newPort, maxBodyBytes, maxArtifactBytes, token, idleTimeout, maxConnections, taskLimits, liveTimeout);
    }

    /** These settings with another body limit. */
    public ApiSettings withMaxBodyBytes(long newMaxBodyBytes) {
        return new ApiSettings(host, port, newMaxBodyBytes, maxArtifactBytes, token, idleTimeout, maxConnections, taskLimits, liveTimeout);
    }

    /** These settings with another artifact limit. */
    public ApiSettings withMaxArtifactBytes(long newMaxArtifactBytes) {
        return new ApiSettings(host, port, maxBodyBytes, newMaxArtifactBytes, token, idleTimeout, maxConnections, taskLimits, liveTimeout);
    }

    /** These settings asking for this token. */
    public ApiSettings withToken(ApiToken newToken) {
        return new ApiSettings(host, port, maxBodyBytes, maxArtifactBytes, Optional.of(newToken), idleTimeout, maxConnections, taskLimits, liveTimeout);
    }

    /** These settings with another idle timeout and connection limit. */
    public ApiSettings withConnections(Duration newIdleTimeout, int newMaxConnections) {
        return new ApiSettings(host, port, maxBodyBytes, maxArtifactBytes, token, newIdleTimeout, newMaxConnections, taskLimits, liveTimeout);
    }

    /** These settings with other task limits. */
    public ApiSettings withTaskLimits(TaskLimits newTaskLimits) {
        return new ApiSettings(host, port, maxBodyBytes, maxArtifactBytes, token, idleTimeout, maxConnections, newTaskLimits, liveTimeout);
    }

    /** These settings with another liveness timeout. */
    public ApiSettings withLiveTimeout(Duration newLiveTimeout) {
        return new ApiSettings(host, port, maxBodyBytes, maxArtifactBytes, token, idleTimeout, maxConnections, taskLimits, newLiveTimeout);
    }

    /** Says whether a token is set, never which. */
    @Override
    public String toString() {
        return "ApiSettings[host=" + host + ", port=" + port + ", maxBodyBytes=" + maxBodyBytes
                + ", maxArtifactBytes=" + maxArtifactBytes + ", token=" + (token.isPresent() ? "(set)" : "(none)")
                + ", idleTimeout=" + idleTimeout + ", maxConnections=" + maxConnections + ", taskLimits=" + taskLimits + ", liveTimeout=" + liveTimeout + "]";
    }
}
