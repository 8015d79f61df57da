package dev.gridexec.settings;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The settings a process was given as flags: each option that was set, by its long name without dashes. */
public final class Flags {

    private Flags() {
    }

    /** {@code --cluster-name x} → {@code cluster-name=x}; options left unset and help options are left out. */
    public static Map<String, String> given(CommandSpec command) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (OptionSpec option : command.options()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            Object value = option.getValue();
            if (value != null) {
                flags.put(option.longestName().replaceFirst("^--", ""), value.toString());
            }
        }
        return flags;
    }
}
