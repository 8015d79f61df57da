package dev.gridexec.catalog;

import dev.gridexec.artifacts.ArtifactCache;
import dev.gridexec.artifacts.ArtifactLease;
import dev.gridexec.artifacts.ArtifactUnavailableException;
import dev.gridexec.artifacts.Artifacts;
import dev.gridexec.artifacts.InMemoryArtifactStore;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.wire.Task;
import java.lang.reflect.Modifier;
import java.util.List;

/**
 * Finds the kernel a task names, wherever a kernel is looked up (validation, the coordinator's split and
 * reduce, the nodes): a name in the {@link KernelCatalog} when the task has no {@code artifact}; otherwise
 * a class in that artifact, named by its fully qualified name or by the simple name of a class the jar
 * registers in {@value ArtifactCache#SERVICES_ENTRY}.
 *
 * @param catalog   the built-in names
 * @param artifacts the artifacts this resolver loads: this process's artifact cache (closed with this resolver)
 */
public record KernelResolver(KernelCatalog catalog, ArtifactCache artifacts) implements AutoCloseable {

    /** The catalog's kernels only: every artifact is unknown (its store is empty and stays so). */
    public static KernelResolver withoutArtifacts(KernelCatalog catalog) {
        return new KernelResolver(catalog, new ArtifactCache(new InMemoryArtifactStore()));
    }

    /** The kernel {@code task} names. */
    public ResolvedKernel resolve(Task task) {
        return resolve(task.kernel(), task.artifact());
    }

    /**
     * The kernel called {@code kernel}, in artifact {@code artifact} (null: a built-in name). Close it when done.
     *
     * @throws UnresolvedKernelException saying what is wrong: no such name, no such artifact, no such class in
     *                                   it, or a class that is not a kernel gridexec can construct
     */
    public ResolvedKernel resolve(String kernel, String artifact) {
        if (artifact == null) {
            return ResolvedKernel.builtIn(catalog.find(kernel).orElseThrow(() -> new UnresolvedKernelException("kernel",
                    "unknown kernel " + quoted(kernel) + "; known: " + String.join(", ", catalog.names())
                            + KernelCatalog.missingReason(kernel).map(why -> " (" + why + ")").orElse(""))));
        }
        ArtifactLease lease;
        try {
            lease = artifacts.lease(artifact);
        } catch (ArtifactUnavailableException e) {
            throw new UnresolvedKernelException("artifact", e.getMessage());
        }
        try {
            return ResolvedKernel.fromArtifact(kernelClass(className(kernel, lease), lease), lease);
        } catch (RuntimeException | Error e) {
            lease.close();
            throw e;
        }
    }

    @Override
    public void close() {
        artifacts.close();
    }

    /** {@code kernel} itself when it is qualified, else the one registered class with that simple name. */
    private static String className(String kernel, ArtifactLease lease) {
        if (kernel.contains(".")) {
            return kernel;
        }
        List<String> registered = lease.services();
        List<String> matches = registered.stream().filter(name -> simpleName(name).equals(kernel)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        String where = " in artifact " + Artifacts.shortName(lease.sha256());
        if (matches.size() > 1) {
            throw new UnresolvedKernelException("kernel", kernel + " is ambiguous" + where + ": it registers "
                    + String.join(", ", matches) + "; name one by its fully qualified name");
        }
        throw new UnresolvedKernelException("kernel", "no kernel " + quoted(kernel) + where
                + ": name a class by its fully qualified name, or list it in " + ArtifactCache.SERVICES_ENTRY
                + (registered.isEmpty() ? " (the jar lists none)" : " (the jar lists " + String.join(", ", registered) + ")"));
    }

    /** Loads and checks the class: in the jar itself, a kernel, public, concrete, with a public no-argument constructor. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Class<? extends Kernel> kernelClass(String className, ArtifactLease lease) {
        String where = " in artifact " + Artifacts.shortName(lease.sha256());
        Class<?> type;
        try {
            type = Class.forName(className, false, lease.loader());
        } catch (ClassNotFoundException e) {
            throw new UnresolvedKernelException("kernel", "no class " + className + where);
        } catch (LinkageError e) {
            throw new UnresolvedKernelException("kernel", "class " + className + where + " cannot be loaded: " + e);
        }
        if (type.getClassLoader() != lease.loader()) {
            throw new UnresolvedKernelException("kernel", "class " + className + " is not" + where
                    + " (it comes from " + (type.getClassLoader() == null ? "the JDK" : "gridexec itself") + ")");
        }
        if (!Kernel.class.isAssignableFrom(type)) {
            throw new UnresolvedKernelException("kernel", "class " + className + where + " does not implement "
                    + Kernel.class.getName());
        }
        int modifiers = type.getModifiers();
        if (!Modifier.isPublic(modifiers) || Modifier.isAbstract(modifiers) || (type.isMemberClass() && !Modifier.isStatic(modifiers))) {
            throw new UnresolvedKernelException("kernel", "kernel class " + className + where
                    + " must be public and concrete (a top-level or static nested class)");
        }
        try {
            type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new UnresolvedKernelException("kernel", "kernel class " + className + where
                    + " needs a public no-argument constructor");
        } catch (LinkageError e) {
            throw new UnresolvedKernelException("kernel", "class " + className + where + " cannot be loaded: " + e);
        }
        return (Class<? extends Kernel>) type;
    }

    /** A name as the user wrote it, quoted and cut short as task messages show values. */
    private static String quoted(String name) {
        return "\"" + (name.length() > 40 ? name.substring(0, 40) + "…" : name) + "\"";
    }

    private static String simpleName(String className) {
        String afterDot = className.substring(className.lastIndexOf('.') + 1);
        return afterDot.substring(afterDot.lastIndexOf('$') + 1);
    }
}
