package dev.sonda.worker.probe;

import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.aws.AwsErrorClassifier;
import dev.sonda.worker.aws.ExecutionLog;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs one AWS API call for a collector and turns an SDK failure into a classified error, with one
 * {@code HANDLED_ERROR} line in the execution log. Every collector goes through here, so the log
 * entries and labels of handled errors are the same for all probes.
 */
public final class AwsCalls {

    private static final Logger LOG = Logger.getLogger(AwsCalls.class);

    private final ExecutionLog log;
    private final String accountId;
    private final String region;

    public AwsCalls(ExecutionLog log, String accountId, String region) {
        this.log = log;
        this.accountId = accountId;
        this.region = region;
    }

    /**
     * Calls {@code call} and returns its value, or the classified error if the SDK failed.
     * Exceptions other than SDK exceptions are bugs and propagate.
     *
     * @param resource what the call was about, for the log (a queue name, or {@code null})
     */
    public <T> Collected<T> call(String service, String operation, String resource, Supplier<T> call) {
        try {
            T value = call.get();
            if (value == null) {
                throw new IllegalStateException(service + ":" + operation + " returned nothing");
            }
            return Collected.ok(value);
        } catch (SdkException e) {
            AwsError error = AwsErrorClassifier.classify(operation, e);
            String subject = resource == null ? "" : " for " + resource;
            log.handledError(service, operation, error.errorCode(), operation + subject + " failed with "
                    + error.errorCode() + " (" + error.kind() + ")" + (error.message() == null ? "" : ": "
                            + error.message()));
            LOG.debugf("Handled AWS error [account=%s, region=%s, service=%s, operation=%s, resource=%s, "
                    + "errorCode=%s]", accountId, region, service, operation, resource, error.errorCode());
            return Collected.failed(error);
        }
    }

    public ExecutionLog log() {
        return log;
    }
}
