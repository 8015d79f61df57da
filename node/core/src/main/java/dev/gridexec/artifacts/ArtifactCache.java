package dev.gridexec.artifacts;

import dev.gridexec.codec.ValueCodec;
import dev.gridexec.kernel.api.Kernel;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's loaded artifacts. A jar is fetched from the {@link ArtifactStore} on first use, its
 * SHA-256 checked against its name, and written to a temporary file; it then has one shared class loader
 * (for {@code threads} and {@code gil} jobs and the coordinator's params, split and reduce) and, on
 * demand, one fresh loader per slot. Every loader's parent is gridexec's own loader, so the kernel API and
 * the runtime's libraries always come from there.
 *
 * <p>Design: jobs hold {@link ArtifactLease}s. An artifact with no lease is idle; the {@code maxIdle} most
 * recently used idle artifacts stay loaded (classes loaded and compiled, ready for the next job), and past
 * that the least recently used one is evicted: its shared loader is closed and dropped, and its file is
 * deleted once the last loader over it is closed. An artifact in use is never evicted, so the cache holds at
 * most {@code maxIdle} artifacts plus those that running jobs use. Values of an artifact's classes go
 * through the artifact's own {@link ValueCodec}, so no cache elsewhere keeps its classes alive: an evicted
 * artifact's loaders and classes become garbage.
 */
public final class ArtifactCache implements AutoCloseable {

    /** Idle artifacts kept loaded by default. */
    public static final int DEFAULT_MAX_IDLE = 32;
    /** Where a jar lists its kernels for {@link java.util.ServiceLoader}; a task may name them by simple name. */
    public static final String SERVICES_ENTRY = "META-INF/services/" + Kernel.class.getName();

    private static final Logger LOG = LoggerFactory.getLogger(ArtifactCache.class);

    private final ArtifactStore store;
    private final int maxIdle;
    private final ClassLoader parent = ArtifactCache.class.getClassLoader();
    private final Map<String, CacheEntry> entries = new LinkedHashMap<>(16, 0.75f, true); // guarded by this; eldest = least recently used
    private Path directory; // guarded by this; created on first use
    private boolean closed; // guarded by this
    private final List<Consumer<String>> evictionListeners = new CopyOnWriteArrayList<>();

    public ArtifactCache(ArtifactStore store) {
        this(store, DEFAULT_MAX_IDLE);
    }

    /** @param maxIdle idle artifacts kept loaded (0 closes an artifact's loaders as soon as no job uses it) */
    public ArtifactCache(ArtifactStore store, int maxIdle) {
        if (maxIdle < 0) {
            throw new IllegalArgumentException("maxIdle must not be negative, got " + maxIdle);
        }
        this.store = store;
        this.maxIdle = maxIdle;
    }

    /** The store artifacts are fetched from. */
    public ArtifactStore store() {
        return store;
    }

    /**
     * Leases artifact {@code sha256}, fetching and checking it on first use. Close the lease when the job
     * that uses it ends.
     *
     * @throws ArtifactUnavailableException when the store has no such artifact, its bytes do not match their
     *                                      hash, or it cannot be written to disk
     */
    public ArtifactLease lease(String sha256) throws ArtifactUnavailableException {
        synchronized (this) {
            requireOpen();
            CacheEntry entry = entries.get(sha256);
            if (entry != null) {
                entry.leases++;
                return new ArtifactLease(this, entry);
            }
        }
        CacheEntry fetched = fetch(sha256); // outside the lock: the bytes may take a while to arrive
        synchronized (this) {
            CacheEntry entry = entries.get(sha256);
            if (entry == null && !closed) {
                entry = fetched;
                entries.put(sha256, entry);
                LOG.info("artifact {}: loaded from {} ({} kernels registered)", Artifacts.shortName(sha256), entry.jar,
                        entry.services.size());
            } else {
                fetched.evicted = true; // another lease fetched it first, or the cache closed meanwhile
                fetched.closeLoader();
                JarFiles.deleteQuietly(fetched.jar);
                requireOpen();
            }
            entry.leases++;
            return new ArtifactLease(this, entry);
        }
    }

    /**
     * Calls {@code listener} with an artifact's sha256 whenever the cache evicts it (under the cache's lock: the
     * listener must not wait for other threads), so that a node's warm slots of that artifact go with it.
     */
    public void addEvictionListener(Consumer<String> listener) {
        evictionListeners.add(listener);
    }

    /** Stops calling a listener added by {@link #addEvictionListener}. */
    public void removeEvictionListener(Consumer<String> listener) {
        evictionListeners.remove(listener);
    }

    /** Artifacts loaded now, in use or idle. */
    public synchronized int size() {
        return entries.size();
    }

    /** Artifacts that at least one lease holds now. */
    public synchronized int inUse() {
        return (int) entries.values().stream().filter(e -> e.leases > 0).count();
    }

    /** Jar files this cache has on disk now (evicted artifacts whose slot loaders are still open included). */
    public synchronized long filesOnDisk() {
        return JarFiles.count(directory);
    }

    /** Closes every loader and deletes every file; leases still held stop working. */
    @Override
    public synchronized void close() {
        closed = true;
        for (CacheEntry entry : List.copyOf(entries.values())) {
            evict(entry);
        }
        entries.clear();
        if (directory != null) {
            JarFiles.deleteQuietly(directory); // fails while slot loaders' files remain; they are deleted as those close
        }
    }

    synchronized ClassLoader loader(CacheEntry entry) {
        if (entry.loader == null) {
            throw new IllegalStateException("artifact " + Artifacts.shortName(entry.sha256) + " is no longer loaded");
        }
        return entry.loader;
    }

    synchronized ValueCodec codec(CacheEntry entry) {
        if (entry.codec == null) {
            throw new IllegalStateException("artifact " + Artifacts.shortName(entry.sha256) + " is no longer loaded");
        }
        return entry.codec;
    }

    synchronized URLClassLoader newSlotLoader(CacheEntry entry, String name) {
        if (entry.evicted) {
            throw new IllegalStateException("artifact " + Artifacts.shortName(entry.sha256) + " is no longer loaded");
        }
        entry.slotLoaders++;
        return new SlotLoader(name, entry.url, parent, () -> slotLoaderClosed(entry));
    }

    synchronized void release(CacheEntry entry) {
        entry.leases--;
        if (entry.leases == 0) {
            trim();
        }
    }

    private synchronized void slotLoaderClosed(CacheEntry entry) {
        entry.slotLoaders--;
        if (entry.evicted && entry.slotLoaders == 0) {
            JarFiles.deleteQuietly(entry.jar);
        }
    }

    /** Evicts the least recently used idle artifacts until at most {@code maxIdle} are idle. Caller holds the lock. */
    private void trim() {
        int idle = 0;
        for (CacheEntry entry : entries.values()) {
            if (entry.leases == 0) {
                idle++;
            }
        }
        Iterator<CacheEntry> eldestFirst = entries.values().iterator();
        while (idle > maxIdle && eldestFirst.hasNext()) {
            CacheEntry entry = eldestFirst.next();
            if (entry.leases == 0) {
                eldestFirst.remove();
                idle--;
                evict(entry);
            }
        }
    }

    /** Closes the shared loader and drops it and the codec; the file goes with the last loader. Caller holds the lock. */
    private void evict(CacheEntry entry) {
        entry.evicted = true;
        entry.closeLoader();
        entry.codec = null;
        if (entry.slotLoaders == 0) {
            JarFiles.deleteQuietly(entry.jar);
        }
        LOG.debug("artifact {}: evicted", Artifacts.shortName(entry.sha256));
        for (Consumer<String> listener : evictionListeners) {
            listener.accept(entry.sha256);
        }
    }

    private CacheEntry fetch(String sha256) throws ArtifactUnavailableException {
        byte[] bytes = store.get(sha256);
        if (bytes == null) {
            throw new ArtifactUnavailableException("no artifact with sha256 " + sha256 + "; upload it first", null);
        }
        String actual = Artifacts.sha256(bytes);
        if (!actual.equals(sha256)) {
            throw new ArtifactUnavailableException("the stored bytes of artifact " + sha256 + " have sha256 " + actual
                    + "; refusing to load them", null);
        }
        Path file;
        try {
            file = Files.createTempFile(directory(), Artifacts.shortName(sha256) + "-", ".jar");
        } catch (IOException e) {
            throw new ArtifactUnavailableException("artifact " + sha256 + " cannot be written to a temporary file: " + e, e);
        }
        try {
            Files.write(file, bytes);
            return new CacheEntry(sha256, file, JarFiles.services(file), parent);
        } catch (IOException e) {
            JarFiles.deleteQuietly(file);
            throw new ArtifactUnavailableException("artifact " + sha256 + " cannot be read as a jar: " + e.getMessage(), e);
        }
    }

    private synchronized Path directory() throws IOException {
        requireOpen();
        if (directory == null) {
            directory = TempFolders.create();
        }
        return directory;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the artifact cache is closed");
        }
    }
}
