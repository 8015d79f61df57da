package dev.gridexec.catalog;

import dev.gridexec.artifacts.ArtifactLease;
import dev.gridexec.codec.ValueCodec;
import dev.gridexec.kernel.api.Kernel;
import java.util.Optional;

/**
 * A task's kernel, ready to instantiate: a built-in class, or a class in an artifact (holding a lease on
 * it until {@link #close()}). Whoever resolved it closes it when the job (or the check) is done, and then
 * drops it, so that an artifact's classes can be unloaded.
 */
public final class ResolvedKernel implements AutoCloseable {

    private final KernelEntry entry;
    private final ValueCodec codec;
    private final ArtifactLease artifact; // null for built-ins

    private ResolvedKernel(KernelEntry entry, ValueCodec codec, ArtifactLease artifact) {
        this.entry = entry;
        this.codec = codec;
        this.artifact = artifact;
    }

    /** A built-in kernel: the node's own class, the shared codec. */
    static ResolvedKernel builtIn(KernelEntry entry) {
        return new ResolvedKernel(entry, ValueCodec.shared(), null);
    }

    /** A kernel class loaded by {@code artifact}'s shared loader. */
    @SuppressWarnings("rawtypes")
    static ResolvedKernel fromArtifact(Class<? extends Kernel> kernelClass, ArtifactLease artifact) {
        return new ResolvedKernel(new KernelEntry(kernelClass.getName(), kernelClass), artifact.codec(), artifact);
    }

    /** The name a normalised task gives it: the catalog name, or the class's fully qualified name. */
    public String name() {
        return entry.name();
    }

    /** The kernel class as the shared loader defines it. */
    @SuppressWarnings("rawtypes")
    public Class<? extends Kernel> kernelClass() {
        return entry.kernelClass();
    }

    /** The artifact the class comes from; empty for a built-in kernel. */
    public Optional<ArtifactLease> artifact() {
        return Optional.ofNullable(artifact);
    }

    /** The codec for values (inputs, outputs, results) of the shared loader's classes. */
    public ValueCodec codec() {
        return codec;
    }

    /** A new instance from the shared loader. */
    public Kernel<Object, Object, Object, Object> newInstance() {
        return entry.newInstance();
    }

    /** A new instance of the same class as {@code loader} (a slot's own) defines it. */
    public Kernel<Object, Object, Object, Object> newInstance(ClassLoader loader) {
        return entry.newInstance(loader);
    }

    /** Releases the artifact, if any. Idempotent. */
    @Override
    public void close() {
        if (artifact != null) {
            artifact.close();
        }
    }

    @Override
    public String toString() {
        return artifact == null ? entry.name() : entry.name() + " from artifact " + artifact.sha256();
    }
}
