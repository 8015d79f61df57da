package dev.gridexec.artifacts;

/**
 * Where uploaded kernel jars are kept, each under the lowercase hex SHA-256 of its bytes (content
 * addressed: the same bytes are stored once, and a name always means the same bytes).
 */
public interface ArtifactStore {

    /** The bytes stored under {@code sha256}, or null when there are none. May block on the cluster. */
    byte[] get(String sha256);

    /**
     * Stores {@code jar} under {@code sha256} unless something is stored there already.
     *
     * @return whether the bytes were new
     */
    boolean putIfAbsent(String sha256, byte[] jar);
}
