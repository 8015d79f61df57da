package dev.gridexec.settings;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Gathers a process's settings from every source, in rising precedence: defaults &lt; file &lt; environment
 * &lt; flags. Keys are kebab-case ({@code cluster-name}); in the environment they are upper snake case
 * with a {@code GRIDEXEC_} prefix ({@code GRIDEXEC_CLUSTER_NAME}); the file is a Java properties file
 * named by the {@code config} key (flag {@code --config} or {@code GRIDEXEC_CONFIG}).
 */
public final class SettingsSources {

    /** The key that names the settings file. */
    public static final String CONFIG_KEY = "config";

    private SettingsSources() {
    }

    /** A setting's value and where it came from, for error messages. */
    public record Value(String text, String origin) {
    }

    /**
     * Merges the sources for {@code keys}.
     *
     * @param flags    values given as flags, by key (only those given)
     * @param env      the process environment
     * @param problems where unreadable files and unknown keys in the file are reported
     */
    public static Map<String, Value> gather(Set<String> keys, Map<String, String> flags, Map<String, String> env,
                                            List<String> problems) {
        Map<String, Value> merged = new LinkedHashMap<>();
        String file = flags.containsKey(CONFIG_KEY) ? flags.get(CONFIG_KEY) : env.get(envName(CONFIG_KEY));
        if (file != null && !file.isBlank()) {
            readFile(Path.of(file), keys, merged, problems);
        }
        for (String key : keys) {
            String fromEnv = env.get(envName(key));
            if (fromEnv != null) {
                merged.put(key, new Value(fromEnv, "environment variable " + envName(key)));
            }
            if (flags.containsKey(key)) {
                merged.put(key, new Value(flags.get(key), "flag --" + key));
            }
        }
        return merged;
    }

    /** {@code cluster-name} → {@code GRIDEXEC_CLUSTER_NAME}. */
    public static String envName(String key) {
        return "GRIDEXEC_" + key.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private static void readFile(Path path, Set<String> keys, Map<String, Value> merged, List<String> problems) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            problems.add("config: settings file " + path + " does not exist");
            return;
        } catch (IOException | IllegalArgumentException e) {
            problems.add("config: cannot read settings file " + path + ": " + e.getMessage());
            return;
        }
        for (String name : properties.stringPropertyNames()) {
            if (keys.contains(name)) {
                merged.put(name, new Value(properties.getProperty(name).trim(), "file " + path));
            } else {
                problems.add(name + ": unknown setting in " + path + "; known: " + String.join(", ", keys));
            }
        }
    }
}
