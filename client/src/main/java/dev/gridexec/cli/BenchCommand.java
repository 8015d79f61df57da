package dev.gridexec.cli;

import dev.gridexec.bench.Bench;
import dev.gridexec.bench.BenchReport;
import dev.gridexec.bench.BenchResult;
import dev.gridexec.bench.BenchSettings;
import dev.gridexec.catalog.KernelCatalog;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code client bench}: the primes kernel as a bare Java loop versus gridexec's three models, and slot start-up. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = {"Measures this machine: counting primes by trial division as a bare loop on plain threads,"
                + " and as a gridexec job in each execution model (threads, slots, gil), plus slot start-up.",
                "Every round runs each configuration once; warm-up rounds are excluded.",
                "Progress goes to stderr; the table (or, with --json, the full result) to stdout."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:measured", "1:a run failed or counted a different number of primes", "2:invalid options"})
public final class BenchCommand extends ClientCommand {

    private static final BenchSettings DEFAULTS = BenchSettings.DEFAULTS;

    @Option(names = "--limit", paramLabel = "N", description = "count the primes below N (default: ${DEFAULT-VALUE})")
    long limit = DEFAULTS.limit();

    @Option(names = "--chunks", paramLabel = "N", description = "chunks to split the range into (default: ${DEFAULT-VALUE})")
    int chunks = DEFAULTS.chunks();

    @Option(names = "--workers", paramLabel = "W", split = ",",
            description = "worker counts to measure, comma-separated (default: ${DEFAULT-VALUE})")
    List<Integer> workers = new ArrayList<>(DEFAULTS.workers());

    @Option(names = "--repeats", paramLabel = "N", description = "measured rounds (default: ${DEFAULT-VALUE})")
    int repeats = DEFAULTS.repeats();

    @Option(names = "--warmup", paramLabel = "N", description = "warm-up rounds, excluded (default: ${DEFAULT-VALUE})")
    int warmup = DEFAULTS.warmup();

    @Option(names = "--slot-startups", paramLabel = "N",
            description = "slots to start for the slot start-up statistics, 0 for none (default: ${DEFAULT-VALUE})")
    int slotStartups = DEFAULTS.slotStartups();

    @Option(names = "--json", description = "print the full result, raw samples included, as JSON on stdout instead of the table")
    boolean json;

    @Override
    int execute(PrintWriter out, PrintWriter err) throws Exception {
        BenchSettings settings;
        try {
            settings = new BenchSettings(limit, chunks, workers, repeats, warmup, slotStartups);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Consumer<String> progress = line -> {
            err.println("bench: " + line);
            err.flush();
        };
        BenchResult result = new Bench(settings, KernelCatalog.builtIn(), progress).run();
        if (json) {
            BenchReport.printJson(result, out);
        } else {
            BenchReport.printTable(result, out);
        }
        return 0;
    }
}
