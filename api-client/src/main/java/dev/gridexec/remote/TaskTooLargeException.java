package dev.gridexec.remote;

import java.net.URI;

/** The task document is larger than the coordinator accepts (HTTP 413). */
public final class TaskTooLargeException extends CoordinatorException {

    private static final long serialVersionUID = 1L;

    TaskTooLargeException(URI coordinator, int bytes) {
        super(coordinator, "the task (" + bytes + " bytes) is larger than the coordinator at " + coordinator
                + " accepts (HTTP 413)", null);
    }
}
