package dev.gridexec.wire;

import java.io.Serializable;

/**
 * What a member returns for a batch: one entry per chunk, in the batch's order.
 *
 * @param indices      chunk indices
 * @param kinds        per chunk: {@link #DONE}, {@link #FAILED}, {@link #FATAL}, {@link #CANCELLED}, {@link #REJECTED}
 * @param outputs      encoded outputs (null unless done)
 * @param messages     failure messages (null unless failed)
 * @param computeNanos per chunk run time
 * @param startupNanos what opening the job on the member cost, if this batch opened it (else 0)
 */
public record BatchResult(int[] indices, byte[] kinds, byte[][] outputs, String[] messages, long[] computeNanos,
                          long startupNanos) implements Serializable {

    public static final byte DONE = 0;
    public static final byte FAILED = 1;
    public static final byte FATAL = 2;
    public static final byte CANCELLED = 3;
    /** The member would not run it (draining, or the job could not be opened there). */
    public static final byte REJECTED = 4;
}
