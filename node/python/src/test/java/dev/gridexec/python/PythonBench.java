package dev.gridexec.python;

import dev.gridexec.task.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The numbers of docs/PYTHON.md (not a test): examples/python/primes.py as a job in slots and gil with 1 and 2
 * workers, interleaved rounds after warm-up, medians; then one warm chunk in GraalPy against the same source
 * under CPython (python3). Run: see docs/PYTHON.md. Arguments: limit (default 600000), rounds (default 5).
 */
public final class PythonBench {

    private PythonBench() {
    }

    public static void main(String[] args) throws Exception {
        int limit = args.length > 0 ? Integer.parseInt(args[0]) : 600_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String source = PythonTasks.example("primes.py");
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        String[][] configs = {{"SLOTS", "1"}, {"SLOTS", "2"}, {"GIL", "1"}, {"GIL", "2"}};
        for (int round = -2; round < rounds; round++) { // two warm-up rounds
            for (String[] config : configs) {
                long start = System.nanoTime();
                String result = PythonJobTest.runJob(PythonTasks.task(source, Map.of("limit", limit),
                        Mode.valueOf(config[0]), Integer.parseInt(config[1]), 8)).toString();
                double elapsed = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "round %d %s x%s: %.3f s %s%n", round, config[0], config[1], elapsed, result);
                if (round >= 0) {
                    seconds.computeIfAbsent(config[0] + " x" + config[1], k -> new ArrayList<>()).add(elapsed);
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
        List<Double> cpython = new ArrayList<>();
        Path script = Files.createTempFile("gridexec-bench", ".py");
        Files.writeString(script, "import sys, time, importlib.util\n"
                + "spec = importlib.util.spec_from_file_location('primes', sys.argv[1]); m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)\n"
                + "p = {'limit': int(sys.argv[2])}\n"
                + "for _ in range(int(sys.argv[3])):\n"
                + "    t = time.perf_counter(); m.run(p, {'lo': 0, 'hi': p['limit']}); print(time.perf_counter() - t)\n");
        Process python = new ProcessBuilder("python3", script.toString(), PythonTasks.EXAMPLES.resolve("primes.py").toString(),
                Integer.toString(limit), Integer.toString(rounds)).redirectErrorStream(true).start();
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
