package dev.gridexec.artifacts;

import dev.gridexec.codec.ValueCodec;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One user's hold on a loaded artifact (a job on a node, a job on the coordinator, one validation): while
 * any lease is open the artifact's loaders stay open. Close it exactly when the user is done; closing
 * twice is harmless.
 */
public final class ArtifactLease implements AutoCloseable {

    private final ArtifactCache cache;
    private final CacheEntry entry;
    private final AtomicBoolean closed = new AtomicBoolean();

    ArtifactLease(ArtifactCache cache, CacheEntry entry) {
        this.cache = cache;
        this.entry = entry;
    }

    /** The artifact's name. */
    public String sha256() {
        return entry.sha256;
    }

    /** The loader this process shares for the artifact: one per artifact, whatever the number of jobs. */
    public ClassLoader loader() {
        return cache.loader(entry);
    }

    /** The codec for values of the shared loader's classes (the artifact's own, so that nothing else caches its classes). */
    public ValueCodec codec() {
        return cache.codec(entry);
    }

    /** The class names the jar registers in {@value ArtifactCache#SERVICES_ENTRY}, in file order. */
    public List<String> services() {
        return entry.services;
    }

    /** A fresh loader over the jar for one slot: its classes, and so their statics, are the slot's own. Close it with the slot. */
    public URLClassLoader newSlotLoader(String name) {
        return cache.newSlotLoader(entry, name);
    }

    /** The jar's file on disk, there while this lease is open (a sandboxed kernel's process loads it from there). */
    public java.nio.file.Path jarFile() {
        return entry.jar;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            cache.release(entry);
        }
    }
}
