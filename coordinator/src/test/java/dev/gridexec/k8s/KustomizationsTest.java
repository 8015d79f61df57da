package dev.gridexec.k8s;

import static dev.gridexec.k8s.ManifestObjects.ids;
import static dev.gridexec.k8s.ManifestObjects.list;
import static dev.gridexec.k8s.ManifestObjects.listOfMaps;
import static dev.gridexec.k8s.ManifestObjects.map;
import static dev.gridexec.k8s.Manifests.K8S;
import static dev.gridexec.k8s.Manifests.OVERLAYS;
import static dev.gridexec.k8s.Manifests.STORE_OVERLAYS;
import static dev.gridexec.k8s.Manifests.baseFiles;
import static dev.gridexec.k8s.Manifests.kustomize;
import static dev.gridexec.k8s.Manifests.loadAll;
import static dev.gridexec.k8s.Manifests.parse;
import static dev.gridexec.k8s.Manifests.parseAny;
import static dev.gridexec.k8s.Manifests.read;
import static dev.gridexec.k8s.Manifests.requireKubectl;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checks the shape of {@code k8s/}: the base's kustomization lists every file, every overlay is one the manifest
 * tests check, and the size overlays (dev, bench) render the base's objects and patch only sizes, replicas and
 * resources. The base's files are read as written; the renderings need {@code kubectl} (see {@link Manifests}).
 */
class KustomizationsTest {

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
}
