package dev.gridexec.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridexec.experiment.Configuration;
import dev.gridexec.experiment.ExperimentContext;
import dev.gridexec.experiment.ExperimentReport;
import dev.gridexec.experiment.Sample;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;

/** The phrases and number formats every report shares, so that the files and the terminal say the same thing. */
final class Texts {

    /** Decimal places of milliseconds and ratios (speedup, efficiency) in CSV and JSON. */
    static final int RATIO_SCALE = 2;
    /** Decimal places of Karp–Flatt and cv in CSV and JSON. */
    static final int FINE_SCALE = 3;

    private Texts() {
    }

    /** {@code value} rounded half up to {@code scale} decimals, written for {@code locale} (no grouping). */
    static String number(double value, int scale, Locale locale) {
        return String.format(locale, "%." + scale + "f", fixed(value, scale));
    }

    /** {@code value} rounded half up to {@code scale} decimals: the one rounding every report uses. */
    static BigDecimal fixed(double value, int scale) {
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
    }

    /** {@code value} as {@link #number}, or {@code empty} when there is none. */
    static String number(OptionalDouble value, int scale, Locale locale, String empty) {
        return value.isPresent() ? number(value.getAsDouble(), scale, locale) : empty;
    }

    /** {@code value} as a percentage with one decimal, e.g. {@code 10.5%}, or {@code empty}. */
    static String percent(OptionalDouble value, Locale locale, String empty) {
        return value.isPresent() ? number(100 * value.getAsDouble(), 1, locale) + "%" : empty;
    }

    /** A configuration in words: {@code threads 1 node × 2 workers}, {@code node-processes (threads) 2 nodes × 1 worker}. */
    static String configuration(Configuration c) {
        return line(c) + " " + layout(c);
    }

    /** The label, with its mode when the label is not the mode's name. */
    static String line(Configuration c) {
        String mode = c.mode().wireName();
        return c.label().equals(mode) ? c.label() : c.label() + " (" + mode + ")";
    }

    /** {@code 2 nodes × 1 worker}. */
    static String layout(Configuration c) {
        return plural(c.nodes(), "node") + " × " + plural(c.workers(), "worker");
    }

    /** {@code 1 node}, {@code 2 nodes}. */
    static String plural(int count, String noun) {
        return plural(count, noun, noun + "s");
    }

    static String plural(int count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
    }

    /** Whether the client started the nodes on its own host. */
    static boolean isLocal(ExperimentContext context) {
        return "local".equals(context.coordinator());
    }

    /** The experiment's name from its spec. */
    static String name(JsonNode spec) {
        return spec == null ? "experiment" : spec.path("name").asText("experiment");
    }

    /** The task in words: {@code primes {"limit":5000000}, 64 chunks}. */
    static String task(JsonNode spec) {
        JsonNode task = spec == null ? null : spec.get("task");
        if (task == null || !task.isObject()) {
            return "unknown";
        }
        StringBuilder text = new StringBuilder(task.path("kernel").asText("unknown kernel"));
        if (task.has("params")) {
            text.append(' ').append(task.get("params"));
        }
        if (task.path("chunks").canConvertToInt()) {
            text.append(", ").append(plural(task.get("chunks").asInt(), "chunk"));
        }
        return text.toString();
    }

    /** How many repeats the summaries use: {@code median of 3 measured repeats; 1 warm-up repeat excluded}. */
    static String repeats(ExperimentReport report) {
        Map<Configuration, Integer> measured = new HashMap<>();
        Map<Configuration, Integer> warmups = new HashMap<>();
        for (Sample s : report.samples()) {
            (s.phase() == Sample.Phase.MEASURE ? measured : warmups).merge(s.configuration(), 1, Integer::sum);
        }
        for (Configuration c : measured.keySet()) {
            warmups.putIfAbsent(c, 0);
        }
        return "median of " + range(measured) + " measured repeat" + (isOne(measured) ? "" : "s") + "; "
                + range(warmups) + " warm-up repeat" + (isOne(warmups) ? "" : "s") + " excluded";
    }

    private static String range(Map<Configuration, Integer> counts) {
        TreeSet<Integer> values = new TreeSet<>(counts.values());
        if (values.isEmpty()) {
            return "0";
        }
        return values.size() == 1 ? values.first().toString() : values.first() + "–" + values.last();
    }

    private static boolean isOne(Map<Configuration, Integer> counts) {
        return new TreeSet<>(counts.values()).equals(new TreeSet<>(java.util.Set.of(1)));
    }

    /** The machine in one line: processors, OS and JVM. */
    static String machine(ExperimentContext context) {
        return plural(context.processors(), "processor") + " seen by the client; " + context.os() + "; " + context.jvm();
    }

    /** Where the nodes ran. */
    static String coordinator(ExperimentContext context) {
        return isLocal(context)
                ? "local (the client started the node processes on this host), " + plural(context.nodesAvailable(),
                "node process", "node processes") + " available"
                : context.coordinator() + ", " + plural(context.nodesAvailable(), "node") + " available";
    }

    /** The skipped configuration as a WARNING line's text. */
    static String skipped(ExperimentReport.Skipped skipped) {
        return "skipped " + configuration(skipped.configuration()) + ": " + skipped.reason();
    }
}
