package dev.sonda.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./sonda}: runs Sonda on one machine. */
@Command(name = "sonda",
        exitCodeOnInvalidInput = ScanCommand.EXIT_INVALID_INPUT,
        mixinStandardHelpOptions = true,
        versionProvider = SondaCli.Version.class,
        description = "Continuous AWS compliance scanning: local runner.",
        subcommands = {ScanCommand.class})
public final class SondaCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code instead of exiting, for tests. */
    public static int run(String... args) {
        return new CommandLine(new SondaCli()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = SondaCli.class.getPackage().getImplementationVersion();
            return new String[] {"sonda " + (version == null ? "development build" : version)};
        }
    }
}
