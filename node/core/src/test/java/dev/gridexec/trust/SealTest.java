package dev.gridexec.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.gridexec.cluster.ClusterSettings;
import dev.gridexec.settings.SettingsReader;
import dev.gridexec.settings.SettingsSources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sealed map entries, member proofs, and the cluster secret as the settings read it (never shown). */
class SealTest {

    private static final ClusterSecret SECRET = ClusterSecret.of("0123456789abcdef0123456789abcdef");
    private static final ClusterSecret OTHER = ClusterSecret.of("fedcba9876543210fedcba9876543210");

    @TempDir
    Path dir;

    @Test
    void aSealedTextOpensUnderItsOwnKeyAndMapOnly() {
        Seal seal = Seal.with(SECRET);
        String sealed = seal.seal("gridexec-jobs", "job-1", "{\"id\":\"job-1\"}");
        assertThat(sealed).startsWith(Seal.TEXT_PREFIX).endsWith("{\"id\":\"job-1\"}");
        assertThat(seal.seal("gridexec-jobs", "job-1", "{\"id\":\"job-1\"}")).as("deterministic, for compare-and-set").isEqualTo(sealed);
        assertThat(seal.open("gridexec-jobs", "job-1", sealed)).contains("{\"id\":\"job-1\"}");
        assertThat(seal.open("gridexec-jobs", "job-2", sealed)).as("moved to another key").isEmpty();
        assertThat(seal.open("gridexec-cancels", "job-1", sealed)).as("moved to another map").isEmpty();
        assertThat(seal.open("gridexec-jobs", "job-1", (String) null)).isEmpty();
    }

    @Test
    void anEditedForgedOrUnsealedTextIsRefused() {
        Seal seal = Seal.with(SECRET);
        String sealed = seal.seal("gridexec-jobs", "job-1", "{\"state\":\"RUNNING\"}");
        assertThat(seal.open("gridexec-jobs", "job-1", sealed.replace("RUNNING", "SUCCEEDED"))).as("edited").isEmpty();
        assertThat(seal.open("gridexec-jobs", "job-1", Seal.with(OTHER).seal("gridexec-jobs", "job-1", "{}"))).as("other secret").isEmpty();
        assertThat(seal.open("gridexec-jobs", "job-1", "{\"state\":\"RUNNING\"}")).as("unsealed").isEmpty();
        assertThat(seal.open("gridexec-jobs", "job-1", "gx1:not*base64:{}")).as("malformed").isEmpty();
        assertThat(seal.open("gridexec-jobs", "job-1", "gx1:")).as("truncated").isEmpty();
    }

    @Test
    void sealedBytesOpenOnlyUnchanged() {
        Seal seal = Seal.with(SECRET);
        byte[] body = "chunk outputs".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = seal.seal("gridexec-ledger", "job-1/a.1", body);
        assertThat(seal.open("gridexec-ledger", "job-1/a.1", sealed)).hasValueSatisfying(opened -> assertThat(opened).isEqualTo(body));
        byte[] edited = sealed.clone();
        edited[edited.length - 1] ^= 1;
        assertThat(seal.open("gridexec-ledger", "job-1/a.1", edited)).isEmpty();
        assertThat(seal.open("gridexec-ledger", "job-1/a.1", body)).as("unsealed").isEmpty();
        assertThat(seal.open("gridexec-ledger", "job-1/a.1", new byte[3])).as("too short").isEmpty();
        assertThat(seal.open("gridexec-ledger", "job-1/a.2", sealed)).as("other key").isEmpty();
    }

    @Test
    void withoutASecretNothingIsSealedAndSealedValuesAreUnwrapped() {
        Seal none = Seal.none();
        assertThat(none.active()).isFalse();
        assertThat(none.seal("m", "k", "text")).isEqualTo("text");
        assertThat(none.open("m", "k", "text")).contains("text");
        assertThat(none.open("m", "k", Seal.with(SECRET).seal("m", "k", "text"))).contains("text");
        byte[] bytes = {1, 2, 3};
        assertThat(none.seal("m", "k", bytes)).isSameAs(bytes);
        assertThat(none.open("m", "k", Seal.with(SECRET).seal("m", "k", bytes))).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));
    }

    @Test
    void aProofAnswersOneChallengeForOneMemberUnderOneSecret() {
        UUID member = UUID.randomUUID();
        byte[] challenge = MemberProof.challenge();
        byte[] answer = MemberProof.answer(SECRET, challenge, member);
        assertThat(MemberProof.verify(SECRET, challenge, member, answer)).isTrue();
        assertThat(MemberProof.verify(SECRET, MemberProof.challenge(), member, answer)).as("replayed to a new challenge").isFalse();
        assertThat(MemberProof.verify(SECRET, challenge, UUID.randomUUID(), answer)).as("another member's").isFalse();
        assertThat(MemberProof.verify(OTHER, challenge, member, answer)).as("another secret").isFalse();
        assertThat(MemberProof.verify(SECRET, challenge, member, new byte[0])).as("no secret: empty answer").isFalse();
        assertThat(MemberProof.verify(SECRET, challenge, member, null)).isFalse();
    }

    @Test
    void aShortSecretIsRefusedWithoutBeingQuoted() {
        assertThatIllegalArgumentException().isThrownBy(() -> ClusterSecret.of("short-secret"))
                .withMessageNotContaining("short-secret");
        assertThat(SECRET.toString()).doesNotContain("0123");
    }

    @Test
    void theSecretComesFromAFileOrTheEnvironmentAndNeverShows() throws Exception {
        Path file = Files.writeString(dir.resolve("cluster-secret"), "0123456789abcdef0123456789abcdef\n");
        List<String> problems = new ArrayList<>();
        ClusterSettings fromFile = read(Map.of("GRIDEXEC_CLUSTER_SECRET_FILE", file.toString()), problems);
        assertThat(problems).isEmpty();
        assertThat(fromFile.secret()).contains(SECRET);
        assertThat(fromFile.toString()).doesNotContain("0123456789abcdef");

        ClusterSettings fromEnv = read(Map.of("GRIDEXEC_CLUSTER_SECRET", "fedcba9876543210fedcba9876543210"), problems);
        assertThat(problems).isEmpty();
        assertThat(fromEnv.secret()).contains(OTHER);

        assertThat(read(Map.of(), problems).secret()).isEmpty();
    }

    @Test
    void aBadSecretIsReportedWithoutQuotingIt() throws Exception {
        List<String> problems = new ArrayList<>();
        read(Map.of("GRIDEXEC_CLUSTER_SECRET", "too-short-1"), problems);
        read(Map.of("GRIDEXEC_CLUSTER_SECRET_FILE", dir.resolve("missing").toString()), problems);
        Path file = Files.writeString(dir.resolve("s"), "0123456789abcdef0123456789abcdef");
        read(Map.of("GRIDEXEC_CLUSTER_SECRET", "0123456789abcdef-given-twice", "GRIDEXEC_CLUSTER_SECRET_FILE", file.toString()), problems);
        assertThat(problems).hasSize(3)
                .allSatisfy(problem -> assertThat(problem).doesNotContain("too-short-1").doesNotContain("given-twice"));
        assertThat(problems.get(0)).startsWith("cluster-secret: must be at least").contains("GRIDEXEC_CLUSTER_SECRET");
        assertThat(problems.get(1)).startsWith("cluster-secret-file: must name a readable file");
        assertThat(problems.get(2)).contains("not both");
    }

    @Test
    void aMembersSealComesFromItsConfigAndNeverReachesTheCluster() {
        com.hazelcast.config.Config with = dev.gridexec.cluster.ClusterConfigs.member(
                new ClusterSettings("c", "127.0.0.1", 5701, List.of(), Optional.empty(), 5).withSecret(SECRET), "m", true, Map.of());
        assertThat(with.getUserContext().get(Seal.USER_CONTEXT_KEY)).isInstanceOfSatisfying(Seal.class, seal -> assertThat(seal.active()).isTrue());
        assertThat(with.getMemberAttributeConfig().getAttributes().values()).noneMatch(value -> value.contains("0123"));
        com.hazelcast.config.Config without = dev.gridexec.cluster.ClusterConfigs.member(
                new ClusterSettings("c", "127.0.0.1", 5701, List.of(), Optional.empty(), 5), "m", true, Map.of());
        assertThat(without.getUserContext().get(Seal.USER_CONTEXT_KEY)).isSameAs(Seal.none());
    }

    private static ClusterSettings read(Map<String, String> env, List<String> problems) {
        SettingsReader reader = new SettingsReader(SettingsSources.gather(ClusterSettings.KEYS, Map.of(), env, problems), problems);
        return ClusterSettings.read(reader, 5701);
    }
}
