package com.example.jarkernels;

import dev.gridexec.kernel.api.SplitRequest;
import java.util.List;

/** A kernel whose split throws. */
public class SplitFails extends TokenKernel {

    @Override
    public List<Slice> split(Params params, SplitRequest request) {
        throw new IllegalStateException("split refuses");
    }
}
