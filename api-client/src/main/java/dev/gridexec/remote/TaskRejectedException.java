package dev.gridexec.remote;

import dev.gridexec.wire.Problem;
import java.net.URI;
import java.util.List;

/** The coordinator found the task invalid (HTTP 400) and said why. */
public final class TaskRejectedException extends CoordinatorException implements Rejection {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    TaskRejectedException(URI coordinator, List<Problem> problems) {
        super(coordinator, "the coordinator rejected the task: " + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s"), null);
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in the order the coordinator gave them. */
    @Override
    public List<Problem> problems() {
        return problems;
    }
}
