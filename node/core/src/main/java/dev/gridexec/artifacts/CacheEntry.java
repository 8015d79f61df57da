package dev.gridexec.artifacts;

import dev.gridexec.codec.ValueCodec;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One artifact in an {@link ArtifactCache}: its jar on disk, the kernels it registers, its shared loader and
 * codec (null once evicted), and the leases and slot loaders open over it. Fields are guarded by the cache.
 */
final class CacheEntry {

    /** Logs under the cache's name, as before this class was split from it. */
    private static final Logger LOG = LoggerFactory.getLogger(ArtifactCache.class);

    final String sha256;
    final Path jar;
    final URL url;
    final List<String> services;
    URLClassLoader loader;
    ValueCodec codec;
    int leases;
    int slotLoaders;
    boolean evicted;

    CacheEntry(String sha256, Path jar, List<String> services, ClassLoader parent) throws MalformedURLException {
        this.sha256 = sha256;
        this.jar = jar;
        this.url = jar.toUri().toURL();
        this.services = List.copyOf(services);
        this.loader = new URLClassLoader("artifact-" + Artifacts.shortName(sha256), new URL[] {url}, parent);
        this.codec = ValueCodec.isolated();
    }

    /** Closes the shared loader, if still open, and drops it; a failure to close is logged, not thrown. */
    void closeLoader() {
        if (loader != null) {
            try {
                loader.close();
            } catch (IOException e) {
                LOG.warn("closing {} failed: {}", loader.getName(), e.toString());
            }
        }
        loader = null;
    }
}
