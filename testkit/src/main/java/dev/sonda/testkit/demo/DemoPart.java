package dev.sonda.testkit.demo;

import dev.sonda.testkit.proxy.FaultRule;
import java.net.URI;
import java.util.List;

/**
 * The resources of one probe in the demo estate. {@code DemoEstate} creates the queues, contacts
 * and organization itself and then every part listed in {@link DemoParts}, so that each probe's
 * demo resources live in a class of their own.
 *
 * <p>A part creates its resources through the AWS SDK's create calls against moto directly, the
 * way an operator would, and must change nothing when it runs a second time on the same server.
 */
public interface DemoPart {

    /** Creates the part's resources in the moto server at {@code motoEndpoint}. */
    void create(URI motoEndpoint);

    /**
     * Returns the proxy rules the scan needs for states moto cannot hold, each a documented
     * fixture (see {@code MotoGaps}).
     */
    default List<FaultRule> fixtures() {
        return List.of();
    }
}
