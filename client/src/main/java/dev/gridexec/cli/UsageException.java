package dev.gridexec.cli;

/** The command was used wrongly in a way picocli cannot see (no coordinator, a malformed URL): exit 2 with the message. */
final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message, null, false, false);
    }

    UsageException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
