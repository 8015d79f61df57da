package dev.gridexec.testkernels;

import dev.gridexec.kernel.api.ChunkContext;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.kernel.api.SplitRequest;
import dev.gridexec.testkernels.board.ProbeBoard;
import java.util.List;

/**
 * A kernel for tests: each action makes one property of an execution model observable on {@link ProbeBoard}.
 * <ul>
 *   <li>{@code state}: records its static-state object (one per slot vs one shared);</li>
 *   <li>{@code hold}: {@code windows} times, counts itself active, sleeps 1 ms WITHOUT releasing any lock
 *       (like C code that keeps the GIL), then checkpoints — the max active count is the model's true concurrency;</li>
 *   <li>{@code wait}: sleeps {@code millis} in a blocking section, counting itself waiting;</li>
 *   <li>{@code gate}: counts itself active, tells {@link ProbeBoard#ENTERED}, waits (up to {@code millis}) for
 *       {@link ProbeBoard#gate()} to open — how many chunks pass the gate at once is how many run at once;</li>
 *   <li>{@code spin}: burns CPU with checkpoints until {@code millis} have passed (or the job is cancelled);</li>
 *   <li>{@code flaky}: throws on the first attempt at each chunk, succeeds on the next;</li>
 *   <li>{@code throw} / {@code error}: throws an exception / an Error on chunk {@code failChunk} (all chunks if -1).</li>
 * </ul>
 */
public final class ProbeKernel implements Kernel<ProbeKernel.Params, ProbeKernel.Input, ProbeKernel.Output, ProbeKernel.Result> {

    /** This class's static state: one object per class definition, so one per slot in slots mode. */
    private static final Object STATE = new Object();

    public record Params(String action, int windows, long millis, int failChunk) {
    }

    public record Input(int chunk) {
    }

    public record Output(int chunk, long value) {
    }

    public record Result(int chunks, long sum) {
    }

    @Override
    public Params params(ParamReader params) {
        return new Params(
                params.choiceParam("action", "state", "state", "hold", "wait", "gate", "spin", "throw", "error", "flaky"),
                params.intParam("windows", 0, 1_000_000, 20),
                params.longParam("millis", 0, 3_600_000, 10),
                params.intParam("failChunk", -1, 1_000_000, -1));
    }

    @Override
    public List<Input> split(Params params, SplitRequest request) {
        return request.indexed(Input::new);
    }

    @Override
    public Output run(Params params, Input input, ChunkContext context) throws Exception {
        ProbeBoard.started();
        try {
            return act(params, input, context);
        } finally {
            ProbeBoard.finished();
        }
    }

    private Output act(Params params, Input input, ChunkContext context) throws Exception {
        boolean failing = params.failChunk() < 0 || params.failChunk() == input.chunk();
        switch (params.action()) {
            case "state" -> ProbeBoard.STATES.add(STATE);
            case "hold" -> {
                for (int w = 0; w < params.windows(); w++) {
                    ProbeBoard.enter(ProbeBoard.ACTIVE, ProbeBoard.MAX_ACTIVE);
                    Thread.sleep(1);
                    ProbeBoard.ACTIVE.decrementAndGet();
                    context.checkpoint();
                }
            }
            case "wait" -> context.blocking(() -> {
                ProbeBoard.enter(ProbeBoard.WAITING, ProbeBoard.MAX_WAITING);
                try {
                    Thread.sleep(params.millis());
                } finally {
                    ProbeBoard.WAITING.decrementAndGet();
                }
                return null;
            });
            case "gate" -> {
                ProbeBoard.enter(ProbeBoard.ACTIVE, ProbeBoard.MAX_ACTIVE);
                try {
                    ProbeBoard.ENTERED.release();
                    ProbeBoard.gate().await(params.millis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                } finally {
                    ProbeBoard.ACTIVE.decrementAndGet();
                }
            }
            case "spin" -> {
                long end = System.nanoTime() + params.millis() * 1_000_000;
                long x = 0;
                while (System.nanoTime() < end) {
                    for (int i = 0; i < 1000; i++) {
                        x += i ^ (x >>> 3);
                    }
                    context.checkpoint();
                }
                return new Output(input.chunk(), x);
            }
            case "throw" -> {
                if (failing) {
                    throw new IllegalStateException("probe failure in chunk " + input.chunk());
                }
            }
            case "flaky" -> {
                if (ProbeBoard.ATTEMPTS.merge(input.chunk(), 1, Integer::sum) == 1) {
                    throw new IllegalStateException("flaky first attempt at chunk " + input.chunk());
                }
            }
            case "error" -> {
                if (failing) {
                    throw new AssertionError("probe error in chunk " + input.chunk());
                }
            }
            default -> throw new IllegalArgumentException(params.action());
        }
        return new Output(input.chunk(), input.chunk());
    }

    @Override
    public Result reduce(Params params, List<Output> outputs) {
        long sum = 0;
        for (Output output : outputs) {
            sum += output.value();
        }
        return new Result(outputs.size(), sum);
    }
}
