package dev.gridexec.node;

import dev.gridexec.cluster.ClusterSettings;
import dev.gridexec.runtime.RuntimeSettings;
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
 * @param workers       the node's capacity: the most workers it runs at once for all jobs together, and the
 *                      workers a task gets here when it names none (default: the processors)
 * @param mode          execution model a task gets here when it names none (default threads)
 * @param httpHost      address of the health endpoint (default: the cluster host)
 * @param httpPort      port of the health endpoint (default 8081; 0 picks a free one)
 * @param drainTimeout  on SIGTERM, how long in-flight chunks may take to finish before the node leaves (default 30 s)
 * @param maxIdleSlots  idle warm slots kept over all kernels, least recently used go first (default 4 x workers;
 *                      0 keeps none)
 * @param slotIdleTimeout an idle warm slot unused this long goes, its class loader with it (default 5 min)
 */
public record NodeSettings(ClusterSettings cluster, String name, int workers, Mode mode, String httpHost, int httpPort,
                           Duration drainTimeout, int maxIdleSlots, Duration slotIdleTimeout) {

    /** Settings with the warm slot pool's defaults. */
    public NodeSettings(ClusterSettings cluster, String name, int workers, Mode mode, String httpHost, int httpPort,
                        Duration drainTimeout) {
        this(cluster, name, workers, mode, httpHost, httpPort, drainTimeout, RuntimeSettings.defaultMaxIdleSlots(workers),
                RuntimeSettings.DEFAULT_SLOT_IDLE_TIMEOUT);
    }

    /** What the node runtime offers: its capacity and its warm slot pool's bounds. */
    public RuntimeSettings runtime() {
        return new RuntimeSettings(workers, maxIdleSlots, slotIdleTimeout);
    }

    /** Every key a node understands. */
    public static final Set<String> KEYS;

    static {
        Set<String> keys = new LinkedHashSet<>(ClusterSettings.KEYS);
        keys.addAll(List.of("name", "workers", "mode", "http-host", "http-port", "drain-timeout", "max-idle-slots",
                "slot-idle-timeout"));
        KEYS = Set.copyOf(keys);
    }

    /** Resolves the settings from flags (by key, only those given) and the environment. */
    public static NodeSettings resolve(Map<String, String> flags, Map<String, String> env) throws InvalidSettingsException {
        List<String> problems = new ArrayList<>();
        SettingsReader reader = new SettingsReader(SettingsSources.gather(KEYS, flags, env, problems), problems);
        ClusterSettings cluster = ClusterSettings.read(reader, 5701);
        int workers = reader.integer("workers", 1, 4096, Math.max(1, Runtime.getRuntime().availableProcessors()));
        NodeSettings settings = new NodeSettings(
                cluster,
                reader.string("name", "node-" + cluster.port()),
                workers,
                reader.mode("mode", Mode.THREADS),
                reader.string("http-host", cluster.host()),
                reader.integer("http-port", 0, 65535, 8081),
                reader.duration("drain-timeout", Duration.ofSeconds(30)),
                reader.integer("max-idle-slots", 0, 65536, RuntimeSettings.defaultMaxIdleSlots(workers)),
                reader.duration("slot-idle-timeout", RuntimeSettings.DEFAULT_SLOT_IDLE_TIMEOUT));
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return settings;
    }
}
