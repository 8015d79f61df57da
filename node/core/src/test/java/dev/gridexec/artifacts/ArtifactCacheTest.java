package dev.gridexec.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.testkernels.TestJars;
import java.io.ByteArrayOutputStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ArtifactCacheTest {

    private static final String TOKEN_KERNEL = TestJars.PACKAGE + ".TokenKernel";

    private final InMemoryArtifactStore store = new InMemoryArtifactStore();
    private ArtifactCache cache = new ArtifactCache(store);

    @AfterEach
    void close() {
        cache.close();
    }

    private String upload(byte[] jar) {
        assertThat(Artifacts.jarProblem(jar)).isEmpty();
        return Artifacts.store(store, jar).artifact().sha256();
    }

    private static byte[] distinctJar(int n) {
        return TestJars.testKernels(Map.of("id.txt", Integer.toString(n).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theSameBytesAreStoredOnceUnderTheirSha256() {
        byte[] jar = TestJars.testKernels();
        Artifacts.Stored first = Artifacts.store(store, jar);
        Artifacts.Stored again = Artifacts.store(store, jar.clone());
        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.artifact()).isEqualTo(first.artifact());
        assertThat(first.artifact().sha256()).matches("[0-9a-f]{64}").isEqualTo(Artifacts.sha256(jar));
        assertThat(first.artifact().size()).isEqualTo(jar.length);
    }

    @Test
    void bytesThatAreNotAJarAreRejectedSayingWhy() throws Exception {
        ByteArrayOutputStream emptyZip = new ByteArrayOutputStream();
        new ZipOutputStream(emptyZip).close();
        byte[] truncated = java.util.Arrays.copyOf(TestJars.testKernels(), 300);
        assertThat(Artifacts.jarProblem(new byte[0])).hasValue("the body is empty: send the bytes of a jar");
        assertThat(Artifacts.jarProblem("hello".getBytes(StandardCharsets.UTF_8))).get().asString()
                .startsWith("not a jar (a zip archive): ");
        assertThat(Artifacts.jarProblem(truncated)).get().asString().startsWith("not a jar (a zip archive): ");
        assertThat(Artifacts.jarProblem(emptyZip.toByteArray())).hasValue("not a jar: the zip archive has no entries");
    }

    @Test
    void anUnknownArtifactIsUnavailableNamingItsHash() {
        String sha = "ab".repeat(32);
        assertThatThrownBy(() -> cache.lease(sha)).isInstanceOf(ArtifactUnavailableException.class)
                .hasMessage("no artifact with sha256 " + sha + "; upload it first");
    }

    @Test
    void storedBytesThatDoNotMatchTheirNameAreNotLoaded() {
        String sha = Artifacts.sha256(TestJars.testKernels());
        store.putIfAbsent(sha, distinctJar(1));
        assertThatThrownBy(() -> cache.lease(sha)).isInstanceOf(ArtifactUnavailableException.class)
                .hasMessageContaining("the stored bytes of artifact " + sha + " have sha256 " + Artifacts.sha256(distinctJar(1)));
        assertThat(cache.size()).isZero();
    }

    @Test
    void oneSharedLoaderPerArtifactAndAFreshOneForEachSlot() throws Exception {
        String sha = upload(TestJars.testKernels());
        try (ArtifactLease a = cache.lease(sha); ArtifactLease b = cache.lease(sha);
             URLClassLoader slot0 = a.newSlotLoader("slot-0"); URLClassLoader slot1 = a.newSlotLoader("slot-1")) {
            assertThat(a.loader()).isSameAs(b.loader());
            assertThat(a.services()).containsExactlyElementsOf(TestJars.REGISTERED);
            Class<?> shared = Class.forName(TOKEN_KERNEL, false, a.loader());
            Class<?> inSlot0 = Class.forName(TOKEN_KERNEL, false, slot0);
            Class<?> inSlot1 = Class.forName(TOKEN_KERNEL, false, slot1);
            assertThat(inSlot0).isNotSameAs(shared).isNotSameAs(inSlot1);
            assertThat(inSlot0.getClassLoader()).isSameAs(slot0);
            assertThat(Class.forName(Kernel.class.getName(), false, slot0)).as("the SPI comes from the parent").isSameAs(Kernel.class);
            assertThat(Kernel.class.isAssignableFrom(inSlot1)).isTrue();
        }
        assertThat(cache.inUse()).isZero();
    }

    @Test
    void idleArtifactsPastTheBoundAreEvictedAndTheirFilesGoWithTheirLastLoader() throws Exception {
        cache.close();
        cache = new ArtifactCache(store, 1);
        String first = upload(distinctJar(1));
        String second = upload(distinctJar(2));
        URLClassLoader slot;
        try (ArtifactLease lease = cache.lease(first)) {
            slot = lease.newSlotLoader("slot-0");
        }
        assertThat(cache.size()).as("one idle artifact is kept").isEqualTo(1);
        try (ArtifactLease lease = cache.lease(second)) {
            assertThat(lease.sha256()).isEqualTo(second);
            assertThat(cache.size()).as("in use is never evicted").isEqualTo(2);
        }
        assertThat(cache.size()).as("the least recently used idle one goes").isEqualTo(1);
        assertThat(cache.filesOnDisk()).as("the evicted jar stays while a slot loader reads it").isEqualTo(2);
        slot.close();
        assertThat(cache.filesOnDisk()).isEqualTo(1);
        try (ArtifactLease again = cache.lease(first)) {
            assertThat(Class.forName(TOKEN_KERNEL, false, again.loader())).isNotNull();
        }
    }
}
