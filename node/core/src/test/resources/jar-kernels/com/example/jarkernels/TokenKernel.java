package com.example.jarkernels;

import dev.gridexec.kernel.api.ChunkContext;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.kernel.api.SplitRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Each chunk reports this class's static token: one per definition of the class, so one per slot in slots
 * mode and one per process-wide loader otherwise. The result counts the distinct tokens.
 */
public class TokenKernel implements Kernel<TokenKernel.Params, TokenKernel.Slice, TokenKernel.Token, TokenKernel.Tokens> {

    private static final long TOKEN = new SplittableRandom().nextLong();

    public record Params(long millis) {
    }

    public record Slice(int index) {
    }

    public record Token(int index, long token) {
    }

    public record Tokens(int chunks, int distinct) {
    }

    @Override
    public Params params(ParamReader params) {
        return new Params(params.longParam("millis", 0, 60_000, 0));
    }

    @Override
    public List<Slice> split(Params params, SplitRequest request) {
        return request.indexed(Slice::new);
    }

    @Override
    public Token run(Params params, Slice input, ChunkContext context) {
        long end = System.nanoTime() + params.millis() * 1_000_000L;
        while (System.nanoTime() < end) {
            context.checkpoint();
        }
        return new Token(input.index(), TOKEN);
    }

    @Override
    public Tokens reduce(Params params, List<Token> outputs) {
        Set<Long> distinct = new HashSet<>();
        for (Token token : outputs) {
            distinct.add(token.token());
        }
        return new Tokens(outputs.size(), distinct.size());
    }
}
