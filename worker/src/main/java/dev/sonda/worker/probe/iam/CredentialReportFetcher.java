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

    /**
     * The polling schedule, from {@code sonda.worker.credential-report}.
     *
     * @param firstInterval the pause after the first poll; it doubles up to {@code maxInterval}
     * @param maxWait the sum of pauses after which the fetcher gives up with {@link #NOT_READY}
     */
    record Polling(Duration firstInterval, Duration maxInterval, Duration maxWait) {

        Polling {
            // With a zero interval the waited time never grows, so polling would not stop until the report is ready.
            if (firstInterval.isNegative() || firstInterval.isZero()) {
                throw new IllegalArgumentException("sonda.worker.credential-report.first-poll-interval must be"
                        + " positive, was " + firstInterval);
            }
            if (maxInterval.compareTo(firstInterval) < 0) {
                throw new IllegalArgumentException("sonda.worker.credential-report.max-poll-interval must be at"
                        + " least first-poll-interval (" + firstInterval + "), was " + maxInterval);
            }
            if (maxWait.isNegative()) {
                throw new IllegalArgumentException("sonda.worker.credential-report.max-wait must not be negative,"
                        + " was " + maxWait);
            }
        }
    }

    private final Supplier<IamClient> iam;
    private final AwsCalls calls;
    private final Sleeper sleeper;
    private final Polling polling;

    CredentialReportFetcher(Supplier<IamClient> iam, AwsCalls calls, Sleeper sleeper, Polling polling) {
        this.iam = iam;
        this.calls = calls;
        this.sleeper = sleeper;
        this.polling = polling;
    }

    /** Returns the parsed report, or the error that stopped the flow. */
    Collected<CredentialReport> fetch() {
        Duration waited = Duration.ZERO;
        Duration next = polling.firstInterval();
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
            if (waited.compareTo(polling.maxWait()) >= 0) {
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
            next = next.multipliedBy(2).compareTo(polling.maxInterval()) > 0 ? polling.maxInterval()
                    : next.multipliedBy(2);
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
