package dev.gridexec.node;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.lifecycle.ProcessLaunch;
import dev.gridexec.settings.ClusterOptions;
import dev.gridexec.settings.Flags;
import dev.gridexec.store.StoreUnavailableException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code node}: runs a gridexec node until SIGTERM, then drains and leaves. Exit codes: 0 stopped, 2 bad settings (a store it cannot use included), 1 failed. */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = {"Runs a gridexec node: a Hazelcast member that runs chunks.",
                "Settings: defaults < --config file (Java properties, same keys) < GRIDEXEC_* environment < flags."},
        footer = {"", "Every flag has an environment variable: --cluster-name = GRIDEXEC_CLUSTER_NAME, etc."})
public final class NodeMain implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;
    @Option(names = "--name", description = "node name (default node-<port>)")
    String name;
    @Option(names = "--workers", description = "capacity: most workers running at once for all jobs together, and a job's default (default: processors)")
    String workers;
    @Option(names = "--mode", description = "default execution model: threads, slots, gil, processes (default threads)")
    String mode;
    @Option(names = "--http-host", description = "health endpoint address (default: --host)")
    String httpHost;
    @Option(names = "--http-port", description = "health endpoint port (default 8081, 0 = any free)")
    String httpPort;
    @Option(names = "--drain-timeout", description = "on SIGTERM, wait this long for running chunks (default 30s)")
    String drainTimeout;
    @Option(names = "--max-idle-slots", description = "idle warm slots kept over all kernels (default 4 x workers; 0 = none)")
    String maxIdleSlots;
    @Option(names = "--slot-idle-timeout", description = "an idle warm slot unused this long is closed (default 5m)")
    String slotIdleTimeout;
    @Option(names = "--sandbox", description = "jars: kernels from uploaded jars run in child processes of the node (default); off: in the node")
    String sandbox;
    @Option(names = "--sandbox-heap", description = "heap of each child process (-Xmx, default 512m)")
    String sandboxHeap;
    @Option(names = "--sandbox-grace", description = "a cancelled or timed-out chunk still running this long has its child process killed (default 1s)")
    String sandboxGrace;
    @Option(names = "--sandbox-idle", description = "idle warm child processes kept for the next job (default: workers)")
    String sandboxIdle;
    @Option(names = "--store", paramLabel = "JDBC-URL", description = {"keep job records, jars and ledgers through a restart of the"
            + " whole cluster: jdbc:sqlite:/path/gridexec.db (nodes on one host share the file) or"
            + " jdbc:postgresql://host:5432/db (default: memory only)"})
    String store;
    @Option(names = "--store-user", paramLabel = "USER", description = "database user of --store")
    String storeUser;
    @Option(names = "--store-password-file", paramLabel = "FILE",
            description = "file holding the database password (or GRIDEXEC_STORE_PASSWORD; never a flag)")
    String storePasswordFile;

    public static void main(String[] args) {
        System.exit(new CommandLine(new NodeMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        return ProcessLaunch.run("node", new PrintWriter(System.err, true),
                () -> NodeSettings.resolve(Flags.given(spec), System.getenv()),
                settings -> NodeProcess.start(settings, KernelCatalog.builtIn()),
                StoreUnavailableException.class, 2, node -> { });
    }
}
