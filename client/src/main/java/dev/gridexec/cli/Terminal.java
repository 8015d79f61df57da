package dev.gridexec.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether stderr is a person's terminal, to choose between an in-place progress bar and log lines. */
final class Terminal {

    private Terminal() {
    }

    static boolean isInteractive() {
        if (System.getenv("CI") != null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // JDK 22+ returns a console even when redirected; isTerminal() tells the truth there.
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException olderJdk) {
            return true;
        }
    }
}
