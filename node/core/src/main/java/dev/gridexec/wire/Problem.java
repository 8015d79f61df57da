package dev.gridexec.wire;

/**
 * One thing wrong with a submitted document.
 *
 * @param path    where: a field path such as {@code params.limit}, or {@code $} for the document itself
 * @param message what is wrong, e.g. {@code must be between 2 and 10^12, got -5}
 */
public record Problem(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
