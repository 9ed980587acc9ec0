package dev.sonda.testkit.demo;

import java.util.List;

/** The parts of the demo estate beyond its queues, contacts and organization, in creation order. */
public final class DemoParts {

    private DemoParts() {
    }

    /** Returns a new instance of every part. */
    public static List<DemoPart> all() {
        return List.of(
                new IamDemo(),
                new AccessAnalyzerDemo(),
                new ConfigDemo(),
                new KmsDemo(),
                // Before MonitoringDemo, which builds its alarm chain on acme-prod's trail.
                new CloudTrailDemo(),
                new MonitoringDemo());
    }
}
