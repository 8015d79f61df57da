package dev.gridexec.scheduler;

import dev.gridexec.jobstore.Journal;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores what an adopted job's {@link Journal} holds: the outputs its earlier owners finished, decoded, so that they
 * are not run again. An output that does not decode (or is for a chunk past the split) is left out: it runs again.
 * Stateless; it reads nothing of the job's but what it is given.
 */
final class JournalRestore {

    private static final Logger LOG = LoggerFactory.getLogger(JournalRestore.class);

    private JournalRestore() {
    }

    /** The outputs in {@code journal} for chunks below {@code chunks}, by chunk index, decoded by {@code decode}. */
    static Map<Integer, Object> outputs(String jobId, Journal journal, int chunks, Function<byte[], Object> decode) {
        Map<Integer, Object> outputs = new HashMap<>();
        journal.outputs().forEach((index, bytes) -> {
            if (index < chunks) {
                try {
                    outputs.put(index, decode.apply(bytes));
                } catch (RuntimeException e) {
                    LOG.warn("job {}: chunk {}'s output in the ledger does not decode; it runs again: {}", jobId, index, e.getMessage());
                }
            }
        });
        if (!outputs.isEmpty()) {
            LOG.info("job {}: {} of {} chunks already done by an earlier owner", jobId, outputs.size(), chunks);
        }
        return outputs;
    }
}
