package com.example.sandboxkernels;

import dev.gridexec.kernel.api.ChunkContext;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.kernel.api.SplitRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A kernel that misbehaves on one chunk ({@code on}): {@code exit} calls System.exit(1), {@code spin} loops without a
 * checkpoint (first telling a loopback {@code port}, if given, its process id, so that a test knows it runs where),
 * {@code oom} fills the heap, {@code block} sleeps for ever, ignoring interrupts (after the same word on {@code port}).
 * Every other chunk answers with the id of the process that ran it. With {@code "in": "params"} the kernel misbehaves
 * in {@code params()} instead, on every call.
 */
public class Misbehaves implements Kernel<Misbehaves.Params, Misbehaves.Slice, Misbehaves.Ran, Long> {

    public record Params(String action, long on, long port, String in) {
    }

    public record Slice(int index) {
    }

    public record Ran(int index, long pid) {
    }

    private static volatile long sink;

    @Override
    public Params params(ParamReader params) {
        Params read = new Params(params.choiceParam("action", "exit", "exit", "spin", "oom", "block"),
                params.longParam("on", -1, 1_000_000, 0), params.longParam("port", 0, 65535, 0),
                params.choiceParam("in", "run", "run", "params"));
        if (read.in().equals("params")) {
            misbehave(read);
        }
        return read;
    }

    @Override
    public List<Slice> split(Params params, SplitRequest request) {
        return request.indexed(Slice::new);
    }

    @Override
    public Ran run(Params params, Slice input, ChunkContext context) throws IOException {
        if (input.index() == params.on() && params.in().equals("run")) {
            misbehave(params);
        }
        return new Ran(input.index(), ProcessHandle.current().pid());
    }

    private static void misbehave(Params params) {
        switch (params.action()) {
            case "exit" -> System.exit(1);
            case "spin" -> {
                signal(params.port());
                long x = 0;
                while (x >= 0) {
                    x = (x + System.nanoTime()) & Long.MAX_VALUE;
                    sink = x;
                }
            }
            case "block" -> {
                signal(params.port());
                while (sink >= 0) {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        sink++; // ignored: blocks on
                    }
                }
            }
            default -> {
                List<long[]> hoard = new ArrayList<>();
                while (true) {
                    hoard.add(new long[1 << 20]);
                    sink = hoard.size();
                }
            }
        }
    }

    /** Tells a loopback {@code port} (0: none) this process's id: the kernel runs here now. */
    private static void signal(long port) {
        if (port > 0) {
            try (Socket signal = new Socket(InetAddress.getLoopbackAddress(), (int) port)) {
                signal.getOutputStream().write((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public Long reduce(Params params, List<Ran> outputs) {
        return (long) outputs.size();
    }
}
