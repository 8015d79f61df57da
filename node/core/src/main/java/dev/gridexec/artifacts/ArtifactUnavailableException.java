package dev.gridexec.artifacts;

/** An artifact that cannot be used here: not in the store, not matching its hash, or not writable to disk. */
public final class ArtifactUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public ArtifactUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
