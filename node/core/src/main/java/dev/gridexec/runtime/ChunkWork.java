package dev.gridexec.runtime;

/**
 * One attempt at one chunk, as handed to an execution model.
 *
 * @param job   the job the chunk belongs to
 * @param index the chunk's index in chunk order
 * @param input the chunk input, an object of the shared kernel's input type
 */
public record ChunkWork(JobScope job, int index, Object input) {
}
