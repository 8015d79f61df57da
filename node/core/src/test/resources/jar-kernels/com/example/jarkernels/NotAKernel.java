package com.example.jarkernels;

/** A class that does not implement the kernel SPI. */
public class NotAKernel {
}
