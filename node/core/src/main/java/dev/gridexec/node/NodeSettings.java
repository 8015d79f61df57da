package dev.gridexec.node;

import dev.gridexec.cluster.ClusterSettings;
import dev.gridexec.runtime.RuntimeSettings;
import dev.gridexec.runtime.sandbox.SandboxSettings;
import dev.gridexec.settings.InvalidSettingsException;
import dev.gridexec.settings.SettingsReader;
import dev.gridexec.settings.SettingsSources;
import dev.gridexec.wire.Mode;
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
 * @param sandbox       child processes: whether jar kernels run in one ({@code sandbox}: {@code jars}, the default, or
 *                      {@code off}), their heap ({@code sandbox-heap}, default 512m), the grace a cancelled chunk gets
 *                      before its child is killed ({@code sandbox-grace}, default 1 s), warm idle children kept
 *                      ({@code sandbox-idle}, default the workers)
 */
public record NodeSettings(ClusterSettings cluster, String name, int workers, Mode mode, String httpHost, int httpPort,
                           Duration drainTimeout, int maxIdleSlots, Duration slotIdleTimeout, SandboxSettings sandbox) {

    /** Settings with the warm slot pool's and the sandbox's defaults. */
    public NodeSettings(ClusterSettings cluster, String name, int workers, Mode mode, String httpHost, int httpPort,
                        Duration drainTimeout) {
        this(cluster, name, workers, mode, httpHost, httpPort, drainTimeout, RuntimeSettings.defaultMaxIdleSlots(workers),
                RuntimeSettings.DEFAULT_SLOT_IDLE_TIMEOUT);
    }

    /** Settings with the sandbox's defaults. */
    public NodeSettings(ClusterSettings cluster, String name, int workers, Mode mode, String httpHost, int httpPort,
                        Duration drainTimeout, int maxIdleSlots, Duration slotIdleTimeout) {
        this(cluster, name, workers, mode, httpHost, httpPort, drainTimeout, maxIdleSlots, slotIdleTimeout,
                SandboxSettings.forNode(workers));
    }

    public NodeSettings {
        if (sandbox == null) {
            sandbox = SandboxSettings.forNode(workers);
        }
    }

    /** What the node runtime offers: its capacity, its warm slot pool's bounds, its child processes. */
    public RuntimeSettings runtime() {
        return new RuntimeSettings(workers, maxIdleSlots, slotIdleTimeout, sandbox);
    }

    /** Every key a node understands. */
    public static final Set<String> KEYS;

    static {
        Set<String> keys = new LinkedHashSet<>(ClusterSettings.KEYS);
        keys.addAll(List.of("name", "workers", "mode", "http-host", "http-port", "drain-timeout", "max-idle-slots",
                "slot-idle-timeout", "sandbox", "sandbox-heap", "sandbox-grace", "sandbox-idle"));
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
                reader.duration("slot-idle-timeout", RuntimeSettings.DEFAULT_SLOT_IDLE_TIMEOUT),
                sandbox(reader, workers));
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return settings;
    }

    private static SandboxSettings sandbox(SettingsReader reader, int workers) {
        String jars = reader.string("sandbox", "jars").trim();
        if (!jars.equals("jars") && !jars.equals("off")) {
            reader.reject("sandbox", "must be jars (kernels from uploaded jars run in child processes) or off");
        }
        String heap = reader.string("sandbox-heap", SandboxSettings.DEFAULT_HEAP).trim();
        if (!SandboxSettings.validHeap(heap)) {
            reader.reject("sandbox-heap", "must be a heap size like 512m or 2g");
            heap = SandboxSettings.DEFAULT_HEAP;
        }
        return new SandboxSettings(!jars.equals("off"), heap,
                reader.duration("sandbox-grace", SandboxSettings.DEFAULT_GRACE),
                reader.integer("sandbox-idle", 0, 4096, workers), SandboxSettings.DEFAULT_IDLE_TIMEOUT);
    }
}
