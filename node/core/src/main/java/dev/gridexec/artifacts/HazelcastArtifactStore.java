package dev.gridexec.artifacts;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.gridexec.cluster.ClusterConfigs;
import java.util.function.Supplier;

/**
 * The cluster's artifacts: the Hazelcast map {@value ClusterConfigs#ARTIFACTS_MAP} (one backup, so the
 * loss of any one node loses no jar), by SHA-256. Artifacts live as long as the cluster; nothing expires them.
 */
public final class HazelcastArtifactStore implements ArtifactStore {

    private final Supplier<HazelcastInstance> hazelcast;

    /** @param hazelcast the member to reach the map through; asked on each call, so it may start after this store */
    public HazelcastArtifactStore(Supplier<HazelcastInstance> hazelcast) {
        this.hazelcast = hazelcast;
    }

    @Override
    public byte[] get(String sha256) {
        return map().get(sha256);
    }

    @Override
    public boolean putIfAbsent(String sha256, byte[] jar) {
        IMap<String, byte[]> map = map();
        // containsKey first: putIfAbsent would send the whole stored jar back when it is there already.
        return !map.containsKey(sha256) && map.putIfAbsent(sha256, jar) == null;
    }

    private IMap<String, byte[]> map() {
        return hazelcast.get().getMap(ClusterConfigs.ARTIFACTS_MAP);
    }
}
