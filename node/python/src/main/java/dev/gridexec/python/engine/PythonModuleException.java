package dev.gridexec.python.engine;

/** A Python module that cannot serve as a kernel: it does not compile, raises while loading, or lacks a function. */
public final class PythonModuleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PythonModuleException(String message) {
        super(message, null, false, false);
    }
}
