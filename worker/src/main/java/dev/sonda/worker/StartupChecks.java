package dev.sonda.worker;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/** Checks at startup that the worker can run as configured, and fails fast with the fix if not. */
@ApplicationScoped
public class StartupChecks {

    private static final Logger LOG = Logger.getLogger(StartupChecks.class);

    /** SmallRye's concurrency limit of {@code @RunOnVirtualThread} methods; the worker maps max-tasks-in-flight onto it. */
    static final String VIRTUAL_THREAD_CONCURRENCY = "smallrye.messaging.worker.<virtual-thread>.max-concurrency";

    static final int MINIMUM_JAVA = 21;

    void onStart(@Observes StartupEvent event, WorkerConfig config) {
        requireJava(Runtime.version().feature());
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

    /**
     * Fails on a JVM older than Java 21. On such a JVM Quarkus runs {@code @RunOnVirtualThread}
     * methods on platform threads after a warning, and the worker would hold one platform thread
     * per waiting task. (A JVM older than 17 cannot load this class at all.)
     */
    static void requireJava(int feature) {
        if (feature < MINIMUM_JAVA) {
            throw new IllegalStateException("The Sonda worker needs Java " + MINIMUM_JAVA
                    + " or newer for virtual threads, but runs on Java " + feature
                    + ". Start it with a JDK 21 or newer, for example by setting JAVA_HOME.");
        }
    }
}
