import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.kernel.api.SplitRequest;
import dev.gridexec.runtime.ChunkOutcome;
import dev.gridexec.runtime.JobSession;
import dev.gridexec.runtime.NodeRuntime;
import dev.gridexec.runtime.RuntimeSettings;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** CPU time of the node's worker threads per warm primes job (limit 3,000,000, 48 chunks), threads vs slots, interleaved. */
public class WarmCpu {
    public static void main(String[] args) throws Exception {
        KernelResolver kernels = KernelResolver.withoutArtifacts(KernelCatalog.builtIn());
        NodeRuntime node = new NodeRuntime("cpu", kernels, RuntimeSettings.of(2));
        String[] configs = {"threads 1", "slots 1", "threads 2", "slots 2"};
        List<List<Double>> cpu = new ArrayList<>();
        List<List<Double>> wall = new ArrayList<>();
        for (int i = 0; i < configs.length; i++) { cpu.add(new ArrayList<>()); wall.add(new ArrayList<>()); }
        int rounds = Integer.parseInt(args[0]);
        for (int round = -2; round < rounds; round++) {
            for (int k = 0; k < configs.length; k++) {
                int c = (k + Math.max(round, 0)) % configs.length;
                String[] parts = configs[c].split(" ");
                double[] m = run(node, kernels, Mode.valueOf(parts[0].toUpperCase()), Integer.parseInt(parts[1]));
                if (round >= 0) { cpu.get(c).add(m[0]); wall.get(c).add(m[1]); }
            }
        }
        for (int c = 0; c < configs.length; c++) {
            System.out.printf("%-10s worker cpu median %7.1f ms   wall median %7.1f ms%n", configs[c], median(cpu.get(c)), median(wall.get(c)));
        }
        node.close();
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static double[] run(NodeRuntime node, KernelResolver kernels, Mode mode, int workers) throws Exception {
        Task task = new Task(null, "primes", Map.of("limit", 3_000_000L), 48, mode, workers, 1, 1, 5, 0, null, 1);
        var kernel = kernels.resolve(task).newInstance();
        var inputs = kernel.split(kernel.params(new ParamReader(task.params())), new SplitRequest(48, 0));
        long cpuBefore = workerCpu();
        long begin = System.nanoTime();
        JobSession session = node.open("job", task);
        List<CompletableFuture<ChunkOutcome>> futures = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            futures.add(session.submitEncoded(i, session.codec().encode(inputs.get(i))));
        }
        for (var f : futures) {
            if (!(f.get(300, TimeUnit.SECONDS) instanceof ChunkOutcome.Done)) throw new IllegalStateException();
        }
        long wallNanos = System.nanoTime() - begin;
        session.close();
        session.stopped().get(30, TimeUnit.SECONDS);
        return new double[] {(workerCpu() - cpuBefore) / 1e6, wallNanos / 1e6};
    }

    static long workerCpu() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (var info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("gridexec-worker-")) {
                sum += mx.getThreadCpuTime(info.getThreadId());
            }
        }
        return sum;
    }
}
