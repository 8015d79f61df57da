package dev.gridexec.k8s;

import static dev.gridexec.k8s.Apps.CLUSTER_SECRET_FILE_ENV;
import static dev.gridexec.k8s.Apps.apps;
import static dev.gridexec.k8s.Apps.value;
import static dev.gridexec.k8s.ManifestObjects.byKind;
import static dev.gridexec.k8s.ManifestObjects.containerPortNumber;
import static dev.gridexec.k8s.ManifestObjects.containerPorts;
import static dev.gridexec.k8s.ManifestObjects.id;
import static dev.gridexec.k8s.ManifestObjects.ids;
import static dev.gridexec.k8s.ManifestObjects.kind;
import static dev.gridexec.k8s.ManifestObjects.list;
import static dev.gridexec.k8s.ManifestObjects.listOfMaps;
import static dev.gridexec.k8s.ManifestObjects.map;
import static dev.gridexec.k8s.ManifestObjects.name;
import static dev.gridexec.k8s.ManifestObjects.named;
import static dev.gridexec.k8s.ManifestObjects.only;
import static dev.gridexec.k8s.ManifestObjects.podLabels;
import static dev.gridexec.k8s.ManifestObjects.podSpec;
import static dev.gridexec.k8s.ManifestObjects.secretData;
import static dev.gridexec.k8s.ManifestObjects.stringMap;
import static dev.gridexec.k8s.ManifestObjects.workloads;
import static dev.gridexec.k8s.Manifests.K8S;
import static dev.gridexec.k8s.Manifests.OVERLAYS;
import static dev.gridexec.k8s.Manifests.STORE_ENV;
import static dev.gridexec.k8s.Manifests.STORE_OVERLAYS;
import static dev.gridexec.k8s.Manifests.STORE_SECRET;
import static dev.gridexec.k8s.Manifests.VERSION;
import static dev.gridexec.k8s.Manifests.baseFiles;
import static dev.gridexec.k8s.Manifests.kustomize;
import static dev.gridexec.k8s.Manifests.loadAll;
import static dev.gridexec.k8s.Manifests.parse;
import static dev.gridexec.k8s.Manifests.parseAny;
import static dev.gridexec.k8s.Manifests.read;
import static dev.gridexec.k8s.Manifests.requireKubectl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.coordinator.CoordinatorSettings;
import dev.gridexec.k8s.Apps.App;
import dev.gridexec.k8s.Manifests.Rendering;
import dev.gridexec.node.NodeSettings;
import dev.gridexec.settings.SettingsSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the Kubernetes manifests under {@code k8s/} without a cluster: the files of {@code k8s/base} as
 * written, and, when {@code kubectl} is on the PATH, what {@code kubectl kustomize} renders for the base and
 * each overlay. Settings are checked by resolving them with the node's and coordinator's own settings
 * classes, as the processes in the pods would. Nothing here pulls or runs an image.
 */
class KubernetesManifestsTest {

    /** The Secret every node and coordinator reads the cluster secret from, as a file (you create it: k8s/README.md). */
    private static final String CLUSTER_SECRET = "gridexec-cluster-secret";
    private static final String POSTGRES_IMAGE = "postgres:17";
    private static final Set<String> LABELS = Set.of("app.kubernetes.io/name", "app.kubernetes.io/instance",
            "app.kubernetes.io/component", "app.kubernetes.io/part-of", "app.kubernetes.io/version");
    private static final Set<String> HEALTH_PATHS = Set.of("/health/live", "/health/ready");
    /** Environment variables the processes read besides their settings keys (the entrypoint, logging, the file). */
    private static final Set<String> EXTRA_ENV = Set.of("JAVA_OPTS", "GRIDEXEC_LOG_LEVEL", SettingsSources.envName(SettingsSources.CONFIG_KEY));

    // ---------------------------------------------------------------- the files themselves

    @Test
    void everyFileOfTheBaseIsAResourceOfItsKustomization() throws IOException {
        Set<String> listed = list(loadAll(K8S.resolve("base/kustomization.yaml")).get(0).get("resources")).stream()
                .map(Object::toString).collect(Collectors.toCollection(TreeSet::new));
        Set<String> files;
        try (Stream<Path> paths = Files.list(K8S.resolve("base"))) {
            files = paths.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(listed).isEqualTo(files);
    }

    @Test
    void everyOverlayIsChecked() throws IOException {
        Set<String> dirs;
        try (Stream<Path> paths = Files.list(K8S.resolve("overlays"))) {
            dirs = paths.filter(Files::isDirectory).map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> checked = new TreeSet<>(OVERLAYS);
        checked.addAll(STORE_OVERLAYS);
        assertThat(dirs).isEqualTo(checked);
    }

    @Test
    void theBaseHoldsEveryKindTheIssueAsksFor() {
        assertThat(baseFiles().objects()).extracting(ManifestObjects::kind).contains("Namespace", "ConfigMap",
                "StatefulSet", "Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler", "NetworkPolicy");
    }

    @Test
    void overlaysRenderTheSameObjectsAsTheBase() {
        requireKubectl();
        Set<String> base = ids(kustomize("base"));
        assertThat(base).isEqualTo(ids(baseFiles()));
        for (String overlay : OVERLAYS) {
            assertThat(ids(kustomize("overlays/" + overlay))).as("objects of overlay %s", overlay).isEqualTo(base);
        }
    }

    @Test
    void overlaysChangeOnlySizesReplicasAndResources() {
        for (String overlay : OVERLAYS) {
            String text = read(K8S.resolve("overlays/" + overlay + "/kustomization.yaml"));
            Map<String, Object> kustomization = parse(text).get(0);
            assertThat(kustomization.keySet()).as("overlay %s", overlay)
                    .isSubsetOf("apiVersion", "kind", "resources", "replicas", "patches");
            assertThat(list(kustomization.get("resources"))).as("overlay %s", overlay).containsExactly("../../base");
            for (Object patch : list(kustomization.get("patches"))) {
                for (Map<String, Object> op : listOfMaps(parseAny(map(patch).get("patch").toString()))) {
                    assertThat(op.get("path").toString()).as("overlay %s patches %s", overlay, op.get("path"))
                            .matches("/spec/(minReplicas|maxReplicas|template/spec/containers/0/resources)"
                                    + "|/data/(GRIDEXEC_WORKERS|JAVA_OPTS)");
                }
            }
        }
    }

    // ---------------------------------------------------------------- every rendering

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gridexec.k8s.Manifests#renderings")
    void everyObjectCarriesTheAppLabelsAndLivesInTheNamespace(Rendering rendering) {
        for (Map<String, Object> object : rendering.objects()) {
            Map<String, Object> labels = map(map(object.get("metadata")).get("labels"));
            assertThat(labels).as("%s: labels of %s", rendering, id(object)).containsKeys(LABELS.toArray(String[]::new));
            assertThat(labels.get("app.kubernetes.io/part-of")).isEqualTo("gridexec");
            assertThat(labels.get("app.kubernetes.io/version")).as("%s: version label of %s", rendering, id(object))
                    .isEqualTo(VERSION);
            if (!kind(object).equals("Namespace")) {
                assertThat(map(object.get("metadata")).get("namespace")).as("%s: namespace of %s", rendering, id(object))
                        .isEqualTo("gridexec");
            }
        }
        assertThat(rendering.objects()).filteredOn(o -> kind(o).equals("Namespace")).extracting(ManifestObjects::name)
                .containsExactly("gridexec");
        for (Map<String, Object> workload : workloads(rendering)) {
            Map<String, Object> spec = map(workload.get("spec"));
            Map<String, Object> podLabels = map(map(map(spec.get("template")).get("metadata")).get("labels"));
            assertThat(podLabels).as("%s: pod labels of %s", rendering, id(workload)).containsKeys(LABELS.toArray(String[]::new));
            assertThat(podLabels).as("%s: %s selects its own pods", rendering, id(workload))
                    .containsAllEntriesOf(stringMap(map(spec.get("selector")).get("matchLabels")));
            assertThat(map(map(spec.get("selector")).get("matchLabels"))).as("selectors must not carry the version")
                    .doesNotContainKey("app.kubernetes.io/version");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gridexec.k8s.Manifests#renderings")
    void servicesSelectAWorkloadsPodsAndTargetItsPorts(Rendering rendering) {
        List<Map<String, Object>> services = byKind(rendering, "Service");
        assertThat(services).extracting(ManifestObjects::name).contains("gridexec-nodes", "gridexec-coordinator");
        for (Map<String, Object> service : services) {
            Map<String, Object> spec = map(service.get("spec"));
            Map<String, String> selector = stringMap(spec.get("selector"));
            assertThat(selector).as("%s: selector of %s", rendering, id(service)).isNotEmpty();
            List<Map<String, Object>> selected = workloads(rendering).stream()
                    .filter(w -> podLabels(w).entrySet().containsAll(selector.entrySet())).toList();
            assertThat(selected).as("%s: workloads whose pods %s selects", rendering, id(service)).hasSize(1);
            List<Map<String, Object>> ports = containerPorts(selected.get(0));
            for (Map<String, Object> port : listOfMaps(spec.get("ports"))) {
                Object target = port.getOrDefault("targetPort", port.get("port"));
                assertThat(ports).as("%s: %s targets port %s", rendering, id(service), target)
                        .anySatisfy(p -> assertThat(target instanceof Integer ? p.get("containerPort") : p.get("name"))
                                .isEqualTo(target));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gridexec.k8s.Manifests#renderings")
    void everyEnvironmentVariableIsOneTheProcessesUnderstand(Rendering rendering) {
        for (App app : apps(rendering)) {
            Set<String> keys = app.role().equals("node") ? NodeSettings.KEYS : CoordinatorSettings.KEYS;
            Set<String> known = new LinkedHashSet<>(EXTRA_ENV);
            keys.forEach(key -> known.add(SettingsSources.envName(key)));
            assertThat(app.env().keySet()).as("%s: environment of the %s", rendering, app.role()).isSubsetOf(known);
            assertThat(app.podSpec().get("enableServiceLinks")).as("%s: %s pods get no Service link variables", rendering,
                    app.role()).isEqualTo(false);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gridexec.k8s.Manifests#renderings")
    void probesAskForTheHealthEndpointsOnThePortsTheProcessesServe(Rendering rendering) {
        for (App app : apps(rendering)) {
            int httpPort = app.role().equals("node") ? app.node().httpPort() : app.coordinator().httpPort();
            String httpHost = app.role().equals("node") ? app.node().httpHost() : app.coordinator().httpHost();
            assertThat(httpHost).as("%s: the %s's HTTP server must listen beyond loopback", rendering, app.role())
                    .isEqualTo("0.0.0.0");
            Map<String, Object> container = app.container();
            assertThat(path(container, "livenessProbe")).isEqualTo("/health/live");
            assertThat(path(container, "readinessProbe")).isEqualTo("/health/ready");
            for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                if (container.get(probe) == null) {
                    continue;
                }
                Map<String, Object> httpGet = map(map(container.get(probe)).get("httpGet"));
                assertThat(HEALTH_PATHS).as("%s: %s of the %s", rendering, probe, app.role()).contains(httpGet.get("path").toString());
                assertThat(containerPortNumber(container, httpGet.get("port"))).as("%s: %s port of the %s", rendering, probe,
                        app.role()).isEqualTo(httpPort);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gridexec.k8s.Manifests#renderings")
    void discoveryFindsTheHeadlessServiceOfTheNodes(Rendering rendering) {
        Map<String, Object> statefulSet = named(rendering, "StatefulSet", "gridexec-node");
        String serviceName = map(statefulSet.get("spec")).get("serviceName").toString();
        Map<String, Object> service = byKind(rendering, "Service").stream().filter(s -> name(s).equals(serviceName))
                .findFirst().orElseThrow(() -> new AssertionError(rendering + ": no Service " + serviceName));
        Map<String, Object> spec = map(service.get("spec"));
        assertThat(spec.get("clusterIP")).isEqualTo("None");
        assertThat(spec.get("publishNotReadyAddresses")).isEqualTo(true);
        assertThat(podLabels(statefulSet)).containsAllEntriesOf(stringMap(spec.get("selector")));
        String dns = serviceName + "." + map(service.get("metadata")).get("namespace") + ".svc.cluster.local";
        List<App> apps = apps(rendering);
        assertThat(apps).extracting(App::role).containsExactlyInAnyOrder("node", "coordinator");
        for (App app : apps) {
            var cluster = app.role().equals("node") ? app.node().cluster() : app.coordinator().cluster();
            assertThat(cluster.kubernetesDns()).as("%s: discovery of the %s", rendering, app.role()).contains(dns);
            assertThat(cluster.members()).isEmpty();
            assertThat(containerPortNumber(app.container(), "hazelcast")).as("%s: Hazelcast port of the %s", rendering, app.role())
                    .isEqualTo(cluster.port());
        }
        // DNS discovery connects to the members it finds on 5701 (Hazelcast's default, no service-port set).
        assertThat(apps.stream().filter(a -> a.role().equals("node")).findFirst().orElseThrow().node().cluster().port())
                .isEqualTo(5701);
        assertThat(listOfMaps(spec.get("ports"))).anySatisfy(p -> {
            assertThat(p.get("name")).isEqualTo("hazelcast");
            assertThat(p.get("port")).isEqualTo(5701);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gridexec.k8s.Manifests#renderings")
    void imagesAreTheOneTheBuildProduces(Rendering rendering) {
        for (App app : apps(rendering)) {
            assertThat(app.container().get("image")).as("%s: image of the %s", rendering, app.role()).isEqualTo("gridexec:" + VERSION);
            assertThat(list(app.container().get("args"))).as("%s: entrypoint argument", rendering).first().isEqualTo(app.role());
        }
    }

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

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gridexec.k8s.Manifests#renderings")
    void nodesScaleDownOnePodAtATime(Rendering rendering) {
        Map<String, Object> hpa = only(rendering, "HorizontalPodAutoscaler");
        assertThat(hpa.get("apiVersion")).isEqualTo("autoscaling/v2");
        Map<String, Object> spec = map(hpa.get("spec"));
        Map<String, Object> target = map(spec.get("scaleTargetRef"));
        Map<String, Object> statefulSet = named(rendering, "StatefulSet", "gridexec-node");
        assertThat(target).containsEntry("kind", "StatefulSet").containsEntry("name", name(statefulSet))
                .containsEntry("apiVersion", "apps/v1");
        assertThat(listOfMaps(spec.get("metrics"))).anySatisfy(m -> {
            assertThat(m.get("type")).isEqualTo("Resource");
            assertThat(map(m.get("resource")).get("name")).isEqualTo("cpu");
        });
        List<Map<String, Object>> policies = listOfMaps(map(map(spec.get("behavior")).get("scaleDown")).get("policies"));
        assertThat(policies).as("%s: scale-down policies", rendering).isNotEmpty().allSatisfy(p -> {
            assertThat(p.get("type")).isEqualTo("Pods");
            assertThat(p.get("value")).isEqualTo(1);
        });
        int replicas = (Integer) map(statefulSet.get("spec")).get("replicas");
        assertThat(replicas).as("%s: node replicas within the HPA's bounds", rendering)
                .isBetween((Integer) spec.get("minReplicas"), (Integer) spec.get("maxReplicas"));

        Map<String, Object> pdb = named(rendering, "PodDisruptionBudget", "gridexec-node");
        Map<String, Object> pdbSpec = map(pdb.get("spec"));
        assertThat(pdbSpec.get("maxUnavailable")).isEqualTo(1);
        assertThat(pdbSpec).doesNotContainKey("minAvailable");
        assertThat(podLabels(statefulSet)).containsAllEntriesOf(stringMap(map(pdbSpec.get("selector")).get("matchLabels")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gridexec.k8s.Manifests#renderings")
    void nodeCpuRequestsEqualTheirWorkersAndTheyHaveTimeToDrain(Rendering rendering) {
        App node = apps(rendering).stream().filter(a -> a.role().equals("node")).findFirst().orElseThrow();
        Map<String, Object> resources = map(node.container().get("resources"));
        double requested = cpu(map(resources.get("requests")).get("cpu"));
        assertThat(requested).as("%s: node CPU request vs GRIDEXEC_WORKERS %s", rendering, node.node().workers())
                .isEqualTo(node.node().workers());
        Object limit = map(resources.getOrDefault("limits", Map.of())).get("cpu");
        if (limit != null) {
            assertThat(cpu(limit)).as("%s: node CPU limit", rendering).isGreaterThanOrEqualTo(requested);
        }
        assertThat(map(resources.get("requests")).get("memory")).as("%s: node memory request", rendering).isNotNull();
        Object grace = node.podSpec().get("terminationGracePeriodSeconds");
        assertThat(grace).as("%s: terminationGracePeriodSeconds", rendering).isNotNull();
        assertThat(((Integer) grace).longValue()).as("%s: grace period above the drain timeout", rendering)
                .isGreaterThan(node.node().drainTimeout().toSeconds());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gridexec.k8s.Manifests#renderings")
    void twoCoordinatorsRunBehindABudgetEachNamedAfterItsPod(Rendering rendering) {
        Map<String, Object> deployment = named(rendering, "Deployment", "gridexec-coordinator");
        Map<String, Object> spec = map(deployment.get("spec"));
        assertThat(spec.get("replicas")).as("%s: coordinator replicas", rendering).isEqualTo(2);
        Map<String, Object> strategy = map(spec.get("strategy"));
        assertThat(strategy.get("type")).as("%s: a rollout replaces coordinators one at a time", rendering).isEqualTo("RollingUpdate");
        assertThat(map(strategy.get("rollingUpdate")).get("maxUnavailable")).as("%s: a new coordinator is ready before an old one stops",
                rendering).isEqualTo(0);

        Map<String, Object> pdb = map(named(rendering, "PodDisruptionBudget", "gridexec-coordinator").get("spec"));
        assertThat(pdb.get("minAvailable")).as("%s: the coordinators' budget", rendering).isEqualTo(1);
        assertThat(pdb).doesNotContainKey("maxUnavailable");
        Map<String, String> selector = stringMap(map(pdb.get("selector")).get("matchLabels"));
        assertThat(podLabels(deployment)).containsAllEntriesOf(selector);
        assertThat(workloads(rendering)).filteredOn(w -> podLabels(w).entrySet().containsAll(selector.entrySet()))
                .as("%s: workloads the coordinators' budget covers", rendering).containsExactly(deployment);

        App coordinator = apps(rendering).stream().filter(a -> a.role().equals("coordinator")).findFirst().orElseThrow();
        Map<String, Object> name = listOfMaps(coordinator.container().get("env")).stream()
                .filter(v -> Objects.equals(v.get("name"), SettingsSources.envName("name"))).findFirst()
                .orElseThrow(() -> new AssertionError(rendering + ": the coordinators get no " + SettingsSources.envName("name")));
        assertThat(map(map(name.get("valueFrom")).get("fieldRef")).get("fieldPath")).as("%s: a coordinator's name", rendering)
                .isEqualTo("metadata.name");
        assertThat(coordinator.coordinator().name()).as("%s: the name the coordinator resolves", rendering)
                .isEqualTo(value(name, deployment, Map.of()));
        assertThat(coordinator.env()).as("%s: the coordinators hold no data and need no store", rendering)
                .doesNotContainKeys(STORE_ENV.keySet().toArray(String[]::new));
    }

    // ---------------------------------------------------------------- the store overlays

    @Test
    void storeOverlaysAddOnlyTheirDatabaseToTheBase() {
        requireKubectl();
        Set<String> base = ids(kustomize("base"));
        assertThat(ids(kustomize("overlays/external-db"))).as("objects of overlay external-db (its Secret is yours)").isEqualTo(base);
        Rendering postgres = kustomize("overlays/postgres");
        Set<String> added = new TreeSet<>(ids(postgres));
        assertThat(added).containsAll(base);
        added.removeAll(base);
        assertThat(added).as("objects the postgres overlay adds").hasSize(4).contains("StatefulSet/gridexec-postgres",
                "Service/gridexec-postgres", "NetworkPolicy/gridexec-postgres").anySatisfy(id -> assertThat(id).startsWith("Secret/" + STORE_SECRET + "-"));
        for (String overlay : STORE_OVERLAYS) {
            Map<String, Object> kustomization = parse(read(K8S.resolve("overlays/" + overlay + "/kustomization.yaml"))).get(0);
            assertThat(kustomization).as("overlay %s", overlay).doesNotContainKey("patches");
            assertThat(list(kustomization.get("resources"))).as("overlay %s", overlay).first().isEqualTo("../../base");
            assertThat(list(kustomization.get("components"))).as("overlay %s", overlay).containsExactly("../../components/store-secret");
        }
    }

    @ParameterizedTest(name = "overlays/{0}")
    @MethodSource("storeOverlays")
    void storeOverlaysGiveTheNodesTheDatabaseFromTheSecret(String overlay) {
        requireKubectl();
        assertThat(NodeSettings.KEYS).as("the node's store settings (issue 12), which the store overlays set")
                .contains("store", "store-user", "store-password");
        Rendering rendering = kustomize("overlays/" + overlay);
        List<Map<String, Object>> secrets = byKind(rendering, "Secret");
        String secretName = overlay.equals("postgres") ? name(secrets.get(0)) : STORE_SECRET;
        assertThat(secrets).as("%s: Secrets rendered", rendering).hasSize(overlay.equals("postgres") ? 1 : 0);
        App node = apps(rendering).stream().filter(a -> a.role().equals("node")).findFirst().orElseThrow();
        Map<String, Map<String, Object>> env = new LinkedHashMap<>();
        listOfMaps(node.container().get("env")).forEach(v -> env.put(v.get("name").toString(), v));
        STORE_ENV.forEach((variable, key) -> {
            assertThat(env).as("%s: the nodes' environment", rendering).containsKey(variable);
            assertThat(map(map(env.get(variable).get("valueFrom")).get("secretKeyRef"))).as("%s: %s", rendering, variable)
                    .containsEntry("name", secretName).containsEntry("key", key).doesNotContainEntry("optional", true);
        });
        assertThat(node.env().get("GRIDEXEC_STORE")).as("%s: the store's URL", rendering).startsWith("jdbc:postgresql://");
        if (overlay.equals("postgres")) {
            checkPostgres(rendering, secrets.get(0));
        } else {
            assertThat(byKind(rendering, "StatefulSet")).extracting(ManifestObjects::name).containsExactly("gridexec-node");
        }
    }

    static Stream<String> storeOverlays() {
        return STORE_OVERLAYS.stream();
    }

    /** The PostgreSQL of the postgres overlay: one replica on a claim, the Secret's user and password, reached by the URL. */
    private static void checkPostgres(Rendering rendering, Map<String, Object> secret) {
        Map<String, String> data = secretData(secret);
        assertThat(data).as("%s: keys of %s", rendering, id(secret)).containsOnlyKeys("url", "user", "password");
        assertThat(data.get("password")).as("%s: the store's password", rendering).isNotBlank();
        Map<String, Object> statefulSet = named(rendering, "StatefulSet", "gridexec-postgres");
        Map<String, Object> spec = map(statefulSet.get("spec"));
        assertThat(spec.get("replicas")).isEqualTo(1);
        List<Map<String, Object>> claims = listOfMaps(spec.get("volumeClaimTemplates"));
        assertThat(claims).as("%s: PersistentVolumeClaims of the database", rendering).hasSize(1);
        Map<String, Object> claim = claims.get(0);
        assertThat(list(map(claim.get("spec")).get("accessModes"))).containsExactly("ReadWriteOnce");
        assertThat(map(map(map(claim.get("spec")).get("resources")).get("requests")).get("storage")).isNotNull();
        Map<String, Object> container = listOfMaps(podSpec(statefulSet).get("containers")).get(0);
        assertThat(container.get("image")).isEqualTo(POSTGRES_IMAGE);
        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> variable : listOfMaps(container.get("env"))) {
            env.put(variable.get("name").toString(), value(variable, statefulSet, data));
        }
        assertThat(env).containsEntry("POSTGRES_USER", data.get("user")).containsEntry("POSTGRES_PASSWORD", data.get("password"));
        String claimName = map(claim.get("metadata")).get("name").toString();
        assertThat(listOfMaps(container.get("volumeMounts"))).as("%s: PGDATA lies on the claim", rendering).anySatisfy(m -> {
            assertThat(m.get("name")).isEqualTo(claimName);
            assertThat(env.get("PGDATA")).startsWith(m.get("mountPath") + "/");
        });
        int port = containerPortNumber(container, "postgres");
        Map<String, Object> service = named(rendering, "Service", "gridexec-postgres");
        String host = name(service) + "." + map(service.get("metadata")).get("namespace") + ".svc.cluster.local";
        assertThat(listOfMaps(map(service.get("spec")).get("ports"))).anySatisfy(p -> assertThat(p.get("port")).isEqualTo(port));
        assertThat(data.get("url")).as("%s: the URL the nodes are given", rendering)
                .isEqualTo("jdbc:postgresql://" + host + ":" + port + "/" + env.get("POSTGRES_DB"));
        Map<String, Object> policy = map(named(rendering, "NetworkPolicy", "gridexec-postgres").get("spec"));
        assertThat(podLabels(statefulSet)).containsAllEntriesOf(stringMap(map(policy.get("podSelector")).get("matchLabels")));
        assertThat(listOfMaps(policy.get("ingress"))).as("%s: who reaches the database", rendering).singleElement().satisfies(rule -> {
            assertThat(listOfMaps(rule.get("ports"))).singleElement().satisfies(p -> assertThat(p.get("port")).isEqualTo(port));
            assertThat(listOfMaps(rule.get("from"))).singleElement().satisfies(peer -> assertThat(
                    stringMap(map(peer.get("podSelector")).get("matchLabels"))).containsEntry("app.kubernetes.io/component", "node"));
        });
    }

    private static String path(Map<String, Object> container, String probe) {
        assertThat(container.get(probe)).as("%s of container %s", probe, container.get("name")).isNotNull();
        return map(map(container.get(probe)).get("httpGet")).get("path").toString();
    }

    private static double cpu(Object quantity) {
        String text = quantity.toString();
        return text.endsWith("m") ? Double.parseDouble(text.substring(0, text.length() - 1)) / 1000 : Double.parseDouble(text);
    }
}
