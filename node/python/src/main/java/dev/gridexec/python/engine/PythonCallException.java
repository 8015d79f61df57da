package dev.gridexec.python.engine;

/** What a task module's function raised (or a result that is not JSON), as one line naming the function and line. */
public final class PythonCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PythonCallException(String message) {
        super(message, null, false, false);
    }
}
