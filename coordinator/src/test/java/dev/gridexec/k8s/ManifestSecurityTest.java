package dev.gridexec.k8s;

import static dev.gridexec.k8s.Apps.CLUSTER_SECRET_FILE_ENV;
import static dev.gridexec.k8s.Apps.apps;
import static dev.gridexec.k8s.ManifestObjects.id;
import static dev.gridexec.k8s.ManifestObjects.list;
import static dev.gridexec.k8s.ManifestObjects.listOfMaps;
import static dev.gridexec.k8s.ManifestObjects.map;
import static dev.gridexec.k8s.ManifestObjects.named;
import static dev.gridexec.k8s.ManifestObjects.podLabels;
import static dev.gridexec.k8s.ManifestObjects.podSpec;
import static dev.gridexec.k8s.ManifestObjects.stringMap;
import static dev.gridexec.k8s.ManifestObjects.workloads;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.k8s.Apps.App;
import dev.gridexec.k8s.Manifests.Rendering;
import dev.gridexec.settings.SettingsSources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks, on every rendering of the manifests (see {@link Manifests}), what keeps the cluster closed: the cluster
 * secret comes from the Secret's read-only file, never a variable; every container runs non-root on a read-only
 * filesystem without capabilities; and only the app's own pods reach the Hazelcast port.
 */
class ManifestSecurityTest {

    /** The Secret every node and coordinator reads the cluster secret from, as a file (you create it: k8s/README.md). */
    private static final String CLUSTER_SECRET = "gridexec-cluster-secret";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gridexec.k8s.Manifests#renderings")
    void everyNodeAndCoordinatorReadsTheClusterSecretFromTheSecretsFileAndNeverFromAVariable(Rendering rendering) {
        for (App app : apps(rendering)) {
            String what = rendering + ": the " + app.role();
            assertThat(app.env()).as(what).doesNotContainKey(SettingsSources.envName("cluster-secret"));
            assertThat(listOfMaps(app.container().getOrDefault("env", List.of()))).as(what + ": no variable from a Secret holds it")
                    .noneMatch(variable -> variable.get("name").toString().contains("CLUSTER_SECRET"));
            String file = app.env().get(CLUSTER_SECRET_FILE_ENV);
            assertThat(file).as(what + ": " + CLUSTER_SECRET_FILE_ENV).isNotBlank();
            assertThat(app.role().equals("node") ? app.node().cluster().secret() : app.coordinator().cluster().secret())
                    .as(what + ": the secret its settings resolve").isPresent();
            Map<String, Map<String, Object>> volumes = new LinkedHashMap<>();
            listOfMaps(app.podSpec().getOrDefault("volumes", List.of())).forEach(v -> volumes.put(v.get("name").toString(), v));
            assertThat(listOfMaps(app.container().get("volumeMounts"))).as(what + ": the file lies in the Secret's volume")
                    .anySatisfy(mount -> {
                        String dir = mount.get("mountPath").toString();
                        assertThat(file).startsWith(dir + "/");
                        assertThat(mount.get("readOnly")).isEqualTo(true);
                        Map<String, Object> secret = map(volumes.get(mount.get("name").toString()).get("secret"));
                        assertThat(secret.get("secretName")).isEqualTo(CLUSTER_SECRET);
                        assertThat(secret.get("optional")).isNotEqualTo(true);
                        assertThat(secret.get("defaultMode")).as("owner and group may read it, nobody else").isIn(0400, 0440);
                        assertThat(listOfMaps(secret.get("items"))).anySatisfy(item -> {
                            assertThat(item.get("key")).isEqualTo("cluster-secret");
                            assertThat(dir + "/" + item.get("path")).isEqualTo(file);
                        });
                    });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gridexec.k8s.Manifests#renderings")
    void everyContainerRunsNonRootReadOnlyWithoutCapabilities(Rendering rendering) {
        for (Map<String, Object> workload : workloads(rendering)) {
            Map<String, Object> podSpec = podSpec(workload);
            Map<String, Object> podContext = map(podSpec.getOrDefault("securityContext", Map.of()));
            Set<String> emptyDirs = listOfMaps(podSpec.getOrDefault("volumes", List.of())).stream()
                    .filter(v -> v.containsKey("emptyDir")).map(v -> v.get("name").toString()).collect(Collectors.toSet());
            List<Map<String, Object>> containers = new ArrayList<>(listOfMaps(podSpec.get("containers")));
            containers.addAll(listOfMaps(podSpec.getOrDefault("initContainers", List.of())));
            for (Map<String, Object> container : containers) {
                String what = rendering + ": container " + container.get("name") + " of " + id(workload);
                Map<String, Object> context = map(container.get("securityContext"));
                assertThat(context.getOrDefault("runAsNonRoot", podContext.get("runAsNonRoot"))).as(what).isEqualTo(true);
                assertThat(context.getOrDefault("runAsUser", podContext.get("runAsUser"))).as(what).isEqualTo(10001);
                assertThat(context.get("readOnlyRootFilesystem")).as(what).isEqualTo(true);
                assertThat(context.get("allowPrivilegeEscalation")).as(what).isEqualTo(false);
                assertThat(list(map(context.get("capabilities")).get("drop"))).as(what).contains("ALL");
                assertThat(map(context.get("capabilities")).get("add")).as(what).isNull();
                assertThat(context.get("privileged")).as(what).isNotEqualTo(true);
                assertThat(map(context.getOrDefault("seccompProfile", podContext.get("seccompProfile"))).get("type")).as(what)
                        .isEqualTo("RuntimeDefault");
                assertThat(listOfMaps(container.get("volumeMounts"))).as(what + ": /tmp is a writable emptyDir")
                        .anySatisfy(m -> {
                            assertThat(m.get("mountPath")).isEqualTo("/tmp");
                            assertThat(emptyDirs).contains(m.get("name").toString());
                            assertThat(m.get("readOnly")).isNotEqualTo(true);
                        });
            }
            assertThat(podSpec.get("automountServiceAccountToken")).as("%s: DNS discovery needs no API token", id(workload))
                    .isEqualTo(false);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gridexec.k8s.Manifests#renderings")
    void theHazelcastPortAcceptsOnlyTheAppsOwnPods(Rendering rendering) {
        Map<String, Object> policy = named(rendering, "NetworkPolicy", "gridexec");
        Map<String, Object> spec = map(policy.get("spec"));
        Map<String, String> selected = stringMap(map(spec.get("podSelector")).get("matchLabels"));
        assertThat(selected).isEqualTo(Map.of("app.kubernetes.io/part-of", "gridexec"));
        assertThat(list(spec.get("policyTypes"))).contains("Ingress");
        for (App app : apps(rendering)) {
            assertThat(podLabels(app.workload())).as("%s: the policy covers the %s pods", rendering, app.role())
                    .containsAllEntriesOf(selected);
        }
        List<Map<String, Object>> rules = listOfMaps(spec.getOrDefault("ingress", List.of()));
        boolean apiOpen = false;
        for (Map<String, Object> rule : rules) {
            List<Map<String, Object>> ports = listOfMaps(rule.getOrDefault("ports", List.of()));
            assertThat(ports).as("%s: an ingress rule without ports would open the Hazelcast port", rendering).isNotEmpty();
            boolean hazelcast = ports.stream().anyMatch(p -> Objects.equals(p.get("port"), 5701)
                    || Objects.equals(p.get("port"), "hazelcast") || p.containsKey("endPort"));
            if (hazelcast) {
                List<Map<String, Object>> from = listOfMaps(rule.getOrDefault("from", List.of()));
                assertThat(from).as("%s: sources of the Hazelcast port", rendering).isNotEmpty().allSatisfy(peer -> {
                    assertThat(peer.keySet()).containsExactly("podSelector");
                    assertThat(stringMap(map(peer.get("podSelector")).get("matchLabels")))
                            .isEqualTo(Map.of("app.kubernetes.io/part-of", "gridexec"));
                });
            } else if (rule.get("from") == null && ports.stream().anyMatch(p -> Objects.equals(p.get("port"), 8080))) {
                apiOpen = true;
            }
        }
        assertThat(apiOpen).as("%s: the coordinator's API port 8080 is open", rendering).isTrue();
        assertThat(rules).as("%s: some rule lets the members reach 5701", rendering)
                .anySatisfy(r -> assertThat(listOfMaps(r.get("ports"))).anySatisfy(p -> assertThat(p.get("port")).isEqualTo(5701)));
    }
}
