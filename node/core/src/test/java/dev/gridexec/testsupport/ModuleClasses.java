package dev.gridexec.testsupport;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.dependencies.SliceRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.nio.file.Files;
import java.nio.file.Path;

/** The main classes of the module whose tests run (its target/classes), for architecture rules. */
public final class ModuleClasses {

    private ModuleClasses() {
    }

    /** This module's own main classes: not its tests, not the modules or jars it depends on. */
    public static JavaClasses load() {
        Path classes = Path.of("target", "classes").toAbsolutePath();
        if (!Files.isDirectory(classes)) {
            throw new IllegalStateException(classes + " is missing: the rules read the compiled main classes");
        }
        return new ClassFileImporter().importPath(classes);
    }

    /** The rule every module keeps: its top-level packages ({@code dev.gridexec.X}) import each other in no circle. */
    public static SliceRule noPackageCycles() {
        return SlicesRuleDefinition.slices().matching("dev.gridexec.(*)..").should().beFreeOfCycles();
    }
}
