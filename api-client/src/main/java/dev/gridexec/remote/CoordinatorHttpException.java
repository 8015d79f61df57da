package dev.gridexec.remote;

import java.net.URI;

/** The coordinator answered, but not as the API says: an unexpected status, or a body that is not what it should be. */
public final class CoordinatorHttpException extends CoordinatorException {

    private static final long serialVersionUID = 1L;

    private final int status;

    CoordinatorHttpException(URI coordinator, int status, String detail, Throwable cause) {
        super(coordinator, "the coordinator at " + coordinator + " answered HTTP " + status + ": " + detail, cause);
        this.status = status;
    }

    /** The HTTP status it answered with. */
    public int status() {
        return status;
    }
}
