package io.kafkaaas.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Base of every command: run, then print the result in the chosen format. Failures propagate as
 * exceptions; {@link Main} turns them into one line on stderr and the contract's exit code.
 */
public abstract class HelperCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Spec
    CommandSpec spec;

    /** What {@link Main} started warming for this run; none when the command runs without Main (tests). */
    Prewarm prewarm;

    protected abstract CommandResult execute() throws Exception;

    @Override
    public final Integer call() throws Exception {
        if (prewarm != null) {
            prewarm.await();
        }
        CommandResult result = execute();
        ResultPrinter.print(spec.commandLine().getOut(), global.output(), result);
        return 0;
    }

    /** Warnings go to stderr as their own lines, so they stand out from the logs. */
    protected void warn(List<String> warnings) {
        PrintWriter err = spec.commandLine().getErr();
        warnings.forEach(w -> err.println("kafka-aas: warning: " + w));
        err.flush();
    }
}
