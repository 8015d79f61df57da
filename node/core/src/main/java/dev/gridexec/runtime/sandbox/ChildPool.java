package dev.gridexec.runtime.sandbox;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's child processes: warm idle ones kept for the next job (like Python's multiprocessing Pool keeps its
 * workers), new ones started on demand, dead ones dropped. Every child it started is destroyed when the pool closes,
 * and by a shutdown hook if the node's JVM exits without closing it; a child also exits by itself when its stdin ends.
 * Starts no process and no thread until the first job asks for a child.
 */
public final class ChildPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChildPool.class);
    /** The node's JVM flags a child gets too (see {@link #inherited}). */
    private static final List<String> INHERITED = List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
            "--upgrade-module-path", "--enable-native-access", "--sun-misc-unsafe-memory-access", "--add-opens",
            "--add-exports");
    /** How long a child may take to start and say it is ready. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /** An idle child and when it was given back. */
    private record Idle(Child child, long sinceNanos) {
    }

    private final String nodeName;
    private final int capacity;
    private final SandboxSettings settings;
    private final Set<Child> all = ConcurrentHashMap.newKeySet();
    private final ArrayDeque<Idle> idle = new ArrayDeque<>(); // guarded by this; most recently used last
    private ScheduledThreadPoolExecutor timer; // guarded by this; made on first use
    private Thread shutdownHook; // guarded by this
    private boolean closed; // guarded by this

    /**
     * @param nodeName the node's name, for the children's names and threads
     * @param capacity the node's capacity: what each child's own runtime offers a job
     */
    public ChildPool(String nodeName, int capacity, SandboxSettings settings) {
        this.nodeName = nodeName;
        this.capacity = capacity;
        this.settings = settings;
    }

    /** The pool's settings. */
    public SandboxSettings settings() {
        return settings;
    }

    /** Idle warm children now. */
    public synchronized int warm() {
        return idle.size();
    }

    /** Children alive now, idle or running a job. */
    public int alive() {
        return (int) all.stream().filter(Child::alive).count();
    }

    /** The children's process handles (alive or not yet reaped), for tests and metrics. */
    public List<ProcessHandle> processes() {
        return all.stream().map(Child::handle).toList();
    }

    /**
     * {@code n} ready children: idle warm ones first (most recently used first), new ones started together for the
     * rest. Give each back with {@link #giveBack} when its job ends.
     *
     * @throws IllegalStateException when a child cannot be started or does not get ready in time
     */
    List<Child> take(int n) {
        List<Child> taken = new ArrayList<>(n);
        timer(); // the idle reaper runs once the pool is in use
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("node " + nodeName + " is closed");
            }
            while (taken.size() < n && !idle.isEmpty()) {
                Child child = idle.pollLast().child();
                if (child.alive()) {
                    taken.add(child);
                } else {
                    all.remove(child);
                }
            }
        }
        List<Child> started = new ArrayList<>();
        try {
            while (taken.size() + started.size() < n) {
                started.add(startOne());
            }
            CompletableFuture.allOf(started.stream().map(Child::ready).toArray(CompletableFuture[]::new))
                    .get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            started.forEach(this::discard);
            taken.forEach(child -> giveBack(child, true));
            throw new IllegalStateException("cannot start a kernel process on node " + nodeName + ": " + e, e);
        }
        taken.addAll(started);
        return taken;
    }

    /** Takes {@code child} back: kept warm if {@code keep}, it lives and there is room, else destroyed. */
    void giveBack(Child child, boolean keep) {
        synchronized (this) {
            if (keep && !closed && child.alive() && idle.size() < settings.maxIdle()) {
                idle.addLast(new Idle(child, System.nanoTime()));
                return;
            }
        }
        discard(child);
    }

    /** Runs {@code action} after {@code delay} on the pool's timer (the grace before a kill). */
    void schedule(Runnable action, Duration delay) {
        timer().schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Destroys every child, idle or running a job (their chunks fail), and stops the pool's timer. Idempotent. */
    @Override
    public void close() {
        Thread hook;
        synchronized (this) {
            closed = true;
            idle.clear();
            if (timer != null) {
                timer.shutdownNow();
            }
            hook = shutdownHook;
            shutdownHook = null;
        }
        destroyAll();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    private void destroyAll() {
        for (Child child : List.copyOf(all)) {
            discard(child);
        }
    }

    private void discard(Child child) {
        all.remove(child);
        child.destroy();
    }

    private Child startOne() throws IOException {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("node " + nodeName + " is closed");
            }
            if (shutdownHook == null) {
                shutdownHook = new Thread(this::destroyAll, "gridexec-sandbox-" + nodeName + "-hook");
                Runtime.getRuntime().addShutdownHook(shutdownHook);
            }
        }
        Child child = Child.start(command());
        all.add(child);
        LOG.debug("node {}: started kernel process {}", nodeName, child.pid());
        child.died().thenRun(() -> all.remove(child));
        return child;
    }

    /**
     * The same java as the node's, its class path, a heap of its own and a small-footprint collector; an
     * OutOfMemoryError ends the child (status 3), and the JVM's own messages go to stderr, never into the protocol.
     * The node's temporary folder is the child's too (its artifact cache writes the jar there).
     */
    private List<String> command() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + settings.heap(), "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError", "-XX:+DisplayVMOutputToStderr", "-XX:-UsePerfData", "-Djava.awt.headless=true",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir")));
        command.addAll(inherited(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                SandboxMain.class.getName(), Integer.toString(capacity), nodeName + "-child"));
        return command;
    }

    /**
     * The node's JVM flags a child needs to load what the node loads: the module and JVMCI flags with which the
     * launchers start GraalPy's optimizing runtime (python kernels run in children in {@code processes} mode).
     */
    static List<String> inherited(List<String> nodeFlags) {
        return nodeFlags.stream().filter(flag -> INHERITED.stream().anyMatch(
                name -> flag.equals(name) || flag.startsWith(name + "="))).toList();
    }


    private synchronized ScheduledExecutorService timer() {
        if (timer == null) {
            timer = new ScheduledThreadPoolExecutor(1, r -> {
                Thread thread = new Thread(r, "gridexec-sandbox-" + nodeName + "-timer");
                thread.setDaemon(true);
                return thread;
            });
            timer.setRemoveOnCancelPolicy(true);
            long period = Math.max(1, Math.min(settings.idleTimeout().toMillis(), 30_000));
            timer.scheduleWithFixedDelay(this::expireIdle, period, period, TimeUnit.MILLISECONDS);
        }
        return timer;
    }

    private void expireIdle() {
        long now = System.nanoTime();
        List<Child> expired = new ArrayList<>();
        synchronized (this) {
            for (Iterator<Idle> it = idle.iterator(); it.hasNext(); ) {
                Idle entry = it.next();
                if (!entry.child().alive() || now - entry.sinceNanos() > settings.idleTimeout().toNanos()) {
                    it.remove();
                    expired.add(entry.child());
                }
            }
        }
        expired.forEach(this::discard);
    }
}
