package dev.gridexec.python;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.runtime.ChunkOutcome;
import dev.gridexec.runtime.JobSession;
import dev.gridexec.runtime.NodeRuntime;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each slot has its own Python interpreter (its own module globals); a shared loader has one for all. */
@Timeout(300)
class SlotInterpretersTest {

    /** A module-level counter that run() increments: it counts the calls its interpreter has seen. */
    private static final String COUNTER = """
            calls = 0
            def split(params, chunks):
                return list(range(chunks))
            def run(params, chunk):
                global calls
                calls += 1
                return calls
            def reduce(params, outputs):
                return outputs
            """;

    @Test
    void kernelClassesDefinedByTwoLoadersHaveTwoInterpreters() throws Exception {
        ClassLoader first = new PackageLoader(getClass().getClassLoader());
        ClassLoader second = new PackageLoader(getClass().getClassLoader());
        assertThat(counts(first)).isEqualTo("1");
        assertThat(counts(second)).as("another loader: its own interpreter, its own counter").isEqualTo("1");
        assertThat(counts(first)).as("the first loader's interpreter kept its module").isEqualTo("2");
    }

    @Test
    void slotsCountInTheirOwnInterpreterWhileTheGilSharesOne() throws Exception {
        // gil: one interpreter for the node, so the 4 calls see 1, 2, 3, 4 in some order.
        assertThat(counters(Mode.GIL)).containsExactlyInAnyOrder(1, 2, 3, 4);
        // slots: 2 slots, each its own interpreter, so no counter passes the number of chunks that slot ran.
        List<Integer> slots = counters(Mode.SLOTS);
        assertThat(slots).as("two slots, two counters each starting at 1").hasSize(4).doesNotContain(4)
                .filteredOn(count -> count == 1).hasSize(2);
    }

    @Test
    void aNodeMakesItsFirstPythonSlotBeforeAnyJobAndTheFirstSlotsJobRunsInIt() throws Exception {
        try (NodeRuntime node = new NodeRuntime("test-node-prewarm", KernelCatalog.builtIn())) {
            assertThat(node.prewarm().get(240, TimeUnit.SECONDS)).as("kernels given a slot ahead of their jobs")
                    .containsExactly("python");
            assertThat(node.slots().warmSlots()).containsEntry("python", 1);
            assertThat(counters(node, Mode.SLOTS, 1, 2)).as("one slot ran both chunks").containsExactly(1, 2);
            assertThat(node.slots().warmSlots()).as("the job leased the warm slot and made none").containsEntry("python", 1);
        }
    }

    private static List<Integer> counters(Mode mode) throws Exception {
        return counters(new NodeRuntime("test-node-" + mode, KernelCatalog.builtIn()), mode, 2, 4);
    }

    private static List<Integer> counters(NodeRuntime node, Mode mode, int workers, int chunks) throws Exception {
        String unique = COUNTER + "\n# " + mode + " " + System.nanoTime() + "\n"; // a module never loaded before
        Task task = PythonTasks.task(unique, Map.of(), mode, workers, chunks);
        List<Integer> counts = new ArrayList<>();
        try (JobSession session = node.open("job-count-" + mode, task)) {
            List<CompletableFuture<ChunkOutcome>> futures = new ArrayList<>();
            for (int i = 0; i < chunks; i++) {
                futures.add(session.submit(i, Integer.toString(i)));
            }
            for (CompletableFuture<ChunkOutcome> future : futures) {
                Object output = ((ChunkOutcome.Done) future.get(120, TimeUnit.SECONDS)).output();
                String text = output instanceof byte[] bytes
                        ? dev.gridexec.codec.ValueCodec.shared().decode(bytes, String.class) : (String) output;
                counts.add(Integer.parseInt(text));
            }
        }
        return counts;
    }

    @SuppressWarnings("unchecked")
    private static String counts(ClassLoader loader) throws Exception {
        Kernel<Object, Object, Object, Object> kernel = (Kernel<Object, Object, Object, Object>)
                Class.forName(PythonKernel.class.getName(), true, loader).getConstructor().newInstance();
        assertThat(kernel.getClass()).isNotSameAs(PythonKernel.class);
        Object params = kernel.params(new ParamReader(Map.of("module", COUNTER)));
        return (String) kernel.run(params, "0", new QuietContext());
    }

    /** Defines dev.gridexec.python anew, as a slot's class loader does; everything else comes from the parent. */
    private static final class PackageLoader extends ClassLoader {
        PackageLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("dev.gridexec.python.") || name.indexOf('.', "dev.gridexec.python.".length()) >= 0) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        byte[] bytes = in.readAllBytes();
                        loaded = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return loaded;
            }
        }
    }
}
