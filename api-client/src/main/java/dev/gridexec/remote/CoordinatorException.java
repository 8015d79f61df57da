package dev.gridexec.remote;

import java.net.URI;

/** Why a call to the coordinator did not give what was asked: one subclass per way it can go wrong. */
public abstract sealed class CoordinatorException extends Exception
        permits TaskRejectedException, JobNotFoundException, TaskTooLargeException, CoordinatorHttpException,
        CoordinatorUnreachableException, TokenRefusedException, ArtifactRejectedException, CoordinatorBusyException {

    private static final long serialVersionUID = 1L;

    private final URI coordinator;

    CoordinatorException(URI coordinator, String message, Throwable cause) {
        super(message, cause);
        this.coordinator = coordinator;
    }

    /** The coordinator's URL. */
    public URI coordinator() {
        return coordinator;
    }
}
