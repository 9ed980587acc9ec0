package dev.sonda.testkit;

import dev.sonda.testkit.proxy.FaultProxy;

/**
 * One moto server and one {@link FaultProxy} in front of it per test JVM, started on first use and
 * stopped when the JVM exits, so that test classes do not each pay for a moto start.
 *
 * <p>Test classes share the server's state. A class that needs a clean estate calls
 * {@link #reset()} first; a class that adds proxy rules removes them when it is done.
 */
public final class SharedMoto {

    private static MotoServer moto;
    private static FaultProxy proxy;

    private SharedMoto() {
    }

    public static synchronized MotoServer moto() {
        start();
        return moto;
    }

    /** The proxy in front of {@link #moto()}; point clients at its endpoint. */
    public static synchronized FaultProxy proxy() {
        start();
        return proxy;
    }

    /**
     * Deletes every resource of every account in moto, and clears the proxy's rules, request log
     * and learned account mapping, because a moto reset also drops the keys STS issued.
     */
    public static synchronized void reset() {
        start();
        moto.reset();
        proxy.clearRules();
        proxy.clearRequests();
        proxy.clearAccountMapping();
    }

    private static void start() {
        if (moto != null) {
            return;
        }
        MotoServer server = MotoServer.start();
        FaultProxy faultProxy;
        try {
            faultProxy = FaultProxy.start(server.endpoint());
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            faultProxy.close();
            server.close();
        }, "sonda-moto-shutdown"));
        moto = server;
        proxy = faultProxy;
    }
}
