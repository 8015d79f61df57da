package dev.gridexec.report;

import java.util.List;

/** The harness's summary statistics (experiment summaries, bench, bench-dispatch); every method leaves its argument untouched. */
public final class Stats {

    private Stats() {
    }

    /** The middle value; the mean of the two middle values for an even count. */
    public static double median(List<Double> samples) {
        double[] sorted = sorted(samples);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The nearest-rank percentile: the smallest sample with at least {@code p} percent of samples at or below it. */
    public static double percentile(List<Double> samples, double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        double[] sorted = sorted(samples);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    public static double min(List<Double> samples) {
        return sorted(samples)[0];
    }

    public static double max(List<Double> samples) {
        double[] sorted = sorted(samples);
        return sorted[sorted.length - 1];
    }

    public static double mean(List<Double> samples) {
        requireSome(samples);
        double sum = 0;
        for (double sample : samples) {
            sum += sample;
        }
        return sum / samples.size();
    }

    /**
     * The coefficient of variation: the sample standard deviation (n - 1) over the mean. NaN for fewer than
     * two samples, where it is undefined; 0 when every sample is 0 (a job too short for the clock: no spread).
     */
    public static double cv(List<Double> samples) {
        requireSome(samples);
        if (samples.size() < 2) {
            return Double.NaN;
        }
        double mean = mean(samples);
        double squares = 0;
        for (double sample : samples) {
            squares += (sample - mean) * (sample - mean);
        }
        if (squares == 0) {
            return 0;
        }
        return Math.sqrt(squares / (samples.size() - 1)) / mean;
    }

    private static double[] sorted(List<Double> samples) {
        requireSome(samples);
        return samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private static void requireSome(List<Double> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
    }
}
