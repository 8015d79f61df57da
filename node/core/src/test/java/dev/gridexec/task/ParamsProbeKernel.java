package dev.gridexec.task;

import dev.gridexec.kernel.api.ChunkContext;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.kernel.api.SplitRequest;
import java.util.List;

/**
 * A kernel whose params follow the primes kernel's contract ({@code limit} 2..10^12 required,
 * {@code method} "trial" or "sieve"), plus one check across params, so that the reader's params
 * handling can be tested while the built-in kernels are elsewhere. It computes nothing.
 */
public final class ParamsProbeKernel implements Kernel<ParamsProbeKernel.Params, Long, Long, Long> {

    /** The probe's params. */
    public record Params(long limit, String method) {
    }

    @Override
    public Params params(ParamReader params) {
        long limit = params.longParam("limit", 2, 1_000_000_000_000L);
        String method = params.choiceParam("method", "trial", "trial", "sieve");
        if (method.equals("sieve") && limit == 3) {
            params.problem("", "method \"sieve\" cannot take limit 3 (a probe's cross-param check)");
        }
        return new Params(limit, method);
    }

    @Override
    public List<Long> split(Params params, SplitRequest request) {
        return List.of(params.limit());
    }

    @Override
    public Long run(Params params, Long input, ChunkContext context) {
        return input;
    }

    @Override
    public Long reduce(Params params, List<Long> outputs) {
        return outputs.stream().mapToLong(Long::longValue).sum();
    }
}
