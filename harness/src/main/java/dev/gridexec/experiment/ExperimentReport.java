package dev.gridexec.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Everything an experiment produced: the context, the spec as given, every sample (warm-up included) in the
 * order they ran, and the warnings (skipped configurations, missing nodes). Summaries are derived from it.
 *
 * @param context  where and when it ran
 * @param spec     the experiment spec document as given
 * @param samples  every run, in order
 * @param skipped  configurations that did not run, each with why (they appear in the report as WARNING rows)
 * @param warnings other things the reader should know
 */
public record ExperimentReport(ExperimentContext context, JsonNode spec, List<Sample> samples, List<Skipped> skipped,
                               List<String> warnings) {

    public ExperimentReport {
        samples = List.copyOf(samples);
        skipped = List.copyOf(skipped);
        warnings = List.copyOf(warnings);
    }

    /**
     * A configuration that was not run.
     *
     * @param configuration what would have run
     * @param reason        why not, e.g. {@code needs 4 nodes, the cluster has 2}
     */
    public record Skipped(Configuration configuration, String reason) {
    }
}
