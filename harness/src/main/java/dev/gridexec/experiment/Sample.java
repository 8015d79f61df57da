package dev.gridexec.experiment;

/**
 * One run of one configuration, timings taken from its job record.
 *
 * @param configuration what ran
 * @param phase         {@link Phase#WARMUP} runs are measured but excluded from summaries
 * @param repeat        the repeat's number within its phase, from 1
 * @param wallMs        the job record's {@code timing.wallMs}
 * @param computeMs     the job record's {@code timing.computeMs}
 * @param startupMs     the job record's {@code timing.startupMs}
 * @param chunks        the job record's {@code chunks.total}
 * @param retried       the job record's {@code chunks.retried}
 */
public record Sample(Configuration configuration, Phase phase, int repeat, long wallMs, long computeMs, long startupMs,
                     int chunks, int retried) {

    /** Whether a sample is a warm-up or a measurement. */
    public enum Phase {
        WARMUP, MEASURE;

        /** {@code warmup} or {@code measure}, as the CSV writes it. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Wall time not explained by compute spread over every worker: {@code wallMs − computeMs / totalWorkers}. */
    public double overheadMs() {
        return wallMs - computeMs / (double) configuration.totalWorkers();
    }
}
