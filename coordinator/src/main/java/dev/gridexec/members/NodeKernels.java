package dev.gridexec.members;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.catalog.UnresolvedKernelException;
import dev.gridexec.cluster.ClusterConfigs;
import dev.gridexec.wire.KernelAnswer;
import dev.gridexec.cluster.KernelCall;
import dev.gridexec.wire.Json;
import dev.gridexec.wire.TaskCodec;
import dev.gridexec.scheduler.ChunkValues;
import dev.gridexec.scheduler.JobKernel;
import dev.gridexec.scheduler.JobKernels;
import dev.gridexec.scheduler.KernelCallException;
import dev.gridexec.scheduler.KernelCheck;
import dev.gridexec.scheduler.KernelSplit;
import dev.gridexec.wire.Problem;
import dev.gridexec.wire.Task;
import dev.gridexec.trust.Seal;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster's job kernels: a built-in kernel runs in the coordinator as ever; a jar kernel's params check (at
 * submission), split and reduce run on a node ({@link KernelCall}), so that the coordinator runs no user code and loads
 * none of a jar's classes. Each call has the kernel-call timeout, on the node and here (plus a margin for the wire);
 * a node that is busy or leaves mid-call is replaced by the next, in random order. Nothing here blocks but
 * {@link JobKernel#split} and {@link KernelSplit#reduce}, on the scheduler's threads, for at most the timeout per node.
 */
public final class NodeKernels implements JobKernels {

    private static final Logger LOG = LoggerFactory.getLogger(NodeKernels.class);
    /** What the wire may add to a call's timeout before this side stops waiting. */
    static final Duration MARGIN = Duration.ofSeconds(2);
    private static final ObjectMapper RESULTS = Json.results();

    private final HazelcastInstance hazelcast;
    private final ClusterMembers members;
    private final JobKernels inProcess;
    private final Duration timeout;
    private final Seal seal;

    /** Kernels of {@code kernels} (built-ins here), jar kernels on {@code members}' nodes, each call for at most {@code timeout}. */
    public NodeKernels(HazelcastInstance hazelcast, ClusterMembers members, KernelResolver kernels, Duration timeout) {
        this.hazelcast = hazelcast;
        this.members = members;
        this.inProcess = JobKernels.inProcess(kernels);
        this.timeout = timeout;
        this.seal = Seal.of(hazelcast);
    }

    @Override
    public JobKernel open(Task task) {
        if (task.artifact() == null) {
            return inProcess.open(task);
        }
        if (!hazelcast.getMap(ClusterConfigs.ARTIFACTS_MAP).containsKey(task.artifact())) {
            throw new UnresolvedKernelException("artifact", "no jar with sha256 " + task.artifact() + " is stored in this cluster now");
        }
        return new JobKernel() {
            @Override
            public KernelSplit split(Task splitTask) {
                KernelAnswer answer = await(ask(KernelCall.split(seal, TaskCodec.encode(splitTask), timeout), "split"));
                if (answer.kind() != KernelAnswer.OK) {
                    throw new KernelCallException(answer.message());
                }
                return new EncodedSplit(splitTask, Arrays.asList((Object[]) answer.inputs()));
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * Checks a jar kernel's params (and mode) on a node: never blocks, completes within the timeout plus the margin for
     * each node it had to try. A built-in kernel's task passes at once (the API's reader checked it).
     */
    public CompletableFuture<KernelCheck> check(Task task) {
        if (task.artifact() == null) {
            return CompletableFuture.completedFuture(KernelCheck.passed(task));
        }
        return ask(KernelCall.check(seal, TaskCodec.encode(task), timeout), "params").thenApply(answer -> switch (answer.kind()) {
            case KernelAnswer.OK -> KernelCheck.passed(named(task, answer.kernel()));
            case KernelAnswer.PROBLEMS -> KernelCheck.rejected(answer.problemList());
            case KernelAnswer.TIMED_OUT -> KernelCheck.rejected(List.of(new Problem("params", answer.message()
                    + " (the kernel-call timeout); a kernel's params must return promptly")));
            case KernelAnswer.FAILED -> KernelCheck.rejected(List.of(new Problem("kernel", answer.message())));
            default -> KernelCheck.unavailable(answer.message());
        });
    }

    /** Asks the nodes in random order until one answers other than BUSY; completes, never fails. */
    private CompletableFuture<KernelAnswer> ask(KernelCall call, String what) {
        List<Member> nodes = new ArrayList<>(members.nodes());
        Collections.shuffle(nodes);
        return ask(call, what, nodes, 0, "no node is in the cluster to run the kernel's " + what);
    }

    private CompletableFuture<KernelAnswer> ask(KernelCall call, String what, List<Member> nodes, int next, String lastWhy) {
        if (next >= nodes.size()) {
            return CompletableFuture.completedFuture(KernelAnswer.failed(KernelAnswer.BUSY, lastWhy));
        }
        Member node = nodes.get(next);
        CompletableFuture<KernelAnswer> answered = new CompletableFuture<>();
        try {
            IExecutorService executor = hazelcast.getExecutorService(ClusterConfigs.KERNEL_CALL_EXECUTOR);
            ((CompletionStage<KernelAnswer>) executor.submitToMember(call, node)).whenComplete((answer, thrown) -> {
                if (thrown == null) {
                    answered.complete(answer);
                } else {
                    answered.completeExceptionally(thrown);
                }
            });
        } catch (RuntimeException e) {
            answered.completeExceptionally(e);
        }
        return answered.orTimeout(timeout.plus(MARGIN).toMillis(), TimeUnit.MILLISECONDS).handle((answer, thrown) -> {
            Throwable cause = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
            if (cause instanceof TimeoutException) {
                return CompletableFuture.completedFuture(KernelAnswer.failed(KernelAnswer.TIMED_OUT,
                        what + "() did not return within " + describe(timeout)));
            }
            if (cause != null) {
                String why = "node " + HazelcastMember.nameOf(node) + " could not run the kernel's " + what + ": " + cause;
                LOG.info("{}; asking another", why);
                return ask(call, what, nodes, next + 1, why);
            }
            if (answer.kind() == KernelAnswer.BUSY) {
                return ask(call, what, nodes, next + 1, "node " + HazelcastMember.nameOf(node) + ": " + answer.message());
            }
            return CompletableFuture.completedFuture(answer);
        }).thenCompose(f -> f);
    }

    private static KernelAnswer await(CompletableFuture<KernelAnswer> answer) {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelCallException("interrupted while waiting for a node");
        } catch (ExecutionException e) {
            throw new KernelCallException(String.valueOf(e.getCause()));
        }
    }

    private static String describe(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** {@code task} with its kernel named {@code kernel} (a jar kernel's fully qualified name, as the node resolved it). */
    private static Task named(Task task, String kernel) {
        return kernel == null || kernel.equals(task.kernel()) ? task : new Task(task.name(), kernel, task.params(), task.chunks(),
                task.mode(), task.workers(), task.nodes(), task.threadsPerSlot(), task.switchIntervalMs(), task.seed(),
                task.timeout(), task.maxAttempts(), task.artifact(), task.priority(), task.isolation());
    }

    /** A jar kernel's split: its inputs and outputs stay encoded here; a node reduces them. */
    private final class EncodedSplit implements KernelSplit {
        private final Task task;
        private final List<Object> inputs;

        EncodedSplit(Task task, List<Object> inputs) {
            this.task = task;
            this.inputs = inputs;
        }

        @Override
        public List<Object> inputs() {
            return inputs;
        }

        @Override
        public ChunkValues values() {
            return ChunkValues.ENCODED;
        }

        @Override
        public JsonNode reduce(List<Object> outputs) {
            byte[][] encoded = outputs.toArray(new byte[0][]);
            KernelAnswer answer = await(ask(KernelCall.reduce(seal, TaskCodec.encode(task), encoded, timeout), "reduce"));
            if (answer.kind() != KernelAnswer.OK) {
                throw new KernelCallException(answer.message());
            }
            try {
                return RESULTS.readTree(answer.result());
            } catch (IOException e) {
                throw new KernelCallException("the node's result is not JSON: " + e.getMessage());
            }
        }
    }
}
