package dev.gridexec.bench;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.embedded.InProcessGrid;
import dev.gridexec.wire.Mode;
import java.util.List;
import java.util.function.Consumer;

/**
 * One whole bench: slot start-up first (so that the first slot of the process is among those measured),
 * then the rounds over the bare loop and gridexec's three models on one embedded grid of {@code catalog}'s kernels,
 * with progress lines to {@code progress}.
 */
public record Bench(BenchSettings settings, KernelCatalog catalog, Consumer<String> progress) {

    public BenchResult run() throws Exception {
        Context context = Context.ofThisJvm();
        SlotStartup startup = settings.slotStartups() == 0 ? null : SlotStartup.measure(settings, catalog, progress);
        Rounds.Measured measured;
        try (InProcessGrid grid = new InProcessGrid(catalog)) {
            List<Runner> runners = List.of(new BareLoop(settings), new GridRunner(grid, settings, Mode.THREADS),
                    new GridRunner(grid, settings, Mode.SLOTS), new GridRunner(grid, settings, Mode.GIL));
            measured = new Rounds(settings, progress).run(runners);
        }
        return BenchResult.of(context, settings, measured, startup);
    }
}
