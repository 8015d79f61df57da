package dev.gridexec.testkernels;

import dev.gridexec.kernel.api.Kernel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds kernel jars for tests: compiles Java sources with javax.tools against the kernel API (and nothing
 * else) and jars the classes, as a user's build would. The test kernels' sources are resources under
 * {@code jar-kernels/}, so their classes exist only inside the jars, never on the test class path.
 */
public final class TestJars {

    /** The test kernels' package. */
    public static final String PACKAGE = "com.example.jarkernels";
    /** The kernels the test jar registers in META-INF/services. */
    public static final List<String> REGISTERED = List.of(PACKAGE + ".TokenKernel", PACKAGE + ".SplitFails",
            PACKAGE + ".ReduceFails");
    /** Where a jar lists its kernels. */
    public static final String SERVICES = "META-INF/services/" + Kernel.class.getName();

    private static final List<String> SOURCES = List.of("TokenKernel", "SplitFails", "ReduceFails", "NotAKernel",
            "NoPublicConstructor");
    /** A kernel whose chunks (or, with {@code "in": "params"}, its params()) kill, block or hog their process, for the sandbox. */
    public static final String MISBEHAVES = "com.example.sandboxkernels.Misbehaves";

    private static Map<String, byte[]> testKernelClasses; // guarded by TestJars.class
    private static byte[] sandboxKernels; // guarded by TestJars.class

    private TestJars() {
    }

    /** The jar of the test kernels, the same bytes every time. */
    public static byte[] testKernels() {
        return testKernels(Map.of());
    }

    /** The jar of the test kernels plus {@code extra} entries (a distinct entry makes a distinct artifact). */
    public static byte[] testKernels(Map<String, byte[]> extra) {
        Map<String, byte[]> entries = new LinkedHashMap<>(testKernelClasses());
        entries.put(SERVICES, (String.join("\n", REGISTERED) + "\n").getBytes(StandardCharsets.UTF_8));
        entries.putAll(extra);
        return jar(entries);
    }

    /** The kernel that misbehaves (exit, a loop without checkpoint, a heap it fills): {@value #MISBEHAVES}, compiled once per JVM. */
    public static synchronized byte[] sandboxKernels() {
        if (sandboxKernels == null) {
            String path = MISBEHAVES.replace('.', '/') + ".java";
            try (InputStream in = TestJars.class.getResourceAsStream("/jar-kernels/" + path)) {
                if (in == null) {
                    throw new IllegalStateException("no test kernel source " + path);
                }
                sandboxKernels = jar(compile(Map.of(path, new String(in.readAllBytes(), StandardCharsets.UTF_8))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sandboxKernels.clone();
    }

    /** The test kernels' class files by jar entry name, compiled once per JVM. */
    public static synchronized Map<String, byte[]> testKernelClasses() {
        if (testKernelClasses == null) {
            Map<String, String> sources = new LinkedHashMap<>();
            for (String name : SOURCES) {
                String path = PACKAGE.replace('.', '/') + "/" + name + ".java";
                try (InputStream in = TestJars.class.getResourceAsStream("/jar-kernels/" + path)) {
                    if (in == null) {
                        throw new IllegalStateException("no test kernel source " + path);
                    }
                    sources.put(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            testKernelClasses = Map.copyOf(compile(sources));
        }
        return testKernelClasses;
    }

    /** Compiles sources (by path, e.g. {@code com/x/K.java}) for Java 17 against the kernel API; class files by entry name. */
    public static Map<String, byte[]> compile(Map<String, String> sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("tests need a JDK (javax.tools), not a JRE");
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("gridexec-testjar-");
            Path src = dir.resolve("src");
            Path out = Files.createDirectories(dir.resolve("classes"));
            List<String> args = new ArrayList<>(List.of("-d", out.toString(), "--release", "17", "-proc:none",
                    "-Xlint:all", "-Werror", "-encoding", "UTF-8", "-classpath", kernelApiLocation().toString()));
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = src.resolve(source.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
                args.add(file.toString());
            }
            ByteArrayOutputStream messages = new ByteArrayOutputStream();
            int status = javac.run(null, null, messages, args.toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException("javac failed (" + status + "):\n" + messages.toString(StandardCharsets.UTF_8));
            }
            Map<String, byte[]> classes = new TreeMap<>();
            try (Stream<Path> files = Files.walk(out)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    classes.put(out.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(dir);
        }
    }

    /** A jar of these entries, a manifest first; fixed timestamps, so the same entries give the same bytes. */
    public static byte[] jar(Map<String, byte[]> entries) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            JarEntry manifestEntry = new JarEntry("META-INF/MANIFEST.MF");
            manifestEntry.setTime(0);
            jar.putNextEntry(manifestEntry);
            manifest.write(jar);
            jar.closeEntry();
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                JarEntry jarEntry = new JarEntry(entry.getKey());
                jarEntry.setTime(0);
                jar.putNextEntry(jarEntry);
                jar.write(entry.getValue());
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Where the kernel API's classes are (a jar or a classes folder): all a kernel compiles against. */
    public static Path kernelApiLocation() {
        try {
            return Path.of(Kernel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
