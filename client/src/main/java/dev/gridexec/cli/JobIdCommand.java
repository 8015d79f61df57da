package dev.gridexec.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What the commands about one job ({@code status}, {@code result}, {@code cancel}) take: its id and the coordinator. */
abstract class JobIdCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ID", description = "the job's id, as submit printed it")
    String id;

    @Mixin
    CoordinatorOptions coordinator;

    @Spec
    CommandSpec spec;
}
