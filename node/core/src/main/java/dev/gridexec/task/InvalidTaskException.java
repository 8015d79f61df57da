package dev.gridexec.task;

import dev.gridexec.wire.Problem;
import java.util.List;
import java.util.stream.Collectors;

/** A task that must not run, with every problem found in it. */
public final class InvalidTaskException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public InvalidTaskException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")), null, false, false);
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in document order. */
    public List<Problem> problems() {
        return problems;
    }
}
