package dev.gridexec.runtime.sandbox;

import dev.gridexec.artifacts.ArtifactCache;
import dev.gridexec.artifacts.ArtifactStore;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.wire.KernelAnswer;
import dev.gridexec.runtime.ChunkOutcome;
import dev.gridexec.runtime.JobSession;
import dev.gridexec.runtime.KernelCallWork;
import dev.gridexec.runtime.NodeRuntime;
import dev.gridexec.runtime.Outcomes;
import dev.gridexec.runtime.RuntimeSettings;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import dev.gridexec.wire.TaskCodec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A child process of a node (the sandbox): runs the chunks its node sends it on its own {@link NodeRuntime}, in the
 * task's mode, and answers each with its outcome (see {@link Frame}); runs a jar kernel's params check, split and
 * reduce the node sends it ({@link Frame.Call}) as the node would in-process ({@link KernelCallWork}), each on a
 * thread of its own, so that a call that never returns still lets the child read its stdin (and end with it). Its stdout carries only frames: {@code System.out}
 * is pointed at stderr before anything else runs, so kernels' prints and logs reach the node's log. It exits when its
 * stdin ends (the node closed it, or died): no orphan outlives its node. Arguments: the node's capacity, a name.
 */
public final class SandboxMain {

    private final DataOutputStream out;
    private final Map<String, Path> jars = new ConcurrentHashMap<>();
    private final Map<Integer, JobSession> sessions = new ConcurrentHashMap<>();
    private final KernelResolver kernels;
    private final NodeRuntime runtime;

    private SandboxMain(DataOutputStream out, int capacity, String name) {
        this.out = out;
        this.kernels = new KernelResolver(KernelCatalog.builtIn(), new ArtifactCache(new JarFilesStore(jars)));
        this.runtime = new NodeRuntime(name, kernels, RuntimeSettings.of(capacity)); // jar kernels in here: no grandchildren
    }

    public static void main(String[] args) {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
        System.setOut(System.err); // from here on stdout is the node's channel alone
        DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in)));
        int capacity = Integer.parseInt(args[0]);
        String name = args.length > 1 ? args[1] : "sandbox";
        int status = 0;
        try {
            new SandboxMain(out, capacity, name).serve(in);
        } catch (IOException | RuntimeException e) {
            System.err.println("sandbox child " + ProcessHandle.current().pid() + " stops: " + e);
            status = 2;
        }
        Runtime.getRuntime().halt(status); // running kernels, if any, end with the process
    }

    private void serve(DataInputStream in) throws IOException {
        send(new Frame.Ready(ProcessHandle.current().pid()));
        while (true) {
            Frame frame;
            try {
                frame = Frame.read(in);
            } catch (EOFException e) {
                return; // the node let go of this child
            }
            if (frame instanceof Frame.Open open) {
                open(open);
            } else if (frame instanceof Frame.Run run) {
                run(run);
            } else if (frame instanceof Frame.Cancel cancel) {
                JobSession session = sessions.get(cancel.job());
                if (session != null) {
                    session.cancel();
                }
            } else if (frame instanceof Frame.Call call) {
                call(call);
            } else if (frame instanceof Frame.Close close) {
                JobSession session = sessions.remove(close.job());
                if (session != null) {
                    session.close();
                }
            } else {
                throw new IOException("unexpected frame " + frame.getClass().getSimpleName());
            }
        }
    }

    private void open(Frame.Open open) throws IOException {
        String error = "";
        try {
            Task task = TaskCodec.decode(open.task());
            if (task.mode() == Mode.PROCESSES) {
                throw new IllegalArgumentException("a child process runs threads, slots or gil, not processes");
            }
            if (task.artifact() != null) {
                jars.put(task.artifact(), Path.of(open.jar()));
            }
            sessions.put(open.job(), runtime.open("sandboxed-" + open.job(), task));
        } catch (RuntimeException | Error e) {
            error = Outcomes.describe(e);
        }
        send(new Frame.Opened(open.job(), error));
    }

    private void run(Frame.Run run) throws IOException {
        JobSession session = sessions.get(run.job());
        if (session == null) {
            send(new Frame.Outcome(run.call(), Frame.Outcome.FAILED, utf8("job " + run.job() + " is not open in the child"), 0));
            return;
        }
        session.submitEncoded(run.index(), run.input()).whenComplete((outcome, thrown) -> {
            try {
                send(thrown != null
                        ? new Frame.Outcome(run.call(), Frame.Outcome.FATAL, utf8(Outcomes.describe(thrown)), 0)
                        : frameOf(run.call(), outcome));
            } catch (IOException e) {
                Runtime.getRuntime().halt(3); // the node is gone
            }
        });
    }

    private void call(Frame.Call call) {
        Thread thread = new Thread(() -> {
            KernelAnswer answer;
            try {
                Task task = TaskCodec.decode(call.task());
                if (task.artifact() != null) {
                    jars.put(task.artifact(), Path.of(call.jar()));
                }
                answer = switch (call.what()) {
                    case Frame.Call.CHECK -> KernelCallWork.check(kernels, task);
                    case Frame.Call.SPLIT -> KernelCallWork.split(kernels, task);
                    default -> KernelCallWork.reduce(kernels, task, call.outputs());
                };
            } catch (RuntimeException | Error e) {
                answer = KernelAnswer.failed(KernelAnswer.FAILED, Outcomes.describe(e));
            }
            try {
                send(new Frame.Answered(call.call(), answer));
            } catch (IOException e) {
                Runtime.getRuntime().halt(3); // the node is gone
            }
        }, "gridexec-kernel-call-" + call.call());
        thread.setDaemon(true);
        thread.start();
    }

    private static Frame.Outcome frameOf(int call, ChunkOutcome outcome) {
        if (outcome instanceof ChunkOutcome.Done done) {
            return new Frame.Outcome(call, Frame.Outcome.DONE, (byte[]) done.output(), done.computeNanos());
        }
        if (outcome instanceof ChunkOutcome.Failed failed) {
            return new Frame.Outcome(call, failed.fatal() ? Frame.Outcome.FATAL : Frame.Outcome.FAILED,
                    utf8(failed.message()), failed.computeNanos());
        }
        if (outcome instanceof ChunkOutcome.Refused refused) {
            return new Frame.Outcome(call, Frame.Outcome.FAILED, utf8("the child refused: " + refused.reason()), 0);
        }
        return new Frame.Outcome(call, Frame.Outcome.CANCELLED, new byte[0], outcome.computeNanos());
    }

    private void send(Frame frame) throws IOException {
        synchronized (out) {
            Frame.write(out, frame);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The child's artifact store: the jars its node named, read from the node's files (held open by the node's lease). */
    private record JarFilesStore(Map<String, Path> jars) implements ArtifactStore {
        @Override
        public byte[] get(String sha256) {
            Path jar = jars.get(sha256);
            if (jar == null) {
                return null;
            }
            try {
                return Files.readAllBytes(jar);
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        public boolean putIfAbsent(String sha256, byte[] jar) {
            throw new UnsupportedOperationException("a sandbox child stores no artifacts");
        }
    }
}
