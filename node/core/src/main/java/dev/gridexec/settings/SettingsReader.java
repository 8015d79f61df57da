package dev.gridexec.settings;

import dev.gridexec.wire.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads typed settings from gathered text values, collecting every problem with where the value came from. */
public final class SettingsReader {

    private final Map<String, SettingsSources.Value> values;
    private final List<String> problems;

    public SettingsReader(Map<String, SettingsSources.Value> values, List<String> problems) {
        this.values = values;
        this.problems = problems;
    }

    /** A string, or the default when unset or blank. */
    public String string(String key, String defaultValue) {
        SettingsSources.Value value = values.get(key);
        return value == null || value.text().isBlank() ? defaultValue : value.text().trim();
    }

    /** An optional string. */
    public Optional<String> optional(String key) {
        return Optional.ofNullable(string(key, null));
    }

    /** An integer in [min, max]. */
    public int integer(String key, int min, int max, int defaultValue) {
        SettingsSources.Value value = values.get(key);
        if (value == null || value.text().isBlank()) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(value.text().trim());
            if (parsed >= min && parsed <= max) {
                return (int) parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problem(key, value, "must be an integer between " + min + " and " + max);
        return defaultValue;
    }

    /** A duration such as {@code 30s}, {@code 5m} or {@code PT1H}, positive. */
    public Duration duration(String key, Duration defaultValue) {
        SettingsSources.Value value = values.get(key);
        if (value == null || value.text().isBlank()) {
            return defaultValue;
        }
        try {
            Duration parsed = dev.gridexec.task.Durations.parse(value.text().trim());
            if (!parsed.isNegative() && !parsed.isZero()) {
                return parsed;
            }
        } catch (RuntimeException ignored) {
            // reported below
        }
        problem(key, value, "must be a positive duration such as 30s, 5m or PT1H");
        return defaultValue;
    }

    /** An execution model name. */
    public Mode mode(String key, Mode defaultValue) {
        SettingsSources.Value value = values.get(key);
        if (value == null || value.text().isBlank()) {
            return defaultValue;
        }
        Optional<Mode> mode = Mode.fromWireName(value.text().trim());
        if (mode.isEmpty()) {
            problem(key, value, "must be one of threads, slots, gil, processes");
        }
        return mode.orElse(defaultValue);
    }

    /** A comma-separated list of {@code host:port} (the port may be left out). */
    public List<String> addresses(String key) {
        String text = string(key, "");
        List<String> out = new ArrayList<>();
        for (String part : Arrays.asList(text.split(","))) {
            String address = part.trim();
            if (address.isEmpty()) {
                continue;
            }
            int colon = address.lastIndexOf(':');
            if (colon >= 0) {
                try {
                    int port = Integer.parseInt(address.substring(colon + 1));
                    if (port < 1 || port > 65535 || colon == 0) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    problems.add(key + ": must be a comma-separated list of host:port, and \"" + address
                            + "\" is not one (from " + values.get(key).origin() + ")");
                    continue;
                }
            }
            out.add(address);
        }
        return List.copyOf(out);
    }

    /**
     * A secret given either directly under {@code key} or as the path of a file under {@code fileKey} (its text, less
     * the trailing line break). Both given, or an unreadable file, is a problem; the secret itself never appears in one.
     */
    public Optional<String> secret(String key, String fileKey) {
        Optional<String> direct = Optional.ofNullable(values.get(key)).map(SettingsSources.Value::text).filter(text -> !text.isEmpty());
        Optional<String> file = optional(fileKey);
        if (file.isEmpty()) {
            return direct;
        }
        if (direct.isPresent()) {
            problems.add(key + ": give either " + key + " or " + fileKey + ", not both (" + fileKey + " from "
                    + values.get(fileKey).origin() + ")");
            return direct;
        }
        try {
            return Optional.of(Files.readString(Path.of(file.get())).replaceFirst("\\R\\z", ""));
        } catch (IOException | RuntimeException e) {
            problem(fileKey, values.get(fileKey), "must name a readable file (" + e.getClass().getSimpleName() + ")");
            return Optional.empty();
        }
    }

    /** Whether {@code key} was given at all (even blank). */
    public boolean given(String key) {
        return values.containsKey(key);
    }

    /** Records that the secret given for {@code key} is wrong, without quoting it: {@code key: message (from origin)}. */
    public void rejectSecret(String key, String message) {
        SettingsSources.Value value = values.get(key);
        problems.add(key + ": " + message + (value == null ? "" : " (from " + value.origin() + ")"));
    }

    /** Records that the value given for {@code key} is wrong: {@code key: message, got "value" (from origin)}. */
    public void reject(String key, String message) {
        SettingsSources.Value value = values.get(key);
        if (value == null) {
            problems.add(key + ": " + message);
        } else {
            problem(key, value, message);
        }
    }

    private void problem(String key, SettingsSources.Value value, String message) {
        problems.add(key + ": " + message + ", got \"" + value.text() + "\" (from " + value.origin() + ")");
    }
}
