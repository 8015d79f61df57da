package dev.gridexec.task;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the durations that task.json and the command line accept: ISO-8601 as {@link Duration#parse}
 * knows it, restricted to unsigned days, hours, minutes and seconds ({@code PT10M}, {@code P1DT2H},
 * {@code PT0.5S}), or a shorthand of a whole number and one unit: {@code 500ms}, {@code 30s}, {@code 10m},
 * {@code 2h}, {@code 1d}. docs/task.schema.json holds the same grammar as a pattern.
 */
public final class Durations {

    private static final Pattern ISO = Pattern.compile("P(?=\\d|T\\d)(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d{1,9})?S)?)?");
    private static final Pattern SHORTHAND = Pattern.compile("(\\d{1,18})(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * The duration {@code text} denotes.
     *
     * @throws IllegalArgumentException when {@code text} is neither form
     * @throws ArithmeticException      when it is one of them but too long for a {@link Duration}
     */
    public static Duration parse(String text) {
        Matcher shorthand = SHORTHAND.matcher(text);
        try {
            if (shorthand.matches()) {
                long amount = Long.parseLong(shorthand.group(1));
                return switch (shorthand.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            if (ISO.matcher(text).matches()) {
                return Duration.parse(text);
            }
        } catch (ArithmeticException | DateTimeParseException e) {
            ArithmeticException tooLong = new ArithmeticException("too long for a duration: \"" + text + "\"");
            tooLong.initCause(e);
            throw tooLong;
        }
        throw new IllegalArgumentException("is not a duration: \"" + text + "\"; use ISO-8601 such as \"PT10M\""
                + " or a whole number and a unit (ms, s, m, h, d) such as \"30s\"");
    }

    /**
     * {@code duration} in the shorthand {@link #parse} reads back: the largest unit that divides it ({@code 5m},
     * {@code 90s}, {@code 250ms}).
     */
    public static String shorthand(Duration duration) {
        long millis = duration.toMillis();
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (millis != 0 && millis % sizes[i] == 0) {
                return millis / sizes[i] + units[i];
            }
        }
        return millis + "ms";
    }
}
