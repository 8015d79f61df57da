package dev.gridexec.kernel.api;

import java.util.Optional;

/**
 * Implemented by a kernel that cannot run under every execution model: the task is then refused at
 * submission, naming {@code mode} and saying why (a Python kernel has no free-threaded mode, for example).
 */
public interface ModeRestriction {

    /** Why this kernel cannot run under {@code mode} ({@code threads}, {@code slots} or {@code gil}); empty when it can. */
    Optional<String> refusal(String mode);
}
