package dev.gridexec.report;

import dev.gridexec.experiment.Configuration;
import java.util.OptionalDouble;

/**
 * One configuration's statistics over its measured repeats (warm-ups excluded). A value that cannot be computed
 * from what ran is empty, never estimated.
 *
 * @param configuration   what ran
 * @param measuredRepeats how many measured repeats the statistics use
 * @param medianWallMs    median wall time of the measured repeats
 * @param speedup         the same label's 1 node × 1 worker median over this median; empty without that baseline
 * @param speedupVsBest1  the fastest 1 node × 1 worker median of any label over this median; empty without any
 * @param efficiency      speedup over total workers; empty without a speedup
 * @param karpFlatt       the Karp–Flatt serial fraction for p = total workers; empty at p = 1 or without a speedup
 * @param cv              coefficient of variation of the wall times: sample standard deviation (n − 1) over the
 *                        mean; empty with fewer than two measured repeats
 * @param noisy           whether cv is above {@link Summaries#NOISY_CV}
 */
public record Summary(Configuration configuration, int measuredRepeats, double medianWallMs, OptionalDouble speedup,
                      OptionalDouble speedupVsBest1, OptionalDouble efficiency, OptionalDouble karpFlatt,
                      OptionalDouble cv, boolean noisy) {
}
