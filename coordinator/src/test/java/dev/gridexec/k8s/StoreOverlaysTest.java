package dev.gridexec.k8s;

import static dev.gridexec.k8s.Apps.apps;
import static dev.gridexec.k8s.Apps.value;
import static dev.gridexec.k8s.ManifestObjects.byKind;
import static dev.gridexec.k8s.ManifestObjects.containerPortNumber;
import static dev.gridexec.k8s.ManifestObjects.id;
import static dev.gridexec.k8s.ManifestObjects.ids;
import static dev.gridexec.k8s.ManifestObjects.list;
import static dev.gridexec.k8s.ManifestObjects.listOfMaps;
import static dev.gridexec.k8s.ManifestObjects.map;
import static dev.gridexec.k8s.ManifestObjects.name;
import static dev.gridexec.k8s.ManifestObjects.named;
import static dev.gridexec.k8s.ManifestObjects.podLabels;
import static dev.gridexec.k8s.ManifestObjects.podSpec;
import static dev.gridexec.k8s.ManifestObjects.secretData;
import static dev.gridexec.k8s.ManifestObjects.stringMap;
import static dev.gridexec.k8s.Manifests.K8S;
import static dev.gridexec.k8s.Manifests.STORE_ENV;
import static dev.gridexec.k8s.Manifests.STORE_OVERLAYS;
import static dev.gridexec.k8s.Manifests.STORE_SECRET;
import static dev.gridexec.k8s.Manifests.kustomize;
import static dev.gridexec.k8s.Manifests.parse;
import static dev.gridexec.k8s.Manifests.read;
import static dev.gridexec.k8s.Manifests.requireKubectl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.k8s.Apps.App;
import dev.gridexec.k8s.Manifests.Rendering;
import dev.gridexec.node.NodeSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the store overlays (postgres, external-db): they add only their database to the base, and the nodes get
 * the database's URL, user and password from the Secret gridexec-store. Needs {@code kubectl} (see {@link Manifests}).
 */
class StoreOverlaysTest {

    private static final String POSTGRES_IMAGE = "postgres:17";

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
}
