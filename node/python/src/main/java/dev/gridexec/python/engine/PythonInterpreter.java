package dev.gridexec.python.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * One GraalPy context on the {@link SharedEngine}: a Python interpreter with its own globals and its own GIL,
 * holding the task modules loaded into it (by SHA-256 of their source, so a warm interpreter loads each
 * module once). Values cross as JSON text, which costs microseconds where proxies of Java collections cost
 * a hundred times more. Several threads may call it at once; its GIL lets one run Python at a time.
 */
public final class PythonInterpreter implements AutoCloseable {

    /** The functions a task module must define, with the arguments they are given. */
    public static final Map<String, String> FUNCTIONS = Map.of(
            "split", "split(params, chunks)", "run", "run(params, chunk)", "reduce", "reduce(params, outputs)");

    /** Loads modules and calls their functions; a failure is a GridexecError whose message is the whole story. */
    private static final String HELPER = """
            import json as _json, types as _types, traceback as _traceback
            class GridexecError(Exception):
                pass
            def _at(error, file):
                frames = [f for f in _traceback.extract_tb(error.__traceback__) if f.filename == file]
                return f" (line {frames[-1].lineno} of {file}, in {frames[-1].name})" if frames else ""
            def load(source, name):
                module = _types.ModuleType(name)
                module.__file__ = name + ".py"
                try:
                    code = compile(source, module.__file__, "exec")
                except SyntaxError as e:
                    raise GridexecError(f"does not compile: {type(e).__name__}: {e.msg} (line {e.lineno})") from None
                try:
                    exec(code, module.__dict__)
                except Exception as e:
                    raise GridexecError(f"raised while loading: {type(e).__name__}: {e}{_at(e, module.__file__)}") from None
                return module
            def missing(module):
                return [f for f in ("split", "run", "reduce") if not callable(getattr(module, f, None))]
            def call(module, function, first, second):
                try:
                    result = getattr(module, function)(_json.loads(first), _json.loads(second))
                except Exception as e:
                    raise GridexecError(f"{function} raised {type(e).__name__}: {e}{_at(e, module.__file__)}") from None
                try:
                    return _json.dumps(result, allow_nan=False)
                except (TypeError, ValueError) as e:
                    raise GridexecError(f"{function} returned a value that is not JSON: {e}") from None
            """;
    private static final String ERROR = "GridexecError: ";


    private final Context context;
    private final Value load;
    private final Value missing;
    private final Value call;
    private final Map<String, Value> modules = new ConcurrentHashMap<>();

    private PythonInterpreter(Context context) {
        this.context = context;
        context.eval(Source.create("python", HELPER));
        Value globals = context.getBindings("python");
        this.load = globals.getMember("load");
        this.missing = globals.getMember("missing");
        this.call = globals.getMember("call");
    }

    /** A new interpreter (a new context on the shared engine): 0.2-0.5 s when the engine is warm, seconds for the first. */
    public static PythonInterpreter create() {
        return new PythonInterpreter(Context.newBuilder("python").engine(SharedEngine.get()).build());
    }

    /** The module name a task module's source gets (tracebacks show {@code NAME.py}). */
    public static String moduleName(String sha256) {
        return "task_" + sha256.substring(0, 12);
    }

    /**
     * Loads the module (once per interpreter and source) and checks that it defines the three functions.
     *
     * @throws PythonModuleException saying what is wrong with the module
     */
    public Value module(String sha256, String source) {
        return modules.computeIfAbsent(sha256, key -> {
            Value module;
            try {
                module = load.execute(source, moduleName(key));
            } catch (PolyglotException e) {
                throw new PythonModuleException(describe(e, "raised while loading: "));
            }
            Value absent = missing.execute(module);
            if (absent.getArraySize() > 0) {
                StringBuilder names = new StringBuilder();
                for (long i = 0; i < absent.getArraySize(); i++) {
                    names.append(i == 0 ? "" : ", ").append(FUNCTIONS.get(absent.getArrayElement(i).asString()));
                }
                throw new PythonModuleException("must define split(params, chunks), run(params, chunk) and reduce(params, outputs);"
                        + " it does not define " + names);
            }
            return module;
        });
    }

    /**
     * Calls {@code function(json.loads(first), json.loads(second))} in {@code module} and returns its result as JSON.
     *
     * @throws PythonCallException what the function raised, or that its result is not JSON
     */
    public String call(Value module, String function, String first, String second) {
        try {
            return call.execute(module, function, first, second).asString();
        } catch (PolyglotException e) {
            if (e.isCancelled() || e.isInterrupted()) {
                throw new PythonCallException(function + " was interrupted");
            }
            throw new PythonCallException(describe(e, function + " raised "));
        }
    }

    @Override
    public void close() {
        context.close(true);
    }

    /** What went wrong, as one line: the helper's own message, else {@code prefix} and the exception. */
    static String describe(PolyglotException e, String prefix) {
        String message = String.valueOf(e.getMessage());
        return message.startsWith(ERROR) ? message.substring(ERROR.length()) : prefix + message;
    }
}
