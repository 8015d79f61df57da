package dev.gridexec.scheduler;

/**
 * A call of a job's kernel (its split or reduce) failed: the kernel threw, or did not return within the kernel-call
 * timeout, or no node could run it. The message says which, ready for the job's error after "split failed: ".
 */
public final class KernelCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KernelCallException(String message) {
        super(message, null, false, false);
    }
}
