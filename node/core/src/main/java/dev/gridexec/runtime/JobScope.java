package dev.gridexec.runtime;

import dev.gridexec.catalog.ResolvedKernel;
import dev.gridexec.kernel.api.Kernel;
import java.util.Map;

/**
 * What every chunk of one job on one node shares: the kernel, its params, the seed, the cancel switch.
 *
 * @param jobId        the job's id, for logs
 * @param source       where the kernel comes from (slots define its classes anew from it); its codec carries values of its classes
 * @param kernel       the kernel instance of the node's shared class loader; null for a jar kernel sandboxed in a
 *                     child process (no code of it runs in the node)
 * @param params       params parsed by {@code kernel}; null with it
 * @param rawParams    the task's params tree, for slots to parse with their own kernel classes
 * @param seed         the task's seed
 * @param cancellation the job's cancel switch on this node
 */
public record JobScope(
        String jobId,
        ResolvedKernel source,
        Kernel<Object, Object, Object, Object> kernel,
        Object params,
        Map<String, Object> rawParams,
        long seed,
        Cancellation cancellation) {
}
