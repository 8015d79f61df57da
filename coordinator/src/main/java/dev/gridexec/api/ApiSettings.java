package dev.gridexec.api;

/**
 * Where the coordinator's HTTP API listens and how much it accepts.
 *
 * @param host         the address to bind, {@value #DEFAULT_HOST} by default (loopback: no exposure beyond this machine)
 * @param port         the TCP port, 0 for an ephemeral one ({@link ApiVerticle#actualPort()} tells which)
 * @param maxBodyBytes the largest request body accepted; a larger one gets 413. {@value #DEFAULT_MAX_BODY_BYTES} by default
 * @param maxArtifactBytes the largest jar {@code POST /artifacts} accepts (its own limit); {@value #DEFAULT_MAX_ARTIFACT_BYTES} by default
 */
public record ApiSettings(String host, int port, long maxBodyBytes, long maxArtifactBytes) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final long DEFAULT_MAX_BODY_BYTES = 1L << 20;
    /** The most {@code maxBodyBytes} may be: the body is held in one buffer. */
    public static final long MAX_BODY_BYTES_LIMIT = 1L << 30;
    public static final long DEFAULT_MAX_ARTIFACT_BYTES = 64L << 20;

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
    }

    /** Settings with the default artifact limit. */
    public ApiSettings(String host, int port, long maxBodyBytes) {
        this(host, port, maxBodyBytes, DEFAULT_MAX_ARTIFACT_BYTES);
    }

    /** These settings with another artifact limit. */
    public ApiSettings withMaxArtifactBytes(long newMaxArtifactBytes) {
        return new ApiSettings(host, port, maxBodyBytes, newMaxArtifactBytes);
    }

    /** Loopback, an ephemeral port, a 1 MiB body limit, a 64 MiB artifact limit. */
    public static ApiSettings defaults() {
        return new ApiSettings(DEFAULT_HOST, 0, DEFAULT_MAX_BODY_BYTES);
    }

    /** These settings on another port. */
    public ApiSettings withPort(int newPort) {
        return new ApiSettings(host, newPort, maxBodyBytes, maxArtifactBytes);
    }

    /** These settings with another body limit. */
    public ApiSettings withMaxBodyBytes(long newMaxBodyBytes) {
        return new ApiSettings(host, port, newMaxBodyBytes, maxArtifactBytes);
    }
}
