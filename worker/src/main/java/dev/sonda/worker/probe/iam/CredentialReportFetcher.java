package dev.sonda.worker.probe.iam;

import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.aws.AwsErrorKind;
import dev.sonda.worker.probe.AwsCalls;
import dev.sonda.worker.probe.Collected;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.ReportStateType;

/**
 * Obtains the IAM credential report once per account: GenerateCredentialReport until IAM reports
 * COMPLETE, then GetCredentialReport, polling with exponential backoff. IAM reuses a report less
 * than 4 hours old, so the first call usually returns COMPLETE at once.
 */
final class CredentialReportFetcher {

    /** GetCredentialReport's error while IAM is still building the report (HTTP 404): poll again. */
    static final String REPORT_IN_PROGRESS = "ReportInProgress";
    /** GetCredentialReport's errors when no usable report exists (HTTP 410): generate again. */
    static final String REPORT_NOT_PRESENT = "ReportNotPresent";
    static final String REPORT_EXPIRED = "ReportExpired";
    /** The error code of the ERROR findings when the report is not ready within the time limit. */
    static final String NOT_READY = "CredentialReportNotReady";
    static final String INVALID = "InvalidCredentialReport";

    /** Pauses between polls; a test passes one that does not sleep. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Supplier<IamClient> iam;
    private final AwsCalls calls;
    private final Sleeper sleeper;
    private final Duration firstWait;
    private final Duration maxWait;
    private final Duration totalWait;

    /**
     * @param firstWait the pause after the first poll; it doubles up to {@code maxWait}
     * @param totalWait the sum of pauses after which the fetcher gives up with {@link #NOT_READY}
     */
    CredentialReportFetcher(Supplier<IamClient> iam, AwsCalls calls, Sleeper sleeper, Duration firstWait,
            Duration maxWait, Duration totalWait) {
        this.iam = iam;
        this.calls = calls;
        this.sleeper = sleeper;
        this.firstWait = firstWait;
        this.maxWait = maxWait;
        this.totalWait = totalWait;
    }

    /** Returns the parsed report, or the error that stopped the flow. */
    Collected<CredentialReport> fetch() {
        Duration waited = Duration.ZERO;
        Duration next = firstWait;
        while (true) {
            Collected<ReportStateType> state = calls.call("iam", "GenerateCredentialReport", null,
                    () -> iam.get().generateCredentialReport(request -> { }).state());
            if (!state.isOk()) {
                return Collected.failed(state.error());
            }
            if (state.value() == ReportStateType.COMPLETE) {
                Collected<GetCredentialReportResponse> report = calls.call("iam", "GetCredentialReport", null,
                        () -> iam.get().getCredentialReport(request -> { }));
                if (report.isOk()) {
                    return parse(report.value());
                }
                boolean retry = report.failedWith(REPORT_IN_PROGRESS) || report.failedWith(REPORT_NOT_PRESENT)
                        || report.failedWith(REPORT_EXPIRED);
                if (!retry) {
                    return Collected.failed(report.error());
                }
            }
            if (waited.compareTo(totalWait) >= 0) {
                calls.log().note("The IAM credential report was not ready after " + waited.toSeconds()
                        + " s of polling; the controls that read it are reported as ERROR.");
                return Collected.failed(new AwsError("GenerateCredentialReport", AwsErrorKind.TIMEOUT, NOT_READY,
                        null, "The credential report was not ready after " + waited.toSeconds() + " s"));
            }
            try {
                sleeper.sleep(next);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Collected.failed(new AwsError("GenerateCredentialReport", AwsErrorKind.TIMEOUT, NOT_READY,
                        null, "Interrupted while waiting for the credential report"));
            }
            waited = waited.plus(next);
            next = next.multipliedBy(2).compareTo(maxWait) > 0 ? maxWait : next.multipliedBy(2);
        }
    }

    private Collected<CredentialReport> parse(GetCredentialReportResponse response) {
        Instant generated = response.generatedTime();
        String csv = response.content() == null ? "" : response.content().asString(StandardCharsets.UTF_8);
        try {
            return Collected.ok(CredentialReportParser.parse(csv, generated == null ? Instant.EPOCH : generated));
        } catch (IllegalArgumentException e) {
            calls.log().handledError("iam", "GetCredentialReport", INVALID, "The credential report could not be parsed: "
                    + e.getMessage());
            return Collected.failed(new AwsError("GetCredentialReport", AwsErrorKind.CLIENT_ERROR, INVALID, null,
                    e.getMessage()));
        }
    }
}
