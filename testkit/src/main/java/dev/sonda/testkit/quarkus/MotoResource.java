package dev.sonda.testkit.quarkus;

import dev.sonda.testkit.MotoServer;
import dev.sonda.testkit.SharedMoto;
import dev.sonda.testkit.proxy.FaultProxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a Quarkus test's AWS clients at the shared moto server of this JVM, through the shared
 * {@link FaultProxy}: it sets {@value #ENDPOINT_OVERRIDE} to the proxy's endpoint. Use with
 * {@code @QuarkusTestResource(MotoResource.class)}; tests reach the proxy and moto through
 * {@link #proxy()} and {@link #moto()} to add rules and build an estate.
 */
public class MotoResource implements QuarkusTestResourceLifecycleManager {

    /** The worker's configuration key for the endpoint every AWS client uses. */
    public static final String ENDPOINT_OVERRIDE = "sonda.worker.aws.endpoint-override";

    @Override
    public Map<String, String> start() {
        return Map.of(ENDPOINT_OVERRIDE, SharedMoto.proxy().endpoint().toString());
    }

    @Override
    public void stop() {
        // moto and the proxy outlive each test class and stop with the JVM (SharedMoto).
    }

    /** Returns the proxy that the application under test sends its AWS calls to. */
    public static FaultProxy proxy() {
        return SharedMoto.proxy();
    }

    /** Returns the moto server behind the proxy, for creating an estate directly. */
    public static MotoServer moto() {
        return SharedMoto.moto();
    }
}
