package dev.gridexec.coordinator;

import dev.gridexec.cluster.ClusterSettings;
import dev.gridexec.settings.InvalidSettingsException;
import dev.gridexec.settings.SettingsReader;
import dev.gridexec.settings.SettingsSources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A coordinator process's settings, from defaults &lt; file &lt; environment &lt; flags (see {@link SettingsSources}).
 *
 * @param cluster      how its lite member joins the cluster (default Hazelcast port 5710)
 * @param name         its member name (default {@code coordinator})
 * @param httpHost     address of the HTTP API (default 127.0.0.1: not exposed)
 * @param httpPort     port of the HTTP API (default 8080; 0 picks a free one)
 * @param maxBodyBytes largest request body accepted; larger ones get 413 (default 1 MiB)
 * @param retention    how long ended jobs' records are kept (default 1 h)
 * @param maxArtifactBytes largest jar {@code POST /artifacts} accepts; larger ones get 413 (default 64 MiB)
 */
public record CoordinatorSettings(ClusterSettings cluster, String name, String httpHost, int httpPort, int maxBodyBytes,
                                  Duration retention, int maxArtifactBytes) {

    /** The default of {@code max-artifact-bytes}: 64 MiB. */
    public static final int DEFAULT_MAX_ARTIFACT_BYTES = 64 * 1024 * 1024;

    /** Settings with the default artifact size limit. */
    public CoordinatorSettings(ClusterSettings cluster, String name, String httpHost, int httpPort, int maxBodyBytes,
                               Duration retention) {
        this(cluster, name, httpHost, httpPort, maxBodyBytes, retention, DEFAULT_MAX_ARTIFACT_BYTES);
    }

    /** Every key a coordinator understands. */
    public static final Set<String> KEYS;

    static {
        Set<String> keys = new LinkedHashSet<>(ClusterSettings.KEYS);
        keys.addAll(List.of("name", "http-host", "http-port", "max-body-bytes", "retention", "max-artifact-bytes"));
        KEYS = Set.copyOf(keys);
    }

    /** Resolves the settings from flags (by key, only those given) and the environment. */
    public static CoordinatorSettings resolve(Map<String, String> flags, Map<String, String> env) throws InvalidSettingsException {
        List<String> problems = new ArrayList<>();
        SettingsReader reader = new SettingsReader(SettingsSources.gather(KEYS, flags, env, problems), problems);
        CoordinatorSettings settings = new CoordinatorSettings(
                ClusterSettings.read(reader, 5710),
                reader.string("name", "coordinator"),
                reader.string("http-host", "127.0.0.1"),
                reader.integer("http-port", 0, 65535, 8080),
                reader.integer("max-body-bytes", 1024, 256 * 1024 * 1024, 1024 * 1024),
                reader.duration("retention", Duration.ofHours(1)),
                reader.integer("max-artifact-bytes", 1024, 1024 * 1024 * 1024, DEFAULT_MAX_ARTIFACT_BYTES));
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return settings;
    }
}
