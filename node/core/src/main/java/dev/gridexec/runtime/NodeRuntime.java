package dev.gridexec.runtime;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.catalog.ResolvedKernel;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.kernel.api.WarmUp;
import dev.gridexec.runtime.gil.GilModel;
import dev.gridexec.runtime.sandbox.ChildPool;
import dev.gridexec.runtime.sandbox.SandboxModel;
import dev.gridexec.runtime.slots.SlotPool;
import dev.gridexec.runtime.slots.SlotsModel;
import dev.gridexec.runtime.threads.ThreadsModel;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.NodeLoad;
import dev.gridexec.wire.Task;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that runs chunks inside one node, for as long as the node lives: its workers (its capacity,
 * shared by every job in turn), its pool of warm slots per kernel, its pool of warm child processes, and the jobs
 * it opens on them. A kernel from a jar runs in a child process (the task's mode inside it) when the settings'
 * {@code sandbox.jars()} says so, a node process's default; any kernel does in {@code processes} mode.
 */
public final class NodeRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeRuntime.class);

    private final String name;
    private final KernelResolver kernels;
    private final RuntimeSettings settings;
    private final Workers workers;
    private final SlotPool slots;
    private final ChildPool children;
    private final ModelFactory sandboxed;
    private final Map<Mode, ModelFactory> models = new EnumMap<>(Mode.class);
    private final java.util.function.Consumer<String> artifactEvicted;
    private final AtomicInteger openJobs = new AtomicInteger();
    private final ProcessLoad process = new ProcessLoad();

    /** A node that runs the catalog's kernels only, with one worker per processor. */
    public NodeRuntime(String name, KernelCatalog catalog) {
        this(name, KernelResolver.withoutArtifacts(catalog));
    }

    /** A node that runs the kernels {@code kernels} resolves, with one worker per processor. */
    public NodeRuntime(String name, KernelResolver kernels) {
        this(name, kernels, RuntimeSettings.defaults());
    }

    /** A node that runs the kernels {@code kernels} resolves, those in uploaded artifacts included. */
    public NodeRuntime(String name, KernelResolver kernels, RuntimeSettings settings) {
        this.name = name;
        this.kernels = kernels;
        this.settings = settings;
        this.workers = new Workers(name, settings.workers());
        this.slots = new SlotPool(name, settings.maxIdleSlots(), settings.slotIdleTimeout());
        this.artifactEvicted = slots::evictArtifact;
        kernels.artifacts().addEvictionListener(artifactEvicted);
        models.put(Mode.THREADS, new ThreadsModel());
        models.put(Mode.GIL, new GilModel());
        models.put(Mode.SLOTS, new SlotsModel(slots));
        this.children = new ChildPool(name, settings.workers(), settings.sandbox());
        models.put(Mode.PROCESSES, SandboxModel.processes(children));
        this.sandboxed = SandboxModel.sandboxed(children);
    }

    /** The node's name, as placements report it. */
    public String name() {
        return name;
    }

    /** The most workers the node runs at once, for all jobs together. */
    public int capacity() {
        return settings.workers();
    }

    /** The node's warm slots. */
    public SlotPool slots() {
        return slots;
    }

    /** The node's child processes (warm ones for the next job, and those running jobs). */
    public ChildPool children() {
        return children;
    }

    /** Capacity, busy workers, open jobs, warm slots, the process's CPU load and heap now (not draining: see NodeService). */
    public NodeLoad load() {
        return new NodeLoad(capacity(), workers.busy(), openJobs.get(), slots.warmSlots(), process.cpuLoad(),
                process.heapUsedBytes(), process.heapMaxBytes(), false);
    }

    /** Worker threads made so far: none before the first chunk, then exactly the capacity. */
    public int workerThreads() {
        return workers.threads();
    }

    /**
     * Opens {@code task}'s execution model: the kernel is resolved and instantiated once here, and slots are
     * leased (warm) or built, or child processes taken (warm) or started. A sandboxed jar kernel is not
     * instantiated in this process at all: only its child runs its code. A task asking for more workers than the
     * node has gets the node's capacity. The task must be valid. The session holds the kernel's artifact, if any,
     * until its model has stopped.
     */
    public JobSession open(String jobId, Task task) {
        long begin = System.nanoTime();
        ResolvedKernel source = kernels.resolve(task);
        try {
            boolean fromJar = source.artifact().isPresent();
            boolean inChild = task.mode() == Mode.PROCESSES || (fromJar && settings.sandbox().jars());
            Kernel<Object, Object, Object, Object> kernel = null;
            Object params = null;
            if (!(inChild && fromJar)) {
                kernel = source.newInstance();
                ParamReader reader = new ParamReader(task.params());
                params = kernel.params(reader);
                if (!reader.ok()) {
                    throw new IllegalArgumentException("invalid params reached the node: " + reader.problems());
                }
            }
            JobScope scope = new JobScope(jobId, source, kernel, params, task.params(), task.seed(), new Cancellation());
            ModelSettings model = new ModelSettings(task.mode(), Math.min(task.workers(), capacity()),
                    task.threadsPerSlot(), task.switchIntervalMs(), task.isolation());
            ModelFactory factory = inChild && task.mode() != Mode.PROCESSES ? sandboxed : models.get(task.mode());
            Interpreters interpreters = factory.open(model, scope);
            ExecutionModel execution = new ExecutionModel(workers, interpreters, System.nanoTime() - begin);
            openJobs.incrementAndGet();
            execution.stopped().whenComplete((done, failure) -> openJobs.decrementAndGet());
            return new JobSession(scope, execution);
        } catch (RuntimeException | Error e) {
            source.close();
            throw e;
        }
    }

    /**
     * Makes, on a thread of its own, one warm slot of every built-in kernel that is a {@link WarmUp} (python: its
     * interpreter takes seconds to start), so that the first job asking for one finds it ready. A node process calls it
     * once it has started; the future completes with the kernels that got a slot, and never fails (a kernel that
     * cannot warm up is logged and left to its first job).
     */
    public CompletableFuture<List<String>> prewarm() {
        CompletableFuture<List<String>> warmed = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            List<String> made = new ArrayList<>();
            for (String kernel : kernels.catalog().names()) {
                Class<?> type = kernels.catalog().find(kernel).orElseThrow().kernelClass();
                if (!WarmUp.class.isAssignableFrom(type)) {
                    continue;
                }
                try (ResolvedKernel source = kernels.resolve(kernel, null)) {
                    if (slots.prewarm(source)) {
                        made.add(kernel);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("node {}: no warm slot of {} ahead of its jobs: {}", name, kernel, e.toString());
                }
            }
            warmed.complete(List.copyOf(made));
        }, name + "-prewarm");
        thread.setDaemon(true);
        thread.start();
        return warmed;
    }

    /** Stops the workers (close the jobs first), closes every idle warm slot and destroys every child process. */
    @Override
    public void close() {
        workers.close();
        kernels.artifacts().removeEvictionListener(artifactEvicted);
        slots.close();
        children.close();
    }
}
