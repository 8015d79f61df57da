package dev.gridexec.coordinator;

import dev.gridexec.api.ApiSettings;
import dev.gridexec.api.ApiToken;
import dev.gridexec.api.TaskLimits;
import dev.gridexec.cluster.ClusterSettings;
import dev.gridexec.scheduler.SchedulerSettings;
import dev.gridexec.scheduler.StragglerPolicy;
import dev.gridexec.scheduler.credit.CreditPolicies;
import dev.gridexec.scheduler.credit.CreditPolicy;
import dev.gridexec.settings.InvalidSettingsException;
import dev.gridexec.settings.SettingsReader;
import dev.gridexec.settings.SettingsSources;
import dev.gridexec.task.TaskReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * @param token        the bearer token the API asks for (none by default): the {@code token} setting, or the
 *                     contents of the file that {@code token-file} names, trimmed. They are one setting: the
 *                     one from the source of higher precedence wins; both from the same source is an error
 * @param scheduling   how jobs are admitted and spread: {@code dispatch} (credit policy: autotuned, proportional,
 *                     fixed), {@code max-queued-jobs} (default 1,000), {@code max-queued-chunks} (default 2,000,000),
 *                     {@code straggler-factor} (default 2.0), {@code straggler-floor} (default 200ms),
 *                     {@code unresponsive-after} (default 3s), {@code node-wait} (default 5m)
 * @param idleTimeout  how long an API connection with no request in flight stays open (default 60 s)
 * @param maxConnections the most API connections open at once; one more closes the one idle the longest (default 1024)
 * @param taskLimits   how much one task may ask for: {@code max-chunks}, {@code max-workers}, {@code max-nodes},
 *                     {@code max-threads-per-node} (see {@link TaskLimits})
 * @param maxInlineResult {@code max-inline-result}: a result whose JSON is larger (bytes) is kept apart from its
 *                     record and served by {@code GET /jobs/{id}/result} (default 64 KiB)
 * @param liveTimeout  how long {@code /health/live} waits for a probe on the API's worker pool before it says DOWN
 *                     ({@code live-timeout}, default 4 s)
 */
public record CoordinatorSettings(ClusterSettings cluster, String name, String httpHost, int httpPort, int maxBodyBytes,
                                  Duration retention, int maxArtifactBytes, Optional<ApiToken> token,
                                  SchedulerSettings scheduling, Duration idleTimeout, int maxConnections, TaskLimits taskLimits,
                                  int maxInlineResult, Duration liveTimeout) {

    /** The default of {@code max-artifact-bytes}: 64 MiB. */
    public static final int DEFAULT_MAX_ARTIFACT_BYTES = 64 * 1024 * 1024;

    /** Every key a coordinator understands. */
    public static final Set<String> KEYS;

    private static final String TOKEN = "token";
    private static final String DISPATCH = "dispatch";
    private static final String STRAGGLER_FACTOR = "straggler-factor";
    private static final String TOKEN_FILE = "token-file";
    private static final String MAX_INLINE_RESULT = "max-inline-result";
    /** A token file larger than this holds more than a token. */
    private static final int TOKEN_FILE_LIMIT = 64 * 1024;

    static {
        Set<String> keys = new LinkedHashSet<>(ClusterSettings.KEYS);
        keys.addAll(List.of("name", "http-host", "http-port", "max-body-bytes", "retention", "max-artifact-bytes", TOKEN, TOKEN_FILE,
                "idle-timeout", "max-connections", "max-chunks", "max-workers", "max-nodes", "max-threads-per-node",
                MAX_INLINE_RESULT));
        keys.addAll(List.of(DISPATCH, "max-queued-jobs", "max-queued-chunks", STRAGGLER_FACTOR, "straggler-floor", "unresponsive-after",
                "node-wait", "kernel-call-timeout", "live-timeout"));
        KEYS = Set.copyOf(keys);
    }

    public CoordinatorSettings {
        Objects.requireNonNull(token, "token must be Optional.empty() for none, not null");
        Objects.requireNonNull(scheduling, "scheduling");
        Objects.requireNonNull(liveTimeout, "liveTimeout");
    }

    /** Settings with the default {@code max-inline-result} and liveness timeout. */
    public CoordinatorSettings(ClusterSettings cluster, String name, String httpHost, int httpPort, int maxBodyBytes,
                               Duration retention, int maxArtifactBytes, Optional<ApiToken> token, SchedulerSettings scheduling,
                               Duration idleTimeout, int maxConnections, TaskLimits taskLimits) {
        this(cluster, name, httpHost, httpPort, maxBodyBytes, retention, maxArtifactBytes, token, scheduling, idleTimeout,
                maxConnections, taskLimits, StoredJobService.DEFAULT_MAX_INLINE_RESULT, ApiSettings.DEFAULT_LIVE_TIMEOUT);
    }

    /** Settings with the default scheduling, the API's default idle timeout and connection limit, and the default task limits. */
    public CoordinatorSettings(ClusterSettings cluster, String name, String httpHost, int httpPort, int maxBodyBytes,
                               Duration retention, int maxArtifactBytes, Optional<ApiToken> token) {
        this(cluster, name, httpHost, httpPort, maxBodyBytes, retention, maxArtifactBytes, token, SchedulerSettings.defaults(),
                ApiSettings.DEFAULT_IDLE_TIMEOUT, ApiSettings.DEFAULT_MAX_CONNECTIONS, TaskLimits.defaults());
    }

    /** Settings with the default artifact size limit and no token. */
    public CoordinatorSettings(ClusterSettings cluster, String name, String httpHost, int httpPort, int maxBodyBytes,
                               Duration retention) {
        this(cluster, name, httpHost, httpPort, maxBodyBytes, retention, DEFAULT_MAX_ARTIFACT_BYTES, Optional.empty());
    }

    /** Resolves the settings from flags (by key, only those given) and the environment. */
    public static CoordinatorSettings resolve(Map<String, String> flags, Map<String, String> env) throws InvalidSettingsException {
        List<String> problems = new ArrayList<>();
        Map<String, SettingsSources.Value> values = SettingsSources.gather(KEYS, flags, env, problems);
        SettingsReader reader = new SettingsReader(values, problems);
        CoordinatorSettings settings = new CoordinatorSettings(
                ClusterSettings.read(reader, 5710),
                reader.string("name", "coordinator"),
                reader.string("http-host", "127.0.0.1"),
                reader.integer("http-port", 0, 65535, 8080),
                reader.integer("max-body-bytes", 1024, 256 * 1024 * 1024, 1024 * 1024),
                reader.duration("retention", Duration.ofHours(1)),
                reader.integer("max-artifact-bytes", 1024, 1024 * 1024 * 1024, DEFAULT_MAX_ARTIFACT_BYTES),
                token(values, flags, env, problems),
                scheduling(reader, problems),
                reader.duration("idle-timeout", ApiSettings.DEFAULT_IDLE_TIMEOUT),
                reader.integer("max-connections", 1, ApiSettings.MAX_CONNECTIONS_LIMIT, ApiSettings.DEFAULT_MAX_CONNECTIONS),
                new TaskLimits(reader.integer("max-chunks", 1, TaskReader.MAX_CHUNKS, TaskLimits.DEFAULT_MAX_CHUNKS),
                        reader.integer("max-workers", 1, TaskReader.MAX_WORKERS, TaskLimits.DEFAULT_MAX_WORKERS),
                        reader.integer("max-nodes", 1, TaskReader.MAX_NODES, TaskLimits.DEFAULT_MAX_NODES),
                        reader.integer("max-threads-per-node", 1, TaskLimits.MAX_THREADS_PER_NODE_LIMIT,
                                TaskLimits.DEFAULT_MAX_THREADS_PER_NODE)),
                reader.integer(MAX_INLINE_RESULT, 0, Integer.MAX_VALUE - 8, StoredJobService.DEFAULT_MAX_INLINE_RESULT),
                reader.duration("live-timeout", ApiSettings.DEFAULT_LIVE_TIMEOUT));
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return settings;
    }

    private static SchedulerSettings scheduling(SettingsReader reader, List<String> problems) {
        String name = reader.string(DISPATCH, CreditPolicies.AUTOTUNED);
        Optional<CreditPolicy> policy = CreditPolicies.named(name);
        if (policy.isEmpty()) {
            problems.add(DISPATCH + ": " + name + " is not a credit policy; use one of " + String.join(", ", CreditPolicies.NAMES));
        }
        return new SchedulerSettings(policy.orElseGet(CreditPolicies::standard),
                reader.integer("max-queued-jobs", 1, 1_000_000, SchedulerSettings.DEFAULT_MAX_QUEUED_JOBS),
                reader.integer("max-queued-chunks", 1, Integer.MAX_VALUE, SchedulerSettings.DEFAULT_MAX_QUEUED_CHUNKS),
                stragglers(reader, problems),
                reader.duration("node-wait", SchedulerSettings.DEFAULT_NODE_WAIT),
                reader.duration("kernel-call-timeout", SchedulerSettings.DEFAULT_KERNEL_CALL_TIMEOUT));
    }

    private static StragglerPolicy stragglers(SettingsReader reader, List<String> problems) {
        StragglerPolicy defaults = StragglerPolicy.defaults();
        String factorText = reader.string(STRAGGLER_FACTOR, String.valueOf(defaults.factor()));
        double factor = defaults.factor();
        try {
            factor = Double.parseDouble(factorText.trim());
            if (!(factor >= 1.0 && factor <= 1_000.0)) {
                problems.add(STRAGGLER_FACTOR + ": " + factorText + " is out of range; use a number from 1 to 1000");
                factor = defaults.factor();
            }
        } catch (NumberFormatException e) {
            problems.add(STRAGGLER_FACTOR + ": " + factorText + " is not a number; use e.g. 2.0");
        }
        Duration floor = reader.duration("straggler-floor", defaults.floor());
        return new StragglerPolicy(factor, floor, reader.duration("unresponsive-after", defaults.unresponsive()));
    }

    /** The settings for the API: where it listens, its body limits, its token. */
    public ApiSettings api() {
        return new ApiSettings(httpHost, httpPort, maxBodyBytes, maxArtifactBytes, token, idleTimeout, maxConnections, taskLimits,
                liveTimeout);
    }

    /** Like the record's own, but says only whether a token is set, never which. */
    @Override
    public String toString() {
        return "CoordinatorSettings[cluster=" + cluster + ", name=" + name + ", httpHost=" + httpHost + ", httpPort=" + httpPort
                + ", maxBodyBytes=" + maxBodyBytes + ", retention=" + retention + ", maxArtifactBytes=" + maxArtifactBytes + ", token=" + (token.isPresent() ? "(set)" : "(none)")
                + ", scheduling=" + scheduling + ", idleTimeout=" + idleTimeout + ", maxConnections=" + maxConnections
                + ", taskLimits=" + taskLimits + ", maxInlineResult=" + maxInlineResult + ", liveTimeout=" + liveTimeout + "]";
    }

    /** The token from {@code token} or {@code token-file}; problems never quote it. An empty value is an error, not "none". */
    private static Optional<ApiToken> token(Map<String, SettingsSources.Value> values, Map<String, String> flags,
                                            Map<String, String> env, List<String> problems) {
        SettingsSources.Value inline = values.get(TOKEN);
        SettingsSources.Value file = values.get(TOKEN_FILE);
        if (inline != null && file != null) {
            int inlineRank = rank(TOKEN, flags, env);
            int fileRank = rank(TOKEN_FILE, flags, env);
            if (inlineRank == fileRank) {
                problems.add("token, token-file: give one of them, not both (from " + inline.origin() + " and " + file.origin() + ")");
                return Optional.empty();
            }
            if (inlineRank > fileRank) {
                file = null;
            } else {
                inline = null;
            }
        }
        String secret;
        String origin;
        if (inline != null) {
            secret = inline.text().strip();
            origin = inline.origin();
        } else if (file != null) {
            Optional<String> read = readTokenFile(file, problems);
            if (read.isEmpty()) {
                return Optional.empty();
            }
            secret = read.get();
            origin = "file " + file.text().strip() + ", named by " + file.origin();
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of(ApiToken.of(secret));
        } catch (IllegalArgumentException e) {
            problems.add("token: " + e.getMessage() + " (from " + origin + ")");
            return Optional.empty();
        }
    }

    /** 3 for a flag, 2 for the environment, 1 for the settings file. */
    private static int rank(String key, Map<String, String> flags, Map<String, String> env) {
        if (flags.containsKey(key)) {
            return 3;
        }
        return env.get(SettingsSources.envName(key)) != null ? 2 : 1;
    }

    private static Optional<String> readTokenFile(SettingsSources.Value file, List<String> problems) {
        String name = file.text().strip();
        if (name.isEmpty()) {
            problems.add("token-file: must name a file (from " + file.origin() + ")");
            return Optional.empty();
        }
        Path path;
        try {
            path = Path.of(name);
        } catch (InvalidPathException e) {
            problems.add("token-file: " + name + " is not a valid path: " + e.getReason() + " (from " + file.origin() + ")");
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes(TOKEN_FILE_LIMIT + 1);
            if (bytes.length > TOKEN_FILE_LIMIT) {
                problems.add("token-file: " + path + " is larger than " + TOKEN_FILE_LIMIT + " bytes; it should hold only the token"
                        + " (from " + file.origin() + ")");
                return Optional.empty();
            }
            return Optional.of(new String(bytes, StandardCharsets.UTF_8).strip());
        } catch (NoSuchFileException e) {
            problems.add("token-file: " + path + " does not exist (from " + file.origin() + ")");
        } catch (AccessDeniedException e) {
            problems.add("token-file: " + path + " cannot be read: permission denied (from " + file.origin() + ")");
        } catch (IOException e) {
            problems.add("token-file: " + path + " cannot be read: " + e.getMessage() + " (from " + file.origin() + ")");
        }
        return Optional.empty();
    }
}
