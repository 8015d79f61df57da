package dev.gridexec.runtime;

/**
 * One attempt at one chunk, as handed to an execution model.
 *
 * @param job     the job the chunk belongs to
 * @param index   the chunk's index in chunk order
 * @param input   the chunk input: an object of the shared kernel's input type, or, when {@code encoded}, its
 *                bytes in the kernel's codec just as they reached the node
 * @param encoded whether {@code input} is encoded bytes; then a {@link ChunkOutcome.Done}'s output is encoded too,
 *                so that bytes from the wire reach a slot, and a slot's bytes reach the wire, without a decode
 *                and re-encode in between
 */
public record ChunkWork(JobScope job, int index, Object input, boolean encoded) {
}
