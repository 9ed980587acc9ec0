package dev.sonda.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sonda scan}: one full scan on this machine, from an empty broker to a score table. */
@Command(name = "scan",
        exitCodeOnInvalidInput = ScanCommand.EXIT_INVALID_INPUT,
        mixinStandardHelpOptions = true,
        description = {
            "Starts an embedded Kafka broker and the scheduler, worker and aggregator services,",
            "scans, prints a score table and writes a JSON report.",
            "Without --inventory it scans the bundled demo estate, created in a local moto server.",
            "With --inventory it scans those real accounts with the default AWS credential chain."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the scan finished",
            "1:Sonda could not start (build output, broker, moto or a service missing)",
            "2:the scan did not finish before --timeout or its deadline",
            "3:invalid options, inventory or report path",
            "130:stopped by Ctrl-C or SIGTERM"})
final class ScanCommand implements Callable<Integer> {

    static final int EXIT_OK = 0;
    static final int EXIT_STARTUP_FAILED = 1;
    static final int EXIT_SCAN_INCOMPLETE = 2;
    static final int EXIT_INVALID_INPUT = 3;
    static final int EXIT_INTERRUPTED = 130;

    @Option(names = "--inventory", paramLabel = "FILE",
            description = "Accounts inventory (YAML) of real accounts to scan. Default: the demo estate in moto.")
    Path inventory;

    @Option(names = "--report", paramLabel = "FILE", defaultValue = "sonda-report.json",
            description = "Where to write the JSON report. Default: ${DEFAULT-VALUE}")
    Path report;

    @Option(names = "--probes", split = ",", paramLabel = "PROBE",
            description = "Probes to run, comma-separated (default: all).")
    List<String> probes;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "How long to wait for the scan, such as 90s, 10m or PT10M. Default: ${DEFAULT-VALUE}")
    Duration timeout;

    @Option(names = "--keep-running",
            description = "Keep the broker and services running after the scan, for continuous scans; stop with Ctrl-C.")
    boolean keepRunning;

    @Option(names = "--every", paramLabel = "DURATION", defaultValue = "15m", converter = DurationConverter.class,
            description = {"With --keep-running: time between scans, a number of minutes that divides an hour",
                "(1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30) or of hours that divides a day. Default: ${DEFAULT-VALUE}"})
    Duration every;

    @Option(names = "--home", paramLabel = "DIR", hidden = true,
            description = "Sonda's checkout, where the services' build output is. Default: the current directory.")
    Path home = Path.of("").toAbsolutePath();

    @Option(names = "--run-dir", paramLabel = "DIR",
            description = "Where logs and state of this run go. Default: <home>/.sonda/runs/<time>.")
    Path runDirectory;

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() {
        try (LocalRun run = new LocalRun(this)) {
            return run.execute();
        }
    }
}
