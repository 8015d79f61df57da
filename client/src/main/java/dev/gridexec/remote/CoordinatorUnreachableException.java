package dev.gridexec.remote;

import java.net.URI;

/** No answer from the coordinator: connection refused, unknown host, a timeout, or the connection lost. */
public final class CoordinatorUnreachableException extends CoordinatorException {

    private static final long serialVersionUID = 1L;

    CoordinatorUnreachableException(URI coordinator, String reason, Throwable cause) {
        super(coordinator, "cannot reach the coordinator at " + coordinator + ": " + reason, cause);
    }
}
