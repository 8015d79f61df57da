package dev.gridexec.task;

import dev.gridexec.wire.Problem;
import java.util.List;

/** A task that must not run, with every problem found in it. */
public final class InvalidTaskException extends InvalidDocumentException {

    private static final long serialVersionUID = 1L;

    public InvalidTaskException(List<Problem> problems) {
        super(problems);
    }
}
