package dev.gridexec.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A cluster of JVMs on 127.0.0.1 driven through deploy/local-cluster.sh, in a run dir of its own: start, restart one
 * process, kill one, stop them all.
 */
final class LocalCluster implements AutoCloseable {

    static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path SCRIPT = REPO.resolve("deploy/local-cluster.sh");
    static final String URL = "http://127\\.0\\.0\\.1:\\d+";

    /** What one run of the script wrote, and how it ended. */
    record Result(int exit, String stdout, String stderr) {
        String output() {
            return stdout + stderr;
        }
    }

    private final Path runDir;
    private List<String> urls = List.of();
    private Result lastStart;

    LocalCluster(Path runDir) {
        this.runDir = runDir;
    }

    /** Starts {@code nodes} nodes of one worker each and {@code coordinators} coordinators; returns the coordinators' URLs. */
    List<String> start(int nodes, int coordinators) throws Exception {
        Result started = script(180, "start", "--nodes", String.valueOf(nodes), "--coordinators", String.valueOf(coordinators),
                "--workers", "1", "--run-dir", runDir.toString());
        assertThat(started.exit()).as(started.output()).isZero();
        urls = started.stdout().lines().toList();
        assertThat(urls).as("stdout of start: one URL per coordinator and nothing else: %s", started.output()).hasSize(coordinators)
                .allSatisfy(line -> assertThat(line).matches(URL)).doesNotHaveDuplicates();
        lastStart = started;
        return urls;
    }

    /** What the last {@link #start} wrote. */
    Result lastStart() {
        return lastStart;
    }

    /** Coordinator {@code i}'s URL, as start printed it. */
    String url(int i) {
        return urls.get(i);
    }

    /**
     * Restarts process {@code name} with the script (SIGTERM, or SIGKILL when {@code kill}; then the same command line),
     * and returns once it is ready; returns the script's stdout (a coordinator's URL).
     */
    String restart(String name, boolean kill) throws Exception {
        List<String> args = new ArrayList<>(List.of("restart", name, "--run-dir", runDir.toString()));
        if (kill) {
            args.add("--kill");
        }
        Result restarted = script(180, args.toArray(String[]::new));
        assertThat(restarted.exit()).as("restart %s: %s", name, restarted.output()).isZero();
        return restarted.stdout().trim();
    }

    /** Runs the script with these arguments. */
    Result script(int timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("local-cluster", ".out");
        Path err = Files.createTempFile("local-cluster", ".err");
        try {
            Process process = new ProcessBuilder(command).directory(REPO.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("local-cluster.sh " + String.join(" ", args) + " did not finish in " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Kills process {@code name} with SIGKILL (a crash) and returns once it is gone. */
    void kill(String name) throws IOException {
        ProcessHandle handle = running(name);
        assertThat(handle.destroyForcibly()).as("SIGKILL sent to %s (pid %d)", name, handle.pid()).isTrue();
        assertThat(handle.onExit().orTimeout(30, TimeUnit.SECONDS).join().isAlive()).as("%s alive after SIGKILL", name).isFalse();
    }

    /** Sends process {@code name} SIGTERM (a graceful stop) and returns at once, while it stops. */
    void terminate(String name) throws IOException {
        ProcessHandle handle = running(name);
        assertThat(handle.destroy()).as("SIGTERM sent to %s (pid %d)", name, handle.pid()).isTrue();
    }

    private ProcessHandle running(String name) throws IOException {
        long pid = Long.parseLong(Files.readString(runDir.resolve(name + ".pid")).trim());
        return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(name + " (pid " + pid + ") is not running"));
    }

    /** The pid file of every process of the run dir: name to pid. */
    Map<String, String> pids() throws IOException {
        Map<String, String> pids = new LinkedHashMap<>();
        try (var files = Files.list(runDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".pid")).sorted().toList()) {
                String name = file.getFileName().toString();
                pids.put(name.substring(0, name.length() - ".pid".length()), Files.readString(file).trim());
            }
        }
        return pids;
    }

    /** The last lines of process {@code name}'s log, for a failure's message. */
    String logTail(String name, int lines) {
        try {
            List<String> all = Files.readAllLines(runDir.resolve(name + ".log"));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log of " + name + ": " + e + ")";
        }
    }

    /**
     * Stops every process of the run dir (the script's stop: SIGTERM, then SIGKILL after its grace period) and keeps
     * their logs in {@code keepLogsIn} (the run dir is a temporary folder).
     */
    void close(Path keepLogsIn) throws Exception {
        Result stopped = script(120, "stop", "--run-dir", runDir.toString());
        Files.createDirectories(keepLogsIn);
        try (var logs = Files.list(runDir)) {
            for (Path log : logs.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
                Files.copy(log, keepLogsIn.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        assertThat(stopped.exit()).as(stopped.output()).isZero();
    }

    @Override
    public void close() throws Exception {
        close(REPO.resolve("client/target/local-cluster-logs/" + runDir.getFileName()));
    }
}
