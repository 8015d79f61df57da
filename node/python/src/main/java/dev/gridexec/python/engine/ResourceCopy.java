package dev.gridexec.python.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.graalvm.polyglot.Engine;

/**
 * Copies GraalPy's internal resources (the Python home with its standard library, Truffle's native libraries)
 * into a folder, for a JVM whose file system is read-only to it: the python container image (deploy/Dockerfile)
 * runs this while it is built and starts its JVMs with {@code -Dpolyglot.engine.resourcePath=FOLDER}, so no
 * process unpacks them into a cache under its home at start.
 *
 * <pre>java -cp gridexec-python.jar:lib/* dev.gridexec.python.engine.ResourceCopy FOLDER</pre>
 */
public final class ResourceCopy {

    private ResourceCopy() {
    }

    /** Copies every installed component's resources into {@code folder}, which must not exist or be empty. */
    public static void copy(Path folder) throws IOException {
        if (!Engine.copyResources(folder)) {
            throw new IOException("GraalPy's resources cannot be copied into " + folder
                    + ": this Truffle runtime keeps them inside itself (a native image?)");
        }
        if (!Files.isDirectory(folder.resolve("python"))) {
            throw new IOException("copied the polyglot resources into " + folder + " but found no python home among them");
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ResourceCopy FOLDER");
        }
        copy(Path.of(args[0]));
    }
}
