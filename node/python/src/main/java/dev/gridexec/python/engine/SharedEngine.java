package dev.gridexec.python.engine;

import org.graalvm.polyglot.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one GraalPy {@link Engine} of this JVM. Every Python context (one per slot, one for the shared class
 * loader) is made on it, so that a new context costs ~10 MB and reuses the code the others compiled. This
 * class lives outside the package a slot defines anew, so all slots see the same engine.
 */
public final class SharedEngine {

    private static final Logger LOG = LoggerFactory.getLogger(SharedEngine.class);

    /** What the JVM needs for GraalPy's optimizing runtime (the launchers and the module's tests pass it). */
    public static final String FLAGS_HINT = "-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI"
            + " --upgrade-module-path=<the Graal compiler jars: node/python/target/compiler/*.jar>";

    private static volatile Engine engine;

    private SharedEngine() {
    }

    /** The engine, made on first use. */
    public static Engine get() {
        Engine made = engine;
        if (made == null) {
            synchronized (SharedEngine.class) {
                made = engine;
                if (made == null) {
                    made = Engine.newBuilder("python")
                            .option("engine.WarnInterpreterOnly", "false")
                            .build();
                    if (!optimizing(made)) {
                        LOG.warn("GraalPy runs without its optimizing compiler on this JVM ({}): Python kernels run several times"
                                + " slower than CPython. Start the JVM with {} (client/bin/* do so when the python module is built)",
                                made.getImplementationName(), FLAGS_HINT);
                    }
                    engine = made;
                }
            }
        }
        return made;
    }

    /** Whether the engine compiles hot Python code (false: the interpreter-only fallback). */
    public static boolean optimizing(Engine engine) {
        return !engine.getImplementationName().toLowerCase(java.util.Locale.ROOT).contains("interpreted");
    }
}
