package dev.gridexec.remote;

import java.net.URI;

/** The coordinator's admission queue is full (HTTP 429): submit again after {@link #retryAfterSeconds()}. */
public final class CoordinatorBusyException extends CoordinatorException {

    private static final long serialVersionUID = 1L;

    private final int retryAfterSeconds;

    CoordinatorBusyException(URI coordinator, String detail, int retryAfterSeconds) {
        super(coordinator, "the coordinator at " + coordinator + " is not taking more jobs now (HTTP 429): " + detail
                + "; try again in " + retryAfterSeconds + " s, or submit with --retry", null);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** What the coordinator's {@code Retry-After} asked, in seconds (at least 1). */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
