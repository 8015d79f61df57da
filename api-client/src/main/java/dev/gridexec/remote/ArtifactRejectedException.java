package dev.gridexec.remote;

import dev.gridexec.wire.Problem;
import java.net.URI;
import java.util.List;

/** The coordinator would not store a jar (HTTP 400: not a jar; HTTP 413: over its size limit) and said why. */
public final class ArtifactRejectedException extends CoordinatorException implements Rejection {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    ArtifactRejectedException(URI coordinator, int status, List<Problem> problems) {
        super(coordinator, "the coordinator at " + coordinator + " rejected the jar (HTTP " + status + ")", null);
        this.problems = List.copyOf(problems);
    }

    /** What the coordinator said is wrong. */
    @Override
    public List<Problem> problems() {
        return problems;
    }
}
