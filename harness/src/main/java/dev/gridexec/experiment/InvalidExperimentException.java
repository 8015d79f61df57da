package dev.gridexec.experiment;

import dev.gridexec.wire.Problem;
import java.util.List;
import java.util.stream.Collectors;

/** An experiment spec that must not run, with every problem found in it. */
public final class InvalidExperimentException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public InvalidExperimentException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")), null, false, false);
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in document order. */
    public List<Problem> problems() {
        return problems;
    }
}
