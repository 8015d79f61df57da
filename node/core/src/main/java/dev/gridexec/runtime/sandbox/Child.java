package dev.gridexec.runtime.sandbox;

import dev.gridexec.wire.KernelAnswer;
import dev.gridexec.runtime.ChunkOutcome;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's handle on one child process ({@link SandboxMain}): opens jobs in it, runs chunks there and completes
 * their futures as the answers come back. A reader thread takes the child's frames; another passes its stderr to
 * the node's log. When the child ends (an exit, a crash, an OutOfMemoryError, a kill) every chunk still running in it
 * ends as a fatal failure naming the exit status or signal, and the child is {@linkplain #alive() dead} for good.
 */
final class Child {

    private static final Logger LOG = LoggerFactory.getLogger(Child.class);

    /** One chunk sent to the child. */
    private record Call(int job, CompletableFuture<ChunkOutcome> result) {
    }

    private final Process process;
    private final DataOutputStream toChild;
    private final CompletableFuture<Long> ready = new CompletableFuture<>();
    private final CompletableFuture<String> died = new CompletableFuture<>();
    private final Map<Integer, Call> calls = new ConcurrentHashMap<>();
    private final Map<Integer, CompletableFuture<String>> opens = new ConcurrentHashMap<>();
    private final Map<Integer, CompletableFuture<KernelAnswer>> kernelCalls = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Thread errors;
    private volatile String lastError = "";
    private volatile String death; // null while alive

    private Child(Process process) {
        this.process = process;
        this.toChild = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
        Thread reader = new Thread(this::read, "gridexec-sandbox-" + process.pid() + "-out");
        reader.setDaemon(true);
        this.errors = new Thread(this::drainErrors, "gridexec-sandbox-" + process.pid() + "-err");
        errors.setDaemon(true);
        reader.start();
        errors.start();
    }

    /** Starts a child with {@code command}; it is {@linkplain #ready() ready} once it has said so. */
    static Child start(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.redirectOutput(ProcessBuilder.Redirect.PIPE);
        builder.redirectError(ProcessBuilder.Redirect.PIPE);
        // Warnings and errors only: its stderr goes to the node's log, and its last line is quoted when it dies, so
        // that line should be what went wrong, not an ordinary INFO line.
        builder.environment().put("GRIDEXEC_LOG_LEVEL", "WARN");
        return new Child(builder.start());
    }

    /** The child's process id. */
    long pid() {
        return process.pid();
    }

    /** The child's process, to watch it end. */
    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Completes with the child's pid once it is up, exceptionally if it died first. */
    CompletableFuture<Long> ready() {
        return ready.copy();
    }

    /** Completes with how the child ended (see {@link Exits}), once its death has been handled. */
    CompletableFuture<String> died() {
        return died.copy();
    }

    /** Whether the child runs and speaks the protocol. */
    boolean alive() {
        return death == null && process.isAlive();
    }

    /** How the child ended, or null while it lives. */
    String death() {
        return death;
    }

    /** Opens a job in the child; completes with its key, exceptionally with what went wrong (the child's death included). */
    CompletableFuture<Integer> open(byte[] task, String jar) {
        int job = ids.incrementAndGet();
        CompletableFuture<String> answer = new CompletableFuture<>();
        opens.put(job, answer);
        send(new Frame.Open(job, task, jar));
        if (death != null) {
            answer.complete(death);
        }
        return answer.thenApply(error -> {
            opens.remove(job);
            if (!error.isEmpty()) {
                throw new IllegalStateException(error);
            }
            return job;
        });
    }

    /** Runs one chunk of {@code job}; the future completes with its outcome (a fatal failure if the child dies first). */
    CompletableFuture<ChunkOutcome> run(int job, int index, byte[] input) {
        int call = ids.incrementAndGet();
        CompletableFuture<ChunkOutcome> result = new CompletableFuture<>();
        calls.put(call, new Call(job, result));
        send(new Frame.Run(job, call, index, input));
        String ended = death;
        if (ended != null && calls.remove(call) != null) {
            result.complete(new ChunkOutcome.Failed(ended, true, 0));
        }
        return result;
    }

    /**
     * Runs one kernel call that is not a chunk ({@link Frame.Call}); the future completes with its answer, or
     * exceptionally with an {@link IllegalStateException} naming how the child ended if it dies first.
     */
    CompletableFuture<KernelAnswer> call(byte what, byte[] task, String jar, byte[][] outputs) {
        int call = ids.incrementAndGet();
        CompletableFuture<KernelAnswer> answer = new CompletableFuture<>();
        kernelCalls.put(call, answer);
        send(new Frame.Call(call, what, task, jar, outputs == null ? new byte[0][] : outputs));
        String ended = death;
        if (ended != null && kernelCalls.remove(call) != null) {
            answer.completeExceptionally(new IllegalStateException(ended));
        }
        return answer;
    }

    /** Whether a chunk of {@code job} still runs in the child. */
    boolean running(int job) {
        return calls.values().stream().anyMatch(call -> call.job() == job);
    }

    /** Cancels {@code job}'s chunks in the child (they stop at their next checkpoint). */
    void cancel(int job) {
        send(new Frame.Cancel(job));
    }

    /** Closes {@code job} in the child; its chunks have all ended. */
    void close(int job) {
        send(new Frame.Close(job));
    }

    /** Kills the child at once (SIGKILL), and any process it started; its running chunks fail as it dies. */
    void destroy() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** A write that fails means the child is gone: the reader sees it end and fails what runs there. */
    private void send(Frame frame) {
        if (death != null) {
            return;
        }
        try {
            synchronized (toChild) {
                Frame.write(toChild, frame);
            }
        } catch (IOException e) {
            destroy();
        }
    }

    private void read() {
        String why = null;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(process.getInputStream()))) {
            while (true) {
                Frame frame = Frame.read(in);
                if (frame instanceof Frame.Ready r) {
                    ready.complete(r.pid());
                } else if (frame instanceof Frame.Opened opened) {
                    CompletableFuture<String> answer = opens.get(opened.job());
                    if (answer != null) {
                        answer.complete(opened.error());
                    }
                } else if (frame instanceof Frame.Outcome outcome) {
                    Call call = calls.remove(outcome.call());
                    if (call != null) {
                        call.result().complete(outcomeOf(outcome));
                    }
                } else if (frame instanceof Frame.Answered answered) {
                    CompletableFuture<KernelAnswer> answer = kernelCalls.remove(answered.call());
                    if (answer != null) {
                        answer.complete(answered.answer());
                    }
                } else {
                    why = "sent an unexpected " + frame.getClass().getSimpleName();
                    break;
                }
            }
        } catch (IOException e) {
            if (!(e instanceof java.io.EOFException)) {
                why = "broke the protocol: " + e.getMessage();
            }
        }
        if (why != null) {
            LOG.warn("sandbox child {} {}; destroying it", pid(), why);
        }
        died(why);
    }

    private void died(String protocolProblem) {
        destroy(); // it stopped speaking: whatever it does now, it ends here
        int status;
        try {
            status = process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
            errors.join(1000); // its last words, if any, are read before they are reported
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = -1;
        }
        String description = Exits.describe(pid(), status);
        String last = lastError;
        if (protocolProblem != null) {
            description += " after it " + protocolProblem;
        } else if (!last.isEmpty()) {
            description += " (last words: " + (last.length() > 200 ? last.substring(0, 200) + "…" : last) + ")";
        }
        String ending = description;
        death = ending;
        LOG.info("sandbox child {}: {}", pid(), ending);
        ready.completeExceptionally(new IllegalStateException(ending));
        for (Integer call : List.copyOf(calls.keySet())) {
            Call ended = calls.remove(call);
            if (ended != null) {
                ended.result().complete(new ChunkOutcome.Failed(ending, true, 0));
            }
        }
        opens.values().forEach(answer -> answer.complete(ending));
        for (Integer call : List.copyOf(kernelCalls.keySet())) {
            CompletableFuture<KernelAnswer> answer = kernelCalls.remove(call);
            if (answer != null) {
                answer.completeExceptionally(new IllegalStateException(ending));
            }
        }
        died.complete(ending);
    }

    private void drainErrors() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.isBlank()) {
                    lastError = line;
                    LOG.info("[sandbox child {}] {}", pid(), line);
                }
            }
        } catch (IOException e) {
            // the child is gone; its end is reported by the reader
        }
    }

    private static ChunkOutcome outcomeOf(Frame.Outcome outcome) {
        return switch (outcome.kind()) {
            case Frame.Outcome.DONE -> new ChunkOutcome.Done(outcome.body(), outcome.computeNanos());
            case Frame.Outcome.FAILED, Frame.Outcome.FATAL -> new ChunkOutcome.Failed(
                    new String(outcome.body(), StandardCharsets.UTF_8), outcome.kind() == Frame.Outcome.FATAL,
                    outcome.computeNanos());
            default -> new ChunkOutcome.Cancelled(outcome.computeNanos());
        };
    }
}
