package dev.gridexec.cli;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.embedded.EmbeddedCluster;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import dev.gridexec.remote.CoordinatorClient;
import dev.gridexec.remote.CoordinatorException;
import dev.gridexec.remote.Coordinators;
import dev.gridexec.remote.JobEvents;
import dev.gridexec.report.Stats;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code client bench-dispatch}: what the cluster costs per chunk and per job, through the real HTTP API.
 * Throughput: a job of many near-empty {@code spin} chunks, chunks per second from acceptance to end.
 * Latency: trivial one-chunk jobs one after another, submit to final record as the client sees it.
 */
@Command(name = "bench-dispatch",
        mixinStandardHelpOptions = true,
        description = {"Measures the cluster's overhead over HTTP: chunks/s and trivial-job latency.",
                "Throughput: a job of many near-empty chunks, chunks per second from acceptance to end.",
                "Latency: one-chunk jobs one after another, from submit to the final record.",
                "Uses --coordinator URL[,URL...] (or env GRIDEXEC_COORDINATOR), with --token (or env GRIDEXEC_TOKEN) when it asks for one,",
                "else an embedded one-node cluster.",
                "Warm-up runs are excluded."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:measured", "1:a job failed", "2:invalid options, or the token was refused",
                "3:the coordinator cannot be reached"})
public final class DispatchBenchCommand extends ClientCommand {

    @Option(names = "--coordinator", paramLabel = "URL",
            description = "the coordinator, else an embedded one-node cluster" + CoordinatorOptions.SEVERAL)
    List<String> coordinator = new ArrayList<>();

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "the coordinator's API token (default: env GRIDEXEC_TOKEN, which keeps it out of ps)")
    String token;

    @Option(names = "--chunks", paramLabel = "N", description = "chunks in each throughput job (default: ${DEFAULT-VALUE})")
    int chunks = 1_000_000;

    @Option(names = "--repeats", paramLabel = "N", description = "measured throughput jobs (default: ${DEFAULT-VALUE})")
    int repeats = 5;

    @Option(names = "--latency-jobs", paramLabel = "N", description = "measured one-chunk jobs (default: ${DEFAULT-VALUE})")
    int latencyJobs = 200;

    @Option(names = "--warmup", paramLabel = "N", description = "warm-up runs of each kind, excluded (default: ${DEFAULT-VALUE})")
    int warmup = 1;

    @Override
    int execute(PrintWriter out, PrintWriter err) throws Exception {
        if (chunks < 1 || chunks > 1_000_000 || repeats < 1 || latencyJobs < 1 || warmup < 0) {
            throw new ParameterException(spec.commandLine(),
                    "--chunks must be 1..10^6, --repeats and --latency-jobs at least 1, --warmup at least 0");
        }
        Optional<Coordinators> coordinators = CoordinatorOptions.coordinators(coordinator, env(CoordinatorOptions.ENV));
        if (coordinators.isPresent()) {
            return measure(remote(coordinators.get()), coordinators.get().toString(), out, err);
        }
        try (EmbeddedCluster cluster = EmbeddedCluster.start(KernelCatalog.builtIn())) {
            return measure(new CoordinatorClient(CoordinatorClient.parseUrl(cluster.url())), "embedded " + cluster.url(), out, err);
        }
    }

    /** A client for {@code coordinators} with the token from {@code --token}, else the environment. */
    private CoordinatorClient remote(Coordinators coordinators) {
        if (token != null && token.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--token must not be empty");
        }
        String given = token != null ? token : env("GRIDEXEC_TOKEN");
        Optional<String> bearer = given == null || given.isBlank() ? Optional.empty() : Optional.of(given.strip());
        try {
            return new CoordinatorClient(coordinators, bearer);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage() + " (--token or GRIDEXEC_TOKEN)", e);
        }
    }

    private int measure(CoordinatorClient client, String where, PrintWriter out, PrintWriter err)
            throws CoordinatorException, InterruptedException {
        int nodes = client.nodes().size();
        out.printf(Locale.ROOT, "coordinator: %s (%d node%s)%n", where, nodes, nodes == 1 ? "" : "s");
        out.printf(Locale.ROOT, "machine: %d processors, %s %s, %s %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.vm.name"),
                System.getProperty("java.version"));

        byte[] throughputTask = ("{\"kernel\":\"spin\",\"params\":{\"iterations\":0},\"chunks\":" + chunks + "}")
                .getBytes(StandardCharsets.UTF_8);
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < warmup + repeats; i++) {
            err.printf(Locale.ROOT, "throughput job %d of %d (%s)%n", i + 1, warmup + repeats, i < warmup ? "warm-up" : "measured");
            err.flush();
            JobRecord record = run(client, throughputTask);
            if (record.state() != JobState.SUCCEEDED) {
                err.println("error: the throughput job " + record.state() + ": " + record.error());
                return 1;
            }
            if (i >= warmup) {
                rates.add(chunks * 1000.0 / Math.max(1, record.timing().wallMs()));
            }
        }
        byte[] trivialTask = "{\"kernel\":\"spin\",\"params\":{\"iterations\":0},\"chunks\":1}".getBytes(StandardCharsets.UTF_8);
        List<Double> latencies = new ArrayList<>();
        List<Double> submits = new ArrayList<>();
        List<Double> serverSide = new ArrayList<>();
        err.printf(Locale.ROOT, "latency: %d one-chunk jobs (+%d warm-up)%n", latencyJobs, warmup * 20);
        err.flush();
        for (int i = 0; i < warmup * 20 + latencyJobs; i++) {
            long start = System.nanoTime();
            JobRecord accepted = client.submit(trivialTask);
            double submitMs = (System.nanoTime() - start) / 1e6;
            JobRecord record = follow(client, accepted);
            double ms = (System.nanoTime() - start) / 1e6;
            if (record.state() != JobState.SUCCEEDED) {
                err.println("error: a trivial job " + record.state() + ": " + record.error());
                return 1;
            }
            if (i >= warmup * 20) {
                latencies.add(ms);
                submits.add(submitMs);
                serverSide.add((double) record.timing().wallMs());
            }
        }
        out.printf(Locale.ROOT, "throughput: %,d spin chunks (iterations 0) per job, %d jobs: median %,.0f chunks/s (min %,.0f, max %,.0f)%n",
                chunks, repeats, Stats.median(rates), Stats.min(rates), Stats.max(rates));
        out.printf(Locale.ROOT, "latency: %d one-chunk jobs, submit to final record over HTTP: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                latencyJobs, Stats.median(latencies), Stats.percentile(latencies, 90), Stats.percentile(latencies, 99),
                Stats.max(latencies));
        out.printf(Locale.ROOT, "  of which POST /jobs answered: p50 %.2f ms, p99 %.2f ms; accepted-to-terminal on the coordinator"
                        + " (wallMs): p50 %.0f ms, p99 %.0f ms%n",
                Stats.median(submits), Stats.percentile(submits, 99), Stats.median(serverSide), Stats.percentile(serverSide, 99));
        out.flush();
        return 0;
    }

    /** Submits and follows the job's event stream to its final record. */
    private static JobRecord run(CoordinatorClient client, byte[] task) throws CoordinatorException, InterruptedException {
        return follow(client, client.submit(task));
    }

    private static JobRecord follow(CoordinatorClient client, JobRecord accepted) throws CoordinatorException, InterruptedException {
        return client.follow(accepted.id(), new JobEvents() { }).await().orElseGet(() -> {
            try {
                return client.job(accepted.id());
            } catch (CoordinatorException | InterruptedException e) {
                throw new IllegalStateException("lost job " + accepted.id() + ": " + e.getMessage(), e);
            }
        });
    }
}
