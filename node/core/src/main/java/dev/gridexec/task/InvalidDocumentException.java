package dev.gridexec.task;

import dev.gridexec.wire.Problem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A JSON document (a task, an experiment spec) that must not be used, with every problem found in it; the message
 * lists them all. No stack trace: where the document was read is of no use to whoever wrote it.
 */
public abstract class InvalidDocumentException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    protected InvalidDocumentException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")), null, false, false);
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in document order. */
    public List<Problem> problems() {
        return problems;
    }
}
