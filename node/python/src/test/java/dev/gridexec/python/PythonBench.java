package dev.gridexec.python;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.python.engine.PythonInterpreter;
import dev.gridexec.runtime.NodeRuntime;
import dev.gridexec.runtime.RuntimeSettings;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Value;

/**
 * The numbers of docs/PYTHON.md (not a test): examples/python/primes.py as a job in slots and gil with 1 and 2
 * workers, all on ONE long-lived node runtime (its warm slot pool keeps the slots, their GraalPy contexts and
 * the loaded module from job to job, as on a running node), warm-up rounds, then measured rounds in which the
 * four configurations are interleaved (their order rotates every round), medians; then one warm chunk in
 * GraalPy against the same source under CPython (python3). Run: see docs/PYTHON.md.
 * Arguments: limit (default 7000000: 1-2 s a job at 1 worker on a quiet 2-vCPU machine), rounds (default 5), warm-up rounds (default 3),
 * chunks (default 8).
 */
public final class PythonBench {

    private PythonBench() {
    }

    public static void main(String[] args) throws Exception {
        int limit = args.length > 0 ? Integer.parseInt(args[0]) : 7_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int chunks = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        String source = PythonTasks.example("primes.py");
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        String[][] configs = {{"SLOTS", "1"}, {"SLOTS", "2"}, {"GIL", "1"}, {"GIL", "2"}};
        int job = 0;
        try (NodeRuntime runtime = new NodeRuntime("bench-node", KernelResolver.withoutArtifacts(KernelCatalog.builtIn()),
                RuntimeSettings.of(2))) {
            for (int round = -warmUp; round < rounds; round++) {
                for (int i = 0; i < configs.length; i++) {
                    String[] config = configs[Math.floorMod(i + round, configs.length)]; // rotate the order every round
                    Task task = PythonTasks.task(source, Map.of("limit", limit), Mode.valueOf(config[0]),
                            Integer.parseInt(config[1]), chunks);
                    long start = System.nanoTime();
                    String result = PythonJobTest.runJob(runtime, "bench-" + job++, task).toString();
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    System.out.printf(Locale.ROOT, "round %d %s x%s: %.3f s %s warm slots %s%n", round, config[0], config[1], elapsed,
                            result, runtime.slots().warmSlots());
                    if (round >= 0) {
                        seconds.computeIfAbsent(config[0] + " x" + config[1], k -> new ArrayList<>()).add(elapsed);
                    }
                }
            }
        }
        seconds.forEach((config, values) -> System.out.printf(Locale.ROOT, "median %s: %.3f s %s%n", config, median(values), values));
        System.out.printf(Locale.ROOT, "slots 2 vs 1: %.2fx; gil 2 vs 1: %.2fx%n",
                median(seconds.get("SLOTS x1")) / median(seconds.get("SLOTS x2")),
                median(seconds.get("GIL x1")) / median(seconds.get("GIL x2")));

        // One chunk [0, limit) warm, GraalPy (the kernel's own interpreter) vs CPython on the same file.
        PythonKernel kernel = new PythonKernel();
        PythonKernel.Params params = kernel.params(new dev.gridexec.kernel.api.ParamReader(Map.of("module", source, "limit", limit)));
        String chunk = "{\"lo\":0,\"hi\":" + limit + "}";
        List<Double> graal = new ArrayList<>();
        for (int i = 0; i < rounds + 3; i++) {
            long start = System.nanoTime();
            kernel.run(params, chunk, new QuietContext());
            if (i >= 3) {
                graal.add((System.nanoTime() - start) / 1e9);
            }
        }
        // Fresh contexts on the now warm shared engine, each timing a small chunk twice: a first call about as fast
        // as the second means the new context runs the code the others compiled (compile() in the helper parses
        // through the engine's source cache); cold code would run it interpreted, many times slower. The last one
        // loads a copy of the module under another name (a source the engine has not seen): the control.
        String small = "{\"lo\":0,\"hi\":" + Math.min(limit, 30_000) + "}";
        for (int i = 0; i < 4; i++) {
            String copy = i < 3 ? source : source + "\n# a copy the engine has not compiled\n";
            String sha = PythonKernel.sha256(copy);
            long start = System.nanoTime();
            try (PythonInterpreter fresh = PythonInterpreter.create()) {
                long made = System.nanoTime();
                Value module = fresh.module(sha, copy);
                long loaded = System.nanoTime();
                fresh.call(module, "run", params.json(), small);
                long first = System.nanoTime();
                fresh.call(module, "run", params.json(), small);
                long second = System.nanoTime();
                System.out.printf(Locale.ROOT, "fresh context %d%s: made %.3f s, module loaded %.3f s, chunk %s first %.4f s, second %.4f s%n",
                        i, i < 3 ? "" : " (control: a module not seen before)", (made - start) / 1e9, (loaded - made) / 1e9,
                        small, (first - loaded) / 1e9, (second - first) / 1e9);
            }
        }

        List<Double> cpython = new ArrayList<>();
        Path script = Files.createTempFile("gridexec-bench", ".py");
        Files.writeString(script, "import sys, time, importlib.util\n"
                + "spec = importlib.util.spec_from_file_location('primes', sys.argv[1]); m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)\n"
                + "p = {'limit': int(sys.argv[2])}\n"
                + "for _ in range(int(sys.argv[3])):\n"
                + "    t = time.perf_counter(); m.run(p, {'lo': 0, 'hi': p['limit']}); print(time.perf_counter() - t)\n");
        Process python = new ProcessBuilder("python3", script.toString(), PythonTasks.EXAMPLES.resolve("primes.py").toString(),
                Integer.toString(limit), Integer.toString(Math.min(rounds, 3))).redirectErrorStream(true).start();
        String out = new String(python.getInputStream().readAllBytes());
        python.waitFor(10, TimeUnit.MINUTES);
        Arrays.stream(out.trim().split("\\s+")).map(Double::parseDouble).forEach(cpython::add);
        Files.delete(script);
        System.out.printf(Locale.ROOT, "one chunk [0, %d): GraalPy %.3f s %s, CPython %.3f s %s: %.1fx%n", limit, median(graal), graal,
                median(cpython), cpython, median(cpython) / median(graal));
        System.exit(0);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
