package com.ethiq.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Root of the {@code ethiq} command line: a thin parent whose subcommands do the work ({@code analyze} today;
 * {@code serve} and {@code simulate} are added the same way, in {@link #subcommands()}).
 */
@Command(name = "ethiq", mixinStandardHelpOptions = true, version = "ethiq 0.1.0",
        description = "Ethiq: real-time phone-scam shield.",
        subcommands = {AnalyzeCommand.class, ServeCommand.class, SimulateCommand.class, NodeEnvCommand.class, ResealCommand.class, FallbackTwimlCommand.class,
                CommandLine.HelpCommand.class})
public final class EthiqCli implements Runnable {

    @Spec
    CommandSpec spec;

    /** Entry point of the fat jar. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for the entry point and for tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new EthiqCli());
    }

    /** Subcommand classes, for documentation and tests. */
    static Class<?>[] subcommands() {
        return EthiqCli.class.getAnnotation(Command.class).subcommands();
    }

    @Override
    public void run() {
        // no subcommand: show what there is
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }
}
