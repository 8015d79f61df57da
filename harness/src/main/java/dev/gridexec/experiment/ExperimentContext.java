package dev.gridexec.experiment;

import java.time.Instant;
import java.util.List;

/**
 * Where and when an experiment ran, so that its numbers can be read later (JMH-style full context).
 *
 * @param gridexecVersion the client's version
 * @param jvm             JVM name and version
 * @param os              OS name, version and architecture
 * @param processors      processors the client's JVM saw
 * @param startedAt       ISO-8601 instant the experiment started
 * @param coordinator     the coordinator used (a URL, or {@code local} when the client started the nodes)
 * @param nodesAvailable  node processes available to the experiment
 * @param command         the command line, as typed
 */
public record ExperimentContext(String gridexecVersion, String jvm, String os, int processors, String startedAt,
                                String coordinator, int nodesAvailable, List<String> command) {

    public ExperimentContext {
        command = List.copyOf(command);
    }

    /** This JVM and machine, now. */
    public static ExperimentContext ofThisJvm(String coordinator, int nodesAvailable, List<String> command) {
        String version = ExperimentContext.class.getPackage().getImplementationVersion();
        return new ExperimentContext(version == null ? "development build" : version,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), Instant.now().toString(), coordinator, nodesAvailable, command);
    }
}
