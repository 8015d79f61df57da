package com.example.jarkernels;

/** A kernel without a public no-argument constructor. */
public class NoPublicConstructor extends TokenKernel {

    public NoPublicConstructor(int unused) {
    }
}
