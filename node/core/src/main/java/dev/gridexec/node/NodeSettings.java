package dev.gridexec.node;

import dev.gridexec.cluster.ClusterSettings;
import dev.gridexec.settings.InvalidSettingsException;
import dev.gridexec.settings.SettingsReader;
import dev.gridexec.settings.SettingsSources;
import dev.gridexec.task.Mode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A node process's settings, from defaults &lt; file &lt; environment &lt; flags (see {@link SettingsSources}).
 *
 * @param cluster       how it joins the cluster (default Hazelcast port 5701)
 * @param name          its name in placements and {@code /nodes} (default {@code node-<port>})
 * @param workers       workers a task gets here when it names none (default: the processors)
 * @param mode          execution model a task gets here when it names none (default threads)
 * @param httpHost      address of the health endpoint (default: the cluster host)
 * @param httpPort      port of the health endpoint (default 8081; 0 picks a free one)
 * @param drainTimeout  on SIGTERM, how long in-flight chunks may take to finish before the node leaves (default 30 s)
 */
public record NodeSettings(ClusterSettings cluster, String name, int workers, Mode mode, String httpHost, int httpPort,
                           Duration drainTimeout) {

    /** Every key a node understands. */
    public static final Set<String> KEYS;

    static {
        Set<String> keys = new LinkedHashSet<>(ClusterSettings.KEYS);
        keys.addAll(List.of("name", "workers", "mode", "http-host", "http-port", "drain-timeout"));
        KEYS = Set.copyOf(keys);
    }

    /** Resolves the settings from flags (by key, only those given) and the environment. */
    public static NodeSettings resolve(Map<String, String> flags, Map<String, String> env) throws InvalidSettingsException {
        List<String> problems = new ArrayList<>();
        SettingsReader reader = new SettingsReader(SettingsSources.gather(KEYS, flags, env, problems), problems);
        ClusterSettings cluster = ClusterSettings.read(reader, 5701);
        NodeSettings settings = new NodeSettings(
                cluster,
                reader.string("name", "node-" + cluster.port()),
                reader.integer("workers", 1, 4096, Math.max(1, Runtime.getRuntime().availableProcessors())),
                reader.mode("mode", Mode.THREADS),
                reader.string("http-host", cluster.host()),
                reader.integer("http-port", 0, 65535, 8081),
                reader.duration("drain-timeout", Duration.ofSeconds(30)));
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return settings;
    }
}
