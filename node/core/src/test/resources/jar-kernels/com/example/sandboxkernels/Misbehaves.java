package com.example.sandboxkernels;

import dev.gridexec.kernel.api.ChunkContext;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.kernel.api.SplitRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A kernel that misbehaves on one chunk ({@code on}): {@code exit} calls System.exit(1), {@code spin} loops without a
 * checkpoint (first telling a loopback {@code port}, if given, its process id, so that a test knows it runs where),
 * {@code oom} fills the heap.
 * Every other chunk answers with the id of the process that ran it.
 */
public class Misbehaves implements Kernel<Misbehaves.Params, Misbehaves.Slice, Misbehaves.Ran, Long> {

    public record Params(String action, long on, long port) {
    }

    public record Slice(int index) {
    }

    public record Ran(int index, long pid) {
    }

    private static volatile long sink;

    @Override
    public Params params(ParamReader params) {
        return new Params(params.choiceParam("action", "exit", "exit", "spin", "oom"), params.longParam("on", -1, 1_000_000, 0),
                params.longParam("port", 0, 65535, 0));
    }

    @Override
    public List<Slice> split(Params params, SplitRequest request) {
        List<Slice> slices = new ArrayList<>();
        for (int i = 0; i < request.chunks(); i++) {
            slices.add(new Slice(i));
        }
        return slices;
    }

    @Override
    public Ran run(Params params, Slice input, ChunkContext context) throws IOException {
        if (input.index() == params.on()) {
            switch (params.action()) {
                case "exit" -> System.exit(1);
                case "spin" -> {
                    if (params.port() > 0) {
                        try (Socket signal = new Socket(InetAddress.getLoopbackAddress(), (int) params.port())) {
                            signal.getOutputStream().write((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8));
                        }
                    }
                    long x = 0;
                    while (x >= 0) {
                        x = (x + System.nanoTime()) & Long.MAX_VALUE;
                        sink = x;
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
        return new Ran(input.index(), ProcessHandle.current().pid());
    }

    @Override
    public Long reduce(Params params, List<Ran> outputs) {
        return (long) outputs.size();
    }

    @Override
    public Class<Slice> inputType() {
        return Slice.class;
    }

    @Override
    public Class<Ran> outputType() {
        return Ran.class;
    }
}
