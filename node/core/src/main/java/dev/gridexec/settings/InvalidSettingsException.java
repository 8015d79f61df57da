package dev.gridexec.settings;

import java.util.List;

/** Settings that a process must not start with, with every problem found. */
public final class InvalidSettingsException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public InvalidSettingsException(List<String> problems) {
        super(String.join("; ", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    /**
     * Prints every problem for people and returns the exit code for bad settings (2).
     *
     * @param process {@code node} or {@code coordinator}, for the heading
     */
    public int report(String process, java.io.PrintWriter err) {
        err.println("error: invalid " + process + " settings:");
        problems.forEach(problem -> err.println("  " + problem));
        return 2;
    }

    /** Every problem, one line each. */
    public List<String> problems() {
        return problems;
    }
}
