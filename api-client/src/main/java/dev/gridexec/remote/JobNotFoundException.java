package dev.gridexec.remote;

import java.net.URI;

/** The coordinator knows no job with this id (HTTP 404): never submitted, or expired after its retention. */
public final class JobNotFoundException extends CoordinatorException {

    private static final long serialVersionUID = 1L;

    private final String id;

    JobNotFoundException(URI coordinator, String id) {
        super(coordinator, "no job with id '" + id + "' at " + coordinator, null);
        this.id = id;
    }

    /** The id asked for. */
    public String id() {
        return id;
    }
}
