package dev.gridexec.jobstore;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a job's ledger holds: its finished chunks' encoded outputs, and how many chunks had been sent out.
 *
 * @param outputs chunk index to encoded output
 * @param sent    chunks with index below this had been sent to a node at least once (a lower bound: it is written
 *                with the outputs)
 */
public record Journal(Map<Integer, byte[]> outputs, int sent) {

    /** Nothing recorded. */
    public static final Journal EMPTY = new Journal(Map.of(), 0);

    public Journal {
        outputs = java.util.Collections.unmodifiableMap(new TreeMap<>(outputs));
    }

    /** Chunks that had been sent and have no output: an adopter runs them again. */
    public int rerun() {
        int rerun = 0;
        for (int i = 0; i < sent; i++) {
            if (!outputs.containsKey(i)) {
                rerun++;
            }
        }
        return rerun;
    }
}
