package dev.sonda.testkit;

import dev.sonda.testkit.proxy.FaultProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * Starts a moto server and a {@link FaultProxy} in front of it for each test class, stops both
 * after the class, and clears the proxy's rules and request log after each test.
 *
 * <p>NOTE: subclasses share these static fields, so two subclasses must not run at the same time.
 * JUnit runs test classes one after another unless parallel execution is turned on, and this
 * module does not turn it on.
 */
public abstract class ProxiedMotoTestBase {

    protected static MotoServer moto;
    protected static FaultProxy proxy;

    @BeforeAll
    static void startServers() {
        moto = MotoServer.start();
        proxy = FaultProxy.start(moto.endpoint());
    }

    @AfterAll
    static void stopServers() {
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
        if (moto != null) {
            moto.close();
            moto = null;
        }
    }

    @AfterEach
    void clearProxy() {
        proxy.clearRules();
        proxy.clearRequests();
    }
}
