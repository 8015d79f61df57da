package dev.gridexec.store;

/**
 * The database of the {@code store} setting cannot be used: its message is one line for people, naming the setting and
 * the URL (its password hidden), without a stack trace.
 */
public final class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoreUnavailableException(String message) {
        super(message, null, false, false);
    }
}
