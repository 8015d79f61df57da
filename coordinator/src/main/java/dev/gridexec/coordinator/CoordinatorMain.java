package dev.gridexec.coordinator;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.lifecycle.ProcessLaunch;
import dev.gridexec.settings.ClusterOptions;
import dev.gridexec.settings.Flags;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code coordinator}: serves the HTTP API and schedules jobs on the cluster's nodes until SIGTERM. */
@Command(name = "coordinator", mixinStandardHelpOptions = true,
        description = {"Runs a gridexec coordinator: the HTTP API and the scheduler, on a Hazelcast lite member.",
                "Settings: defaults < --config file (Java properties, same keys) < GRIDEXEC_* environment < flags."},
        footer = {"", "Every flag has an environment variable: --http-port = GRIDEXEC_HTTP_PORT, etc.",
                "Without a token (--token-file, GRIDEXEC_TOKEN_FILE, GRIDEXEC_TOKEN) the API is open to whoever reaches it.",
                "Prints the API's URL on a line of its own once it serves."})
public final class CoordinatorMain implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;
    @Option(names = "--name", description = "the coordinator's name, unique in the cluster: its jobs' records name it as their owner, and a coordinator restarted under it takes them back (default coordinator)")
    String name;
    @Option(names = "--http-host", description = "HTTP API address (default 127.0.0.1)")
    String httpHost;
    @Option(names = "--http-port", description = "HTTP API port (default 8080, 0 = any free)")
    String httpPort;
    @Option(names = "--max-body-bytes", description = "largest request body (default 1048576)")
    String maxBodyBytes;
    @Option(names = "--retention", description = "keep ended jobs' records this long (default 1h)")
    String retention;
    @Option(names = "--token-file", paramLabel = "FILE",
            description = "ask every API request but /health/* for 'Authorization: Bearer' and the token in FILE (trimmed)")
    String tokenFile;
    @Option(names = "--token", paramLabel = "TOKEN",
            description = "the API token itself, 16 characters or more; prefer --token-file or GRIDEXEC_TOKEN: flags show in ps")
    String token;
    @Option(names = "--max-artifact-bytes", description = "largest kernel jar POST /artifacts accepts (default 67108864 = 64 MiB)")
    String maxArtifactBytes;
    @Option(names = "--dispatch", paramLabel = "POLICY",
            description = "how a job's chunks are spread over its nodes: autotuned (default), proportional, fixed")
    String dispatch;
    @Option(names = "--max-queued-jobs", description = "most jobs waiting to start; more submissions get 429 (default 1000)")
    String maxQueuedJobs;
    @Option(names = "--max-queued-chunks", description = "most chunks of waiting jobs; more submissions get 429 (default 2000000)")
    String maxQueuedChunks;
    @Option(names = "--straggler-factor", description = "a chunk out longer than this many times the median chunk time on the job's other nodes is copied to another node (default 2.0)")
    String stragglerFactor;
    @Option(names = "--straggler-floor", description = "... and out longer than this (default 200ms)")
    String stragglerFloor;
    @Option(names = "--unresponsive-after", description = "a node holding chunks that answers none this long gets no new chunks (default 3s)")
    String unresponsiveAfter;
    @Option(names = "--node-wait", description = "a running job whose nodes are all gone waits this long for one to join, keeping its finished chunks, then fails nodes-lost (default 5m)")
    String nodeWait;
    @Option(names = "--kernel-call-timeout", description = "how long a node may take to check the params of, split or reduce a jar kernel; a params() that takes longer is a 400 (default 10s)")
    String kernelCallTimeout;
    @Option(names = "--live-timeout", description = "/health/live answers 503 when a probe on the API's worker pool has not run within this (default 4s)")
    String liveTimeout;
    @Option(names = "--max-inline-result", description = "a result whose JSON is larger (bytes) is kept apart from its record and served by GET /jobs/{id}/result (default 65536)")
    String maxInlineResult;

    public static void main(String[] args) {
        System.exit(new CommandLine(new CoordinatorMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = new PrintWriter(System.out, true);
        return ProcessLaunch.run("coordinator", new PrintWriter(System.err, true),
                () -> CoordinatorSettings.resolve(Flags.given(spec), System.getenv()),
                settings -> CoordinatorProcess.start(settings, KernelCatalog.builtIn()),
                IllegalStateException.class, 1, coordinator -> out.println(coordinator.url()));
    }
}
