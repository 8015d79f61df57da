package dev.gridexec.wire;

/**
 * Says that a job's result is too large to travel in its record and is kept apart: {@code GET /jobs/{id}/result}
 * serves it.
 *
 * @param bytes the length of the result's JSON, UTF-8
 */
public record ResultStored(long bytes) {
}
