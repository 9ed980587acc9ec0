package dev.sonda.worker.probe.macie;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.aws.AwsErrorKind;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.FindingFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The pure checks Macie.1 (Macie enabled) and Macie.2 (automated sensitive data discovery) over a {@link MacieInventory}. */
public final class MacieChecks {

    public static final String MACIE_1 = "Macie.1";
    public static final String MACIE_2 = "Macie.2";

    static final String ACCESS_DENIED = "AccessDeniedException";
    /** The start of AWS's error message when the account has no Macie session in the region, in lower case. */
    static final String NOT_ENABLED_MESSAGE = "macie is not enabled";

    private MacieChecks() {
    }

    public static List<Finding> evaluate(MacieInventory inventory, Set<String> enabled, FindingFactory findings) {
        List<Finding> result = new ArrayList<>();
        if (enabled.contains(MACIE_1)) {
            result.add(macieEnabled(inventory.sessionStatus(), findings));
        }
        if (enabled.contains(MACIE_2)) {
            result.add(automatedDiscovery(inventory, findings));
        }
        return result;
    }

    /**
     * Returns whether an error means that Macie is not enabled in the account and region. AWS rejects every Macie
     * call of such an account with AccessDeniedException, the same code as for a missing permission. Only the
     * message ("Macie is not enabled.") distinguishes the two, so this method matches the message. If AWS rewords it, the
     * controls report ERROR instead of FAIL, never a wrong PASS. ResourceNotFoundException, which DisableMacie leaves
     * behind in moto, also counts.
     */
    static boolean isMacieNotEnabled(AwsError error) {
        if (error.is(AwsErrorKind.NOT_FOUND)) {
            return true;
        }
        return ACCESS_DENIED.equals(error.errorCode()) && error.message() != null
                && error.message().strip().toLowerCase(Locale.ROOT).startsWith(NOT_ENABLED_MESSAGE);
    }

    static Finding macieEnabled(Collected<String> session, FindingFactory findings) {
        String where = where(findings);
        String resource = findings.accountResource();
        if (session.isOk()) {
            String status = session.value();
            Map<String, Object> evidence = Map.of("macieStatus", status);
            if ("ENABLED".equals(status)) {
                return findings.finding(MACIE_1, FindingStatus.PASS, resource, "Macie is enabled in " + where + ".",
                        evidence);
            }
            return findings.finding(MACIE_1, FindingStatus.FAIL, resource, "Macie is suspended (status " + status
                    + ") in " + where + ".", evidence);
        }
        AwsError error = session.error();
        if (isMacieNotEnabled(error)) {
            return findings.finding(MACIE_1, FindingStatus.FAIL, resource, "Macie is not enabled in " + where + ".",
                    notEnabledEvidence(error));
        }
        return findings.error(MACIE_1, resource, "Macie could not be checked in " + where
                + ": GetMacieSession failed with " + error.errorCode() + ".", error);
    }

    static Finding automatedDiscovery(MacieInventory inventory, FindingFactory findings) {
        String where = where(findings);
        String resource = findings.accountResource();
        Collected<String> session = inventory.sessionStatus();
        if (!session.isOk()) {
            AwsError error = session.error();
            if (isMacieNotEnabled(error)) {
                return findings.finding(MACIE_2, FindingStatus.NOT_APPLICABLE, resource, "Macie is not enabled in "
                        + where + ", so automated sensitive data discovery does not apply.", notEnabledEvidence(error));
            }
            return findings.error(MACIE_2, resource, "Macie automated sensitive data discovery could not be checked in "
                    + where + ": GetMacieSession failed with " + error.errorCode() + ".", error);
        }
        if (!"ENABLED".equals(session.value())) {
            return findings.finding(MACIE_2, FindingStatus.NOT_APPLICABLE, resource, "Macie is suspended (status "
                    + session.value() + ") in " + where + ", so automated sensitive data discovery does not apply.",
                    Map.of("macieStatus", session.value()));
        }

        Collected<MacieInventory.Administrator> administrator = inventory.administrator();
        if (!administrator.isOk()) {
            AwsError error = administrator.error();
            return findings.error(MACIE_2, resource, "Macie automated sensitive data discovery could not be checked in "
                    + where + ": GetAdministratorAccount failed with " + error.errorCode() + ".", error);
        }
        if (administrator.value().managed()) {
            String admin = administrator.value().accountId();
            return findings.finding(MACIE_2, FindingStatus.NOT_APPLICABLE, resource, "Macie administrator account "
                    + admin + " manages automated sensitive data discovery for " + where + ".",
                    Map.of("administratorAccountId", admin));
        }

        Collected<String> discovery = inventory.discoveryStatus();
        if (!discovery.isOk()) {
            AwsError error = discovery.error();
            return findings.error(MACIE_2, resource, "Macie automated sensitive data discovery could not be checked in "
                    + where + ": GetAutomatedDiscoveryConfiguration failed with " + error.errorCode() + ".", error);
        }
        Map<String, Object> evidence = Map.of("automatedDiscoveryStatus", discovery.value());
        if ("ENABLED".equals(discovery.value())) {
            return findings.finding(MACIE_2, FindingStatus.PASS, resource, "Macie automated sensitive data discovery"
                    + " is enabled in " + where + ".", evidence);
        }
        return findings.finding(MACIE_2, FindingStatus.FAIL, resource, "Macie automated sensitive data discovery is"
                + " not enabled in " + where + ".", evidence);
    }

    private static Map<String, Object> notEnabledEvidence(AwsError error) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("operation", error.operation());
        evidence.put("errorCode", error.errorCode());
        if (error.httpStatus() != null) {
            evidence.put("httpStatus", error.httpStatus());
        }
        return evidence;
    }

    private static String where(FindingFactory findings) {
        return "account " + findings.accountId() + ", region " + findings.region();
    }
}
