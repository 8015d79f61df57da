package dev.gridexec.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, and the JVM it runs on. */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {
                "gridexec " + (version == null ? "(development build)" : version),
                "JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")};
    }
}
