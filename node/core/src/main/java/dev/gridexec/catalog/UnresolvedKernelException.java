package dev.gridexec.catalog;

import dev.gridexec.wire.Problem;

/** A task's kernel that cannot be run: the problem names the field at fault ({@code kernel} or {@code artifact}). */
public final class UnresolvedKernelException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public UnresolvedKernelException(String path, String message) {
        super(path + ": " + message);
        this.problem = new Problem(path, message);
    }

    /** What is wrong, at which field. */
    public Problem problem() {
        return problem;
    }
}
