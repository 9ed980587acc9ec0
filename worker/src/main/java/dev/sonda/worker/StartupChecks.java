package dev.sonda.worker;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Checks at startup that the task concurrency is mapped as configured, and logs the settings the
 * worker runs with. The Java version is checked earlier, in {@link WorkerMain}.
 */
@ApplicationScoped
public class StartupChecks {

    private static final Logger LOG = Logger.getLogger(StartupChecks.class);

    /** SmallRye's concurrency limit of {@code @RunOnVirtualThread} methods; the worker maps max-tasks-in-flight onto it. */
    static final String VIRTUAL_THREAD_CONCURRENCY = "smallrye.messaging.worker.<virtual-thread>.max-concurrency";

    void onStart(@Observes StartupEvent event, WorkerConfig config) {
        Optional<Integer> concurrency = ConfigProvider.getConfig()
                .getOptionalValue(VIRTUAL_THREAD_CONCURRENCY, Integer.class);
        if (concurrency.isEmpty() || concurrency.get() != config.maxTasksInFlight()) {
            LOG.warnf("%s is %s, not sonda.worker.max-tasks-in-flight (%d); set it to ${sonda.worker.max-tasks-in-flight}",
                    VIRTUAL_THREAD_CONCURRENCY, concurrency.map(String::valueOf).orElse("unset"),
                    config.maxTasksInFlight());
        }
        LOG.infof("Worker started [maxTasksInFlight=%d, endpointOverride=%s, java=%s]", config.maxTasksInFlight(),
                config.aws().endpointOverride().map(String::valueOf).orElse("none"), Runtime.version());
    }
}
