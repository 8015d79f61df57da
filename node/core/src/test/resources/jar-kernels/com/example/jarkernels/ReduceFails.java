package com.example.jarkernels;

import java.util.List;

/** A kernel whose reduce throws. */
public class ReduceFails extends TokenKernel {

    @Override
    public Tokens reduce(Params params, List<Token> outputs) {
        throw new ArithmeticException("reduce refuses");
    }
}
