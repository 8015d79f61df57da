package dev.gridexec.experiment;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.cluster.ClusterSettings;
import dev.gridexec.cluster.HazelcastJvmFlags;
import dev.gridexec.coordinator.CoordinatorProcess;
import dev.gridexec.coordinator.CoordinatorSettings;
import dev.gridexec.remote.CoordinatorClient;
import dev.gridexec.remote.CoordinatorException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * The cluster a {@code local: true} experiment starts on 127.0.0.1: N node JVMs (child processes running
 * {@code dev.gridexec.node.NodeMain} with this JVM's java and class path, under a random cluster name, on
 * free ports, logging into a directory) and a coordinator inside this JVM joined to them. Closing it stops
 * everything it started: the coordinator, then each node with SIGTERM (it drains and leaves) and, after a
 * grace period, SIGKILL. A shutdown hook does the same on Ctrl-C or when start-up fails half-way.
 */
public final class LocalCluster implements AutoCloseable {

    /** How long the nodes may take to start and be seen by the coordinator. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** How long stopped nodes may take to leave before they are killed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final String HOST = "127.0.0.1";

    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private final Thread hook = new Thread(this::stop, "gridexec-experiment-stop");
    private volatile CoordinatorProcess coordinator;
    private boolean stopped;

    private LocalCluster() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Starts {@code nodes} node JVMs and the coordinator, and returns once the coordinator sees every node. */
    public static LocalCluster start(int nodes, Path logs, Consumer<String> progress) throws Exception {
        LocalCluster cluster = new LocalCluster();
        try {
            cluster.launch(nodes, logs, progress);
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    private void launch(int nodes, Path logs, Consumer<String> progress) throws Exception {
        Files.createDirectories(logs);
        long started = System.nanoTime();
        String clusterName = "gridexec-experiment-" + UUID.randomUUID();
        List<Integer> ports = freePorts(nodes + 1);
        List<String> members = ports.stream().map(port -> HOST + ":" + port).toList();
        progress.accept(String.format(Locale.ROOT, "starting %d node JVM%s on %s (logs in %s)", nodes, nodes == 1 ? "" : "s",
                HOST, logs));
        for (int i = 0; i < nodes; i++) {
            Process process = nodeProcess(i, clusterName, ports.get(i), members, logs).start();
            processes.add(process);
            process.getOutputStream().close(); // a node reads nothing
        }
        ClusterSettings cluster = new ClusterSettings(clusterName, HOST, ports.get(nodes), members, Optional.empty(), 5);
        coordinator = CoordinatorProcess.start(new CoordinatorSettings(cluster, "experiment-coordinator", HOST, 0, 1024 * 1024,
                Duration.ofHours(1)), KernelCatalog.builtIn());
        awaitNodes(nodes, logs);
        progress.accept(String.format(Locale.ROOT, "%d node%s ready in %.1f s", nodes, nodes == 1 ? "" : "s",
                (System.nanoTime() - started) / 1e9));
    }

    /** This JVM's flags for GraalPy's optimizing runtime (client/bin/client adds them with the python module), for the nodes too. */
    static List<String> inheritedRuntimeFlags() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(flag -> flag.equals("-XX:+UnlockExperimentalVMOptions") || flag.equals("-XX:+EnableJVMCI")
                        || flag.startsWith("--upgrade-module-path=") || flag.startsWith("--enable-native-access=")
                        || flag.startsWith("--sun-misc-unsafe-memory-access="))
                .toList();
    }

    private static ProcessBuilder nodeProcess(int index, String clusterName, int port, List<String> members, Path logs) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(HazelcastJvmFlags.list());
        command.addAll(inheritedRuntimeFlags());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.gridexec.node.NodeMain",
                "--cluster-name", clusterName, "--host", HOST, "--port", Integer.toString(port),
                "--members", String.join(",", members), "--name", "node-" + index, "--http-port", "0",
                "--drain-timeout", "5s"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve("node-" + index + ".log").toFile());
        Map<String, String> env = builder.environment();
        String logLevel = env.getOrDefault("GRIDEXEC_LOG_LEVEL", "INFO");
        env.keySet().removeIf(key -> key.startsWith("GRIDEXEC_")); // the flags above are the whole configuration
        env.put("GRIDEXEC_LOG_LEVEL", logLevel);
        return builder;
    }

    private void awaitNodes(int nodes, Path logs) throws Exception {
        CoordinatorClient client = new CoordinatorClient(CoordinatorClient.parseUrl(url()));
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < processes.size(); i++) {
                if (!processes.get(i).isAlive()) {
                    throw new IllegalStateException("node-" + i + " exited with code " + processes.get(i).exitValue()
                            + " during start-up; the end of its log:\n" + tail(logs.resolve("node-" + i + ".log")));
                }
            }
            try {
                seen = client.nodes().size();
            } catch (CoordinatorException e) {
                seen = 0;
            }
            if (seen >= nodes) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(200); // polling interval while the JVMs start
        }
        throw new IllegalStateException("only " + seen + " of " + nodes + " nodes joined within " + START_TIMEOUT.toSeconds()
                + " s; logs in " + logs);
    }

    /** The coordinator's URL. */
    public String url() {
        return coordinator.url();
    }

    /** The node processes, for those who must check that none is left. */
    public List<ProcessHandle> processes() {
        return processes.stream().map(Process::toHandle).toList();
    }

    /** Stops the coordinator and every node process; waits for them to end. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        CoordinatorProcess running = coordinator;
        if (running != null) {
            try {
                running.close();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(LocalCluster.class).warn("the coordinator did not stop cleanly: {}", e.toString());
            }
        }
        processes.forEach(Process::destroy);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        try {
            for (Process process : processes) {
                process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            for (Process process : processes) {
                if (process.isAlive()) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            processes.forEach(Process::destroyForcibly);
            Thread.currentThread().interrupt();
        }
    }

    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getByName(HOST)));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
