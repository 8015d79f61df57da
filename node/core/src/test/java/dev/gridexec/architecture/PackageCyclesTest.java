package dev.gridexec.architecture;

import dev.gridexec.testsupport.ModuleClasses;
import org.junit.jupiter.api.Test;

class PackageCyclesTest {

    @Test
    void theModulesPackagesImportEachOtherInNoCircle() {
        ModuleClasses.noPackageCycles()
                .check(ModuleClasses.load());
    }
}
