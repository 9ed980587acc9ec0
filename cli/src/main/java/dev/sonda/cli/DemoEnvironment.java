package dev.sonda.cli;

import dev.sonda.testkit.DemoEstate;
import dev.sonda.testkit.MotoServer;
import dev.sonda.testkit.proxy.FaultProxy;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo target: a moto server holding the demo estate, and the test kit's proxy in front of it
 * supplying the states moto cannot hold (root MFA, an access-denied API). The worker reaches AWS
 * only through the proxy, on 127.0.0.1.
 */
final class DemoEnvironment implements AutoCloseable {

    /**
     * Environment of the worker process: dummy base credentials for moto, and nothing of the
     * user's own AWS configuration, so the demo can never reach a real account.
     */
    private static final Map<String, String> WORKER_ENVIRONMENT;

    static {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("AWS_ACCESS_KEY_ID", "sonda-demo");
        environment.put("AWS_SECRET_ACCESS_KEY", "sonda-demo-secret");
        environment.put("AWS_SESSION_TOKEN", null);
        environment.put("AWS_PROFILE", null);
        environment.put("AWS_DEFAULT_PROFILE", null);
        environment.put("AWS_ROLE_ARN", null);
        environment.put("AWS_WEB_IDENTITY_TOKEN_FILE", null);
        environment.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", null);
        environment.put("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", null);
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_EC2_METADATA_DISABLED", "true");
        WORKER_ENVIRONMENT = java.util.Collections.unmodifiableMap(environment);
    }

    private final MotoServer moto;
    private final FaultProxy proxy;
    private final Path inventory;

    private DemoEnvironment(MotoServer moto, FaultProxy proxy, Path inventory) {
        this.moto = moto;
        this.proxy = proxy;
        this.inventory = inventory;
    }

    /** Starts moto and the proxy, creates the demo estate and writes its inventory into the run directory. */
    static DemoEnvironment start(Path runDirectory) {
        MotoServer moto = MotoServer.start(runDirectory.resolve("logs"));
        FaultProxy proxy = null;
        try {
            DemoEstate.Estate estate = DemoEstate.create(moto.endpoint());
            proxy = FaultProxy.start(moto.endpoint());
            estate.installFixtures(proxy);
            Path inventory = estate.writeInventory(runDirectory.resolve("demo-inventory.yaml"));
            return new DemoEnvironment(moto, proxy, inventory);
        } catch (RuntimeException e) {
            if (proxy != null) {
                proxy.close();
            }
            moto.close();
            throw e;
        }
    }

    Path inventory() {
        return inventory;
    }

    /** The endpoint the worker sends every AWS call to: the proxy in front of moto. */
    URI awsEndpoint() {
        return proxy.endpoint();
    }

    URI motoEndpoint() {
        return moto.endpoint();
    }

    int accountCount() {
        return DemoEstate.ACCOUNTS.size();
    }

    Map<String, String> workerEnvironment() {
        return WORKER_ENVIRONMENT;
    }

    @Override
    public void close() {
        proxy.close();
        moto.close();
    }

    @Override
    public String toString() {
        return "the demo's moto server and proxy";
    }
}
