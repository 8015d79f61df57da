package dev.gridexec.remote;

import java.net.URI;

/** The coordinator asks for an API token and was sent none, or another (HTTP 401). */
public final class TokenRefusedException extends CoordinatorException {

    private static final long serialVersionUID = 1L;

    TokenRefusedException(URI coordinator, String detail) {
        super(coordinator, "the coordinator at " + coordinator + " answered HTTP 401: " + detail, null);
    }
}
