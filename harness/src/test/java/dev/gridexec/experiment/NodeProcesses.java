package dev.gridexec.experiment;

import java.util.stream.Stream;

/** Test support (shared through the harness's test-jar): the node processes a local experiment left behind. */
public final class NodeProcesses {

    private NodeProcesses() {
    }

    /** Node processes this JVM started and that are still alive. */
    public static Stream<ProcessHandle> left() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("dev.gridexec.node.NodeMain"));
    }
}
