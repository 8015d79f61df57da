package dev.gridexec.runtime.sandbox;

import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.runtime.NodeRuntime;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** How a test with child processes ends: no child outlives it. */
final class StopChildren {

    private StopChildren() {
    }

    /** Closes {@code node} and {@code kernels}, then waits (10 s each at most) until every child the node had has exited. */
    static void closeAndAwait(NodeRuntime node, KernelResolver kernels) throws Exception {
        List<ProcessHandle> children = node.children().processes();
        node.close();
        kernels.close();
        for (ProcessHandle child : children) {
            child.onExit().get(10, TimeUnit.SECONDS);
        }
    }
}
