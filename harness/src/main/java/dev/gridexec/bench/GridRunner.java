package dev.gridexec.bench;

import dev.gridexec.embedded.InProcessGrid;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import dev.gridexec.scheduler.JobListener;
import dev.gridexec.wire.Mode;

/**
 * gridexec itself: submits the bench's task in one execution model to the embedded grid and reads the wall
 * time from the job record (from acceptance to the end, the embedded runtime's own start excluded, the
 * model's start-up included).
 */
record GridRunner(InProcessGrid grid, BenchSettings settings, Mode mode) implements Runner {

    @Override
    public String name() {
        return mode.wireName();
    }

    @Override
    public Run run(int workers) throws Exception {
        JobRecord record = grid.scheduler().submit(settings.task(mode, workers), JobListener.NONE).completion().get();
        if (record.state() != JobState.SUCCEEDED) {
            throw new IllegalStateException("gridexec " + name() + " x" + workers + " ended " + record.state()
                    + (record.error() == null ? "" : ": " + record.error().message()));
        }
        return new Run(record.result().get("count").asLong(), record.timing().wallMs(), record.timing().startupMs());
    }
}
