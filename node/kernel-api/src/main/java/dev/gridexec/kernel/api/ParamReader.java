package dev.gridexec.kernel.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a task's {@code params} object and collects every problem with it, so that a user sees all
 * of them at once.
 *
 * <p>The params arrive as a JSON-like tree: {@link Long} or {@link BigInteger} for integers,
 * {@link BigDecimal} for other numbers, {@link String}, {@link Boolean}, {@link List}, {@link Map},
 * and {@code null} for JSON null. A getter that finds a problem records it and returns a harmless
 * placeholder (the lower bound, the default) so that reading can go on. Parameters that no getter asked
 * for are reported by the runtime as unknown.
 */
public final class ParamReader {

    private final Map<String, Object> params;
    private final Set<String> read = new HashSet<>();
    private final List<ParamProblem> problems = new ArrayList<>();

    public ParamReader(Map<String, ?> params) {
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** A required integer in {@code [min, max]}. */
    public long longParam(String name, long min, long max) {
        return readLong(name, min, max, null);
    }

    /** An optional integer in {@code [min, max]}, {@code defaultValue} when absent. */
    public long longParam(String name, long min, long max, long defaultValue) {
        return readLong(name, min, max, defaultValue);
    }

    /** A required integer in {@code [min, max]} that fits an {@code int}. */
    public int intParam(String name, int min, int max) {
        return (int) readLong(name, min, max, null);
    }

    /** An optional integer in {@code [min, max]}, {@code defaultValue} when absent. */
    public int intParam(String name, int min, int max, int defaultValue) {
        return (int) readLong(name, min, max, (long) defaultValue);
    }

    /** A required finite number. */
    public double doubleParam(String name) {
        return readDouble(name, null);
    }

    /** An optional finite number, {@code defaultValue} when absent. */
    public double doubleParam(String name, double defaultValue) {
        return readDouble(name, defaultValue);
    }

    /** An optional boolean, {@code defaultValue} when absent. */
    public boolean booleanParam(String name, boolean defaultValue) {
        read.add(name);
        if (!params.containsKey(name)) {
            return defaultValue;
        }
        Object value = params.get(name);
        if (value instanceof Boolean b) {
            return b;
        }
        problem(name, "must be true or false, got " + describe(value));
        return defaultValue;
    }

    /** An optional string that must be one of {@code options}, {@code defaultValue} when absent. */
    public String choiceParam(String name, String defaultValue, String... options) {
        read.add(name);
        if (!params.containsKey(name)) {
            return defaultValue;
        }
        Object value = params.get(name);
        if (value instanceof String s && Arrays.asList(options).contains(s)) {
            return s;
        }
        problem(name, "must be one of " + String.join(", ", quoted(options)) + ", got " + describe(value));
        return defaultValue;
    }

    /** An optional parameter of any JSON type, as the tree holds it; {@code null} when absent. The kernel checks it. */
    public Object jsonParam(String name) {
        read.add(name);
        return params.get(name);
    }

    /**
     * Every parameter that no getter has asked for yet, in document order, marking them read: for a kernel
     * that hands the rest of its params to other code (which then checks them itself).
     */
    public Map<String, Object> restParams() {
        Map<String, Object> rest = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            if (read.add(name)) {
                rest.put(name, value);
            }
        });
        return Collections.unmodifiableMap(rest);
    }

    /** Records a problem that no single getter can see, such as two params that contradict each other. */
    public void problem(String path, String message) {
        problems.add(new ParamProblem(path, message));
    }

    /** Every problem found so far, in the order found. */
    public List<ParamProblem> problems() {
        return List.copyOf(problems);
    }

    /** Whether no problem was found. */
    public boolean ok() {
        return problems.isEmpty();
    }

    /** The names present in the params that no getter asked for, sorted. */
    public Set<String> unreadNames() {
        Set<String> unread = new TreeSet<>(params.keySet());
        unread.removeAll(read);
        return unread;
    }

    private long readLong(String name, long min, long max, Long defaultValue) {
        read.add(name);
        if (!params.containsKey(name)) {
            if (defaultValue == null) {
                problem(name, "is required: an integer between " + bound(min) + " and " + bound(max));
                return min;
            }
            return defaultValue;
        }
        Object value = params.get(name);
        BigInteger integer = asInteger(value);
        if (integer == null) {
            problem(name, "must be an integer between " + bound(min) + " and " + bound(max) + ", got " + describe(value));
            return min;
        }
        if (integer.compareTo(BigInteger.valueOf(min)) < 0 || integer.compareTo(BigInteger.valueOf(max)) > 0) {
            problem(name, "must be between " + bound(min) + " and " + bound(max) + ", got " + describe(value));
            return min;
        }
        return integer.longValueExact();
    }

    private double readDouble(String name, Double defaultValue) {
        read.add(name);
        if (!params.containsKey(name)) {
            if (defaultValue == null) {
                problem(name, "is required: a number");
                return 0.0;
            }
            return defaultValue;
        }
        Object value = params.get(name);
        if (!(value instanceof Number number)) {
            problem(name, "must be a number, got " + describe(value));
            return defaultValue == null ? 0.0 : defaultValue;
        }
        double d = number.doubleValue();
        if (!Double.isFinite(d)) {
            problem(name, "must be a finite number, got " + describe(value));
            return defaultValue == null ? 0.0 : defaultValue;
        }
        return d;
    }

    /** The exact integer a JSON number denotes, or null when it is not an integer (2.5, "2", true). */
    private static BigInteger asInteger(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return big;
        }
        if (value instanceof BigDecimal decimal) {
            // 5e6 is an integer; 2.5 is not. Guard the scale so that 1e400000000 cannot eat the heap.
            BigDecimal stripped = decimal.stripTrailingZeros();
            if (stripped.scale() > 0) {
                return null;
            }
            if (stripped.precision() - stripped.scale() > 40) {
                return decimal.signum() < 0 ? BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE)
                        : BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE);
            }
            return stripped.toBigIntegerExact();
        }
        return null;
    }

    /** A bound as people write it: 10^12 rather than 1000000000000. */
    static String bound(long value) {
        if (value >= 10_000) {
            long v = value;
            int exponent = 0;
            while (v % 10 == 0) {
                v /= 10;
                exponent++;
            }
            if (v == 1) {
                return "10^" + exponent;
            }
        }
        return Long.toString(value);
    }

    /** A value as the user wrote it, short. */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            String shown = s.length() > 40 ? s.substring(0, 40) + "…" : s;
            return "\"" + shown + "\"";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof List<?>) {
            return "an array";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        return value.getClass().getSimpleName();
    }

    private static List<String> quoted(String... options) {
        List<String> out = new ArrayList<>();
        for (String option : options) {
            out.add("\"" + option + "\"");
        }
        return out;
    }
}
