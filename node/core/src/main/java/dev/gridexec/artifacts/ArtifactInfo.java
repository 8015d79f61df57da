package dev.gridexec.artifacts;

/**
 * A stored artifact as {@code POST /artifacts} answers it.
 *
 * @param sha256 the lowercase hex SHA-256 of the jar's bytes: what a task's {@code artifact} names
 * @param size   the jar's size in bytes
 */
public record ArtifactInfo(String sha256, long size) {
}
