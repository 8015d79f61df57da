package dev.gridexec.runtime;

import dev.gridexec.catalog.KernelEntry;
import dev.gridexec.kernel.api.Kernel;
import java.util.Map;

/**
 * What every chunk of one job on one node shares: the kernel, its params, the seed, the cancel switch.
 *
 * @param jobId        the job's id, for logs
 * @param entry        the kernel's catalog entry (slots define its classes anew from it)
 * @param kernel       the kernel instance of the node's shared class loader
 * @param params       params parsed by {@code kernel}
 * @param rawParams    the task's params tree, for slots to parse with their own kernel classes
 * @param seed         the task's seed
 * @param cancellation the job's cancel switch on this node
 */
public record JobScope(
        String jobId,
        KernelEntry entry,
        Kernel<Object, Object, Object, Object> kernel,
        Object params,
        Map<String, Object> rawParams,
        long seed,
        Cancellation cancellation) {
}
