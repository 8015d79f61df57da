package dev.gridexec.k8s;

import static dev.gridexec.k8s.ManifestObjects.list;
import static dev.gridexec.k8s.ManifestObjects.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.gridexec.testsupport.UnderCi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Kubernetes manifests under {@code k8s/} as the manifest tests read them: the files of {@code k8s/base} as
 * written, and, when {@code kubectl} is on the PATH, what {@code kubectl kustomize} renders for the base and
 * each overlay (rendered once per JVM, whichever test class asks first). Nothing here pulls or runs an image.
 */
final class Manifests {

    static final Path ROOT = findRoot();
    static final Path K8S = ROOT.resolve("k8s");
    /** Overlays that change only sizes, replicas and resources. */
    static final List<String> OVERLAYS = List.of("dev", "bench");
    /** Overlays that give the nodes a database for the cluster's durable maps, through the Secret gridexec-store. */
    static final List<String> STORE_OVERLAYS = List.of("postgres", "external-db");
    /** The Secret the store overlays take the database's URL, user and password from (the postgres overlay generates it). */
    static final String STORE_SECRET = "gridexec-store";
    /** The node settings the store overlays set, by environment variable, with the key of the Secret each comes from. */
    static final Map<String, String> STORE_ENV = Map.of("GRIDEXEC_STORE", "url", "GRIDEXEC_STORE_USER", "user",
            "GRIDEXEC_STORE_PASSWORD", "password");
    /** The version in the root pom, which the image build tags {@code gridexec:<version>}. */
    static final String VERSION = projectVersion();
    static final Optional<Path> KUBECTL = kubectl();
    private static final Map<String, Rendering> RENDERED = new LinkedHashMap<>();

    /** One set of objects: a name for messages and the parsed documents. */
    record Rendering(String name, List<Map<String, Object>> objects) {
        @Override
        public String toString() {
            return name;
        }
    }

    private Manifests() {
    }

    /** The base files and, when kubectl is on the PATH, the kustomize renderings of the base and every overlay. */
    static Stream<Rendering> renderings() {
        List<Rendering> all = new ArrayList<>();
        all.add(baseFiles());
        if (KUBECTL.isPresent()) {
            all.add(kustomize("base"));
            OVERLAYS.forEach(overlay -> all.add(kustomize("overlays/" + overlay)));
            STORE_OVERLAYS.forEach(overlay -> all.add(kustomize("overlays/" + overlay)));
        }
        return all.stream();
    }

    /** Goes on when kubectl is on the PATH; otherwise skips the calling test, or fails it under CI. */
    static void requireKubectl() {
        UnderCi.require(KUBECTL.isPresent(), "kubectl is not on the PATH: the kustomize renderings are not checked");
    }

    static Rendering baseFiles() {
        Map<String, Object> kustomization = loadAll(K8S.resolve("base/kustomization.yaml")).get(0);
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object resource : list(kustomization.get("resources"))) {
            objects.addAll(loadAll(K8S.resolve("base").resolve(resource.toString())));
        }
        return new Rendering("k8s/base files", objects);
    }

    static synchronized Rendering kustomize(String dir) {
        return RENDERED.computeIfAbsent(dir, d -> {
            try {
                Process process = new ProcessBuilder(KUBECTL.orElseThrow().toString(), "kustomize", K8S.resolve(d).toString())
                        .redirectErrorStream(false).start();
                process.getOutputStream().close();
                byte[] out;
                byte[] err;
                try (InputStream stdout = process.getInputStream(); InputStream stderr = process.getErrorStream()) {
                    ByteArrayOutputStream errors = new ByteArrayOutputStream();
                    Thread drain = new Thread(() -> {
                        try {
                            stderr.transferTo(errors);
                        } catch (IOException e) {
                            // the process is gone; what was read is reported
                        }
                    });
                    drain.start();
                    out = stdout.readAllBytes();
                    drain.join(10_000);
                    err = errors.toByteArray();
                }
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    fail("kubectl kustomize k8s/" + d + " did not finish in 60 s");
                }
                assertThat(process.exitValue()).as("kubectl kustomize k8s/%s: %s", d, new String(err, StandardCharsets.UTF_8))
                        .isZero();
                return new Rendering("kubectl kustomize k8s/" + d, parse(new String(out, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    // ---------------------------------------------------------------- YAML and files

    static List<Map<String, Object>> loadAll(Path file) {
        return parse(read(file));
    }

    static List<Map<String, Object>> parse(String text) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : yaml().loadAll(text)) {
            if (document != null) {
                documents.add(map(document));
            }
        }
        return documents;
    }

    static Object parseAny(String text) {
        return yaml().load(text);
    }

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path findRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("k8s/base/kustomization.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no k8s/base/kustomization.yaml above " + Path.of("").toAbsolutePath());
    }

    private static String projectVersion() {
        try {
            Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(ROOT.resolve("pom.xml").toFile())
                    .getDocumentElement();
            for (Node child = project.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element element && element.getTagName().equals("version")) {
                    return element.getTextContent().trim();
                }
            }
            throw new IllegalStateException("the root pom has no <version>");
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the root pom's version", e);
        }
    }

    private static Optional<Path> kubectl() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(java.io.File.pathSeparator)).filter(s -> !s.isEmpty())
                .map(dir -> Path.of(dir, "kubectl")).filter(Files::isExecutable).findFirst();
    }
}
