package dev.sonda.testkit.demo;

import dev.sonda.testkit.DemoEstate;
import dev.sonda.testkit.MotoGaps;
import dev.sonda.testkit.MotoGaps.AccessAnalyzer;
import dev.sonda.testkit.proxy.FaultRule;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The IAM Access Analyzer part of the demo estate (IAM.28). moto 5.2.1 has no Access Analyzer
 * backend, so every analyzer is a {@link MotoGaps#accessAnalyzers} fixture and {@link #create}
 * creates nothing. Each of the six account and region pairs gets a fixture, because an unanswered
 * ListAnalyzers fails with HTTP 500 in moto.
 *
 * <table>
 *   <caption>Contents</caption>
 *   <tr><th>Account</th><th>eu-west-1</th><th>us-east-1</th></tr>
 *   <tr><td>111111111111 acme-prod</td>
 *       <td>external-access: ACCOUNT, ACTIVE, tag owner=security.</td>
 *       <td>acme-organization: ORGANIZATION, ACTIVE, tag owner=security.</td></tr>
 *   <tr><td>222222222222 acme-dev</td>
 *       <td>unused-access: ACCOUNT_UNUSED_ACCESS, ACTIVE, no tags.</td>
 *       <td>No analyzer.</td></tr>
 *   <tr><td>333333333333 globex-prod</td>
 *       <td>external-access: ACCOUNT, ACTIVE, tag owner=security.</td>
 *       <td>external-access: ACCOUNT, FAILED, tag owner=security.</td></tr>
 * </table>
 */
public final class AccessAnalyzerDemo implements DemoPart {

    private static final Map<String, String> OWNER = Map.of("owner", "security");

    @Override
    public void create(URI motoEndpoint) {
        // Nothing to create: moto has no Access Analyzer backend, and the fixtures respond to ListAnalyzers.
    }

    @Override
    public List<FaultRule> fixtures() {
        String acmeProd = DemoEstate.ACME_PROD.id();
        String acmeDev = DemoEstate.ACME_DEV.id();
        String globex = DemoEstate.GLOBEX_PROD.id();
        return List.of(
                MotoGaps.accessAnalyzers(acmeProd, "eu-west-1",
                        new AccessAnalyzer("external-access", "ACCOUNT", "ACTIVE", OWNER)),
                MotoGaps.accessAnalyzers(acmeProd, "us-east-1",
                        new AccessAnalyzer("acme-organization", "ORGANIZATION", "ACTIVE", OWNER)),
                MotoGaps.accessAnalyzers(acmeDev, "eu-west-1",
                        new AccessAnalyzer("unused-access", "ACCOUNT_UNUSED_ACCESS", "ACTIVE", Map.of())),
                MotoGaps.accessAnalyzers(acmeDev, "us-east-1"),
                MotoGaps.accessAnalyzers(globex, "eu-west-1",
                        new AccessAnalyzer("external-access", "ACCOUNT", "ACTIVE", OWNER)),
                MotoGaps.accessAnalyzers(globex, "us-east-1",
                        new AccessAnalyzer("external-access", "ACCOUNT", "FAILED", OWNER)));
    }
}
