package dev.gridexec.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gridexec.artifacts.ArtifactCache;
import dev.gridexec.artifacts.Artifacts;
import dev.gridexec.artifacts.InMemoryArtifactStore;
import dev.gridexec.kernels.PrimesKernel;
import dev.gridexec.wire.Problem;
import dev.gridexec.testkernels.TestJars;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KernelResolverTest {

    private final InMemoryArtifactStore store = new InMemoryArtifactStore();
    private final KernelResolver kernels = new KernelResolver(KernelCatalog.builtIn(), new ArtifactCache(store));
    private final String sha = Artifacts.store(store, TestJars.testKernels()).artifact().sha256();
    private final String at = " in artifact " + sha.substring(0, 12);

    @AfterEach
    void close() {
        kernels.close();
    }

    private Problem problem(String kernel, String artifact) {
        UnresolvedKernelException e = catchThrowableOfType(UnresolvedKernelException.class, () -> kernels.resolve(kernel, artifact));
        assertThat(e).as("%s in %s", kernel, artifact).isNotNull();
        assertThat(kernels.artifacts().inUse()).as("a failed resolution holds no lease").isZero();
        return e.problem();
    }

    @Test
    void aBuiltInNameIsFoundInTheCatalog() {
        try (ResolvedKernel primes = kernels.resolve("primes", null)) {
            assertThat(primes.kernelClass()).isEqualTo(PrimesKernel.class);
            assertThat(primes.artifact()).isEmpty();
        }
        assertThat(problem("nope", null)).isEqualTo(new Problem("kernel",
                "unknown kernel \"nope\"; known: primes, pi, nqueens, mandelbrot, matmul, collatz, sleep, spin"));
    }

    @Test
    void aClassInAnArtifactIsFoundByItsNameOrItsRegisteredSimpleName() {
        try (ResolvedKernel byName = kernels.resolve(TestJars.PACKAGE + ".TokenKernel", sha);
             ResolvedKernel bySimpleName = kernels.resolve("TokenKernel", sha)) {
            assertThat(byName.name()).isEqualTo(TestJars.PACKAGE + ".TokenKernel");
            assertThat(bySimpleName.kernelClass()).isSameAs(byName.kernelClass());
            assertThat(byName.kernelClass().getClassLoader()).isSameAs(byName.artifact().orElseThrow().loader());
            assertThat(byName.newInstance().inputType().getSimpleName()).isEqualTo("Slice");
            assertThat(kernels.artifacts().inUse()).isEqualTo(1);
        }
        assertThat(kernels.artifacts().inUse()).isZero();
    }

    @Test
    void whatCannotBeRunIsNamedWithItsField() {
        String unknown = "cd".repeat(32);
        assertThat(problem("TokenKernel", unknown))
                .isEqualTo(new Problem("artifact", "no artifact with sha256 " + unknown + "; upload it first"));
        assertThat(problem("com.example.Missing", sha)).isEqualTo(new Problem("kernel", "no class com.example.Missing" + at));
        assertThat(problem("Missing", sha).message()).startsWith("no kernel \"Missing\"" + at + ": name a class by its fully qualified name")
                .endsWith("(the jar lists " + String.join(", ", TestJars.REGISTERED) + ")");
        assertThat(problem(TestJars.PACKAGE + ".NotAKernel", sha)).isEqualTo(new Problem("kernel",
                "class " + TestJars.PACKAGE + ".NotAKernel" + at + " does not implement dev.gridexec.kernel.api.Kernel"));
        assertThat(problem(TestJars.PACKAGE + ".NoPublicConstructor", sha)).isEqualTo(new Problem("kernel",
                "kernel class " + TestJars.PACKAGE + ".NoPublicConstructor" + at + " needs a public no-argument constructor"));
        assertThat(problem(PrimesKernel.class.getName(), sha)).isEqualTo(new Problem("kernel",
                "class " + PrimesKernel.class.getName() + " is not" + at + " (it comes from gridexec itself)"));
    }

    @Test
    void aJarWithoutServicesCanStillNameItsClassesInFull() {
        String bare = Artifacts.store(store, TestJars.jar(Map.copyOf(TestJars.testKernelClasses()))).artifact().sha256();
        try (ResolvedKernel kernel = kernels.resolve(TestJars.PACKAGE + ".TokenKernel", bare)) {
            assertThat(kernel.artifact().orElseThrow().services()).isEmpty();
        }
        assertThat(problem("TokenKernel", bare).message()).endsWith("(the jar lists none)");
    }
}
