package dev.gridexec.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import dev.gridexec.testsupport.ModuleClasses;
import org.junit.jupiter.api.Test;

/**
 * {@code dev.gridexec.wire} holds what crosses process boundaries (task, batch results, job records, node
 * information): plain records that every process reads, so they may lean on nothing of gridexec's but each other.
 */
class WirePackageTest {

    @Test
    void theWireRecordsDependOnNothingButTheJdkJacksonAndEachOther() {
        classes().that().resideInAPackage("dev.gridexec.wire..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "com.fasterxml.jackson..", "dev.gridexec.wire..")
                .check(ModuleClasses.load());
    }
}
