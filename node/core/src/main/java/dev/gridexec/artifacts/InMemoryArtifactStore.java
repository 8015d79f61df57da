package dev.gridexec.artifacts;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link ArtifactStore} in this process's memory: for a scheduler without a cluster, and tests. */
public final class InMemoryArtifactStore implements ArtifactStore {

    private final Map<String, byte[]> jars = new ConcurrentHashMap<>();

    @Override
    public byte[] get(String sha256) {
        byte[] jar = jars.get(sha256);
        return jar == null ? null : jar.clone();
    }

    @Override
    public boolean putIfAbsent(String sha256, byte[] jar) {
        return jars.putIfAbsent(sha256, jar.clone()) == null;
    }
}
