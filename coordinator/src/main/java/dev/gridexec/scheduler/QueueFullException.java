package dev.gridexec.scheduler;

/** The admission queue holds as many jobs or chunks as the coordinator's settings allow: submit again later. */
public final class QueueFullException extends RuntimeException {

    private final int retryAfterSeconds;

    public QueueFullException(String message, int retryAfterSeconds) {
        super(message, null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** When to try again, in seconds ({@code Retry-After}). */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
