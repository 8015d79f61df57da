package dev.gridexec.experiment;

import dev.gridexec.task.InvalidDocumentException;
import dev.gridexec.wire.Problem;
import java.util.List;

/** An experiment spec that must not run, with every problem found in it. */
public final class InvalidExperimentException extends InvalidDocumentException {

    private static final long serialVersionUID = 1L;

    public InvalidExperimentException(List<Problem> problems) {
        super(problems);
    }
}
