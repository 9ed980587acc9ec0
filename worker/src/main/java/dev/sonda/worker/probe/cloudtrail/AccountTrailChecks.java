package dev.sonda.worker.probe.cloudtrail;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.probe.FindingFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The account-level checks CloudTrail.1, CloudTrail.3, S3.22 and S3.23: one finding each for the
 * account (region {@code global}), because one multi-Region or organization trail covers every
 * region.
 */
final class AccountTrailChecks {

    private AccountTrailChecks() {
    }

    /** CloudTrail.1: a multi-Region trail of the account is logging read and write management events. */
    static Finding managementEvents(CloudTrailInventory inventory, FindingFactory findings) {
        String control = CloudTrailChecks.CLOUDTRAIL_1;
        String account = findings.accountId();
        if (!inventory.anyRegionListed()) {
            return listError(control, inventory, findings);
        }
        List<String> reasons = new ArrayList<>();
        AwsError unknown = null;
        String unknownTrail = null;
        for (TrailRecord trail : ownTrails(inventory, account)) {
            List<String> problems = new ArrayList<>();
            if (!trail.multiRegion()) {
                reasons.add(trail.name() + ": single-Region trail");
                continue;
            }
            if (!trail.status().isOk()) {
                unknown = unknown == null ? trail.status().error() : unknown;
                unknownTrail = unknownTrail == null ? trail.name() : unknownTrail;
                continue;
            }
            if (!trail.status().value().logging()) {
                problems.add("not logging");
            }
            if (!trail.selectors().isOk()) {
                unknown = unknown == null ? trail.selectors().error() : unknown;
                unknownTrail = unknownTrail == null ? trail.name() : unknownTrail;
                continue;
            }
            SelectorAnalysis.Management management = SelectorAnalysis.management(trail.selectors().value());
            if (!management.reads() && !management.writes()) {
                problems.add("records no management events");
            } else if (!management.reads()) {
                problems.add("records only write management events");
            } else if (!management.writes()) {
                problems.add("records only read management events");
            }
            problems.addAll(management.notes());
            if (problems.isEmpty()) {
                Map<String, Object> evidence = new LinkedHashMap<>();
                evidence.put("trail", trail.arn());
                evidence.put("homeRegion", trail.homeRegion());
                evidence.put("selectors", selectorKind(trail.selectors().value()));
                return findings.finding(control, FindingStatus.PASS, findings.accountResource(), "Account " + account
                        + " has multi-Region trail " + trail.name() + " logging read and write management events.",
                        evidence);
            }
            reasons.add(trail.name() + ": " + String.join(", ", problems));
        }
        TrailRecord organization = foreignOrganizationTrail(inventory, account);
        if (organization != null) {
            return findings.finding(control, FindingStatus.PASS, findings.accountResource(), "Account " + account
                    + " is covered by organization trail " + organization.name() + " of account "
                    + organization.ownerAccountId()
                    + "; that account's scan evaluates its logging and event selectors.",
                    organizationEvidence(organization));
        }
        if (unknown != null) {
            return findings.error(control, findings.accountResource(), "Account " + account + " could not be checked "
                    + "for a multi-Region trail logging management events: " + unknown.operation() + " of trail "
                    + unknownTrail + " failed with " + unknown.errorCode() + ".", unknown);
        }
        return findings.finding(control, FindingStatus.FAIL, findings.accountResource(), "Account " + account
                + " has no multi-Region trail that is logging and records read and write management events.",
                Map.of("trails", reasons));
    }

    /** CloudTrail.3: at least one trail of the account is logging. */
    static Finding anyTrailLogging(CloudTrailInventory inventory, FindingFactory findings) {
        String control = CloudTrailChecks.CLOUDTRAIL_3;
        String account = findings.accountId();
        if (!inventory.anyRegionListed()) {
            return listError(control, inventory, findings);
        }
        List<String> logging = new ArrayList<>();
        AwsError unknown = inventory.regions().stream()
                .map(region -> inventory.listErrors().get(region))
                .filter(error -> error != null)
                .findFirst()
                .orElse(null);
        String unknownTrail = null;
        List<TrailRecord> own = ownTrails(inventory, account);

        for (TrailRecord trail : own) {
            if (!trail.status().isOk()) {
                if (unknownTrail == null) {
                    unknown = trail.status().error();
                    unknownTrail = trail.name();
                }
            } else if (trail.status().value().logging()) {
                logging.add(trail.arn());
            }
        }

        if (!logging.isEmpty()) {
            TrailRecord first = own.stream().filter(trail -> trail.arn().equals(logging.get(0))).findFirst()
                    .orElseThrow();
            return findings.finding(control, FindingStatus.PASS, findings.accountResource(), "Account " + account
                    + " has trail " + first.name() + " logging.", Map.of("loggingTrails", logging));
        }
        TrailRecord organization = foreignOrganizationTrail(inventory, account);
        if (organization != null) {
            return findings.finding(control, FindingStatus.PASS, findings.accountResource(), "Account " + account
                    + " is covered by organization trail " + organization.name() + " of account "
                    + organization.ownerAccountId() + "; that account's scan evaluates whether it is logging.",
                    organizationEvidence(organization));
        }
        if (unknown != null) {
            String what = unknownTrail == null ? "DescribeTrails" : unknown.operation() + " of trail " + unknownTrail;
            return findings.error(control, findings.accountResource(), "Account " + account + " could not be checked "
                    + "for a logging trail: " + what + " failed with " + unknown.errorCode() + ".", unknown);
        }
        String message = own.isEmpty()
                ? "Account " + account + " has no CloudTrail trails in regions "
                        + String.join(", ", inventory.regions()) + "."
                : "Account " + account + " has no CloudTrail trail that is logging.";
        return findings.finding(control, FindingStatus.FAIL, findings.accountResource(), message,
                Map.of("trails", own.stream().map(TrailRecord::arn).toList()));
    }

    /** S3.22 ({@code writes}) or S3.23: a logging multi-Region trail records S3 object events of every bucket. */
    static Finding s3DataEvents(CloudTrailInventory inventory, FindingFactory findings, boolean writes) {
        String control = writes ? CloudTrailChecks.S3_22 : CloudTrailChecks.S3_23;
        String kind = writes ? "write" : "read";
        String account = findings.accountId();
        if (!inventory.anyRegionListed()) {
            return listError(control, inventory, findings);
        }
        AwsError unknown = null;
        String unknownTrail = null;
        List<String> checked = new ArrayList<>();

        for (TrailRecord trail : ownTrails(inventory, account)) {
            if (!trail.multiRegion()) {
                continue;
            }
            checked.add(trail.arn());
            if (!trail.status().isOk() || !trail.selectors().isOk()) {
                if (unknown == null) {
                    unknown = trail.status().isOk() ? trail.selectors().error() : trail.status().error();
                    unknownTrail = trail.name();
                }
                continue;
            }
            if (trail.status().value().logging() && SelectorAnalysis.s3DataEvents(trail.selectors().value(), writes,
                    Partitions.of(trail.homeRegion()))) {
                Map<String, Object> evidence = new LinkedHashMap<>();
                evidence.put("trail", trail.arn());
                evidence.put("selectors", selectorKind(trail.selectors().value()));
                return findings.finding(control, FindingStatus.PASS, findings.accountResource(), "Account " + account
                        + " has multi-Region trail " + trail.name() + " logging S3 object-level " + kind
                        + " events for all buckets.", evidence);
            }
        }

        TrailRecord organization = foreignOrganizationTrail(inventory, account);
        if (organization != null) {
            return findings.finding(control, FindingStatus.NOT_APPLICABLE, findings.accountResource(), "Account "
                    + account + " is covered by organization trail " + organization.name() + " of account "
                    + organization.ownerAccountId() + ", whose S3 data event selectors only that account can read.",
                    organizationEvidence(organization));
        }
        if (unknown != null) {
            return findings.error(control, findings.accountResource(), "Account " + account + " could not be checked "
                    + "for S3 object-level " + kind + " event logging: " + unknown.operation() + " of trail "
                    + unknownTrail + " failed with " + unknown.errorCode() + ".", unknown);
        }
        return findings.finding(control, FindingStatus.FAIL, findings.accountResource(), "Account " + account
                + " has no multi-Region trail that is logging and records S3 object-level " + kind
                + " events for all buckets.", Map.of("multiRegionTrails", checked));
    }

    private static List<TrailRecord> ownTrails(CloudTrailInventory inventory, String account) {
        return inventory.trails().stream().filter(trail -> trail.ownedBy(account)).toList();
    }

    /** Returns the first multi-Region organization trail that another account owns, or {@code null}. */
    private static TrailRecord foreignOrganizationTrail(CloudTrailInventory inventory, String account) {
        return inventory.trails().stream()
                .filter(trail -> !trail.ownedBy(account) && trail.organizationTrail() && trail.multiRegion())
                .findFirst()
                .orElse(null);
    }

    private static Map<String, Object> organizationEvidence(TrailRecord trail) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("organizationTrail", trail.arn());
        evidence.put("ownerAccountId", trail.ownerAccountId());
        evidence.put("homeRegion", trail.homeRegion());
        return evidence;
    }

    private static String selectorKind(EventSelectors selectors) {
        return selectors.advanced().isEmpty() ? "basic" : "advanced";
    }

    /** Returns the ERROR finding of a control when no region could list its trails. */
    static Finding listError(String control, CloudTrailInventory inventory, FindingFactory findings) {
        AwsError error = inventory.listErrors().get(inventory.regions().get(0));
        return findings.error(control, findings.accountResource(), "CloudTrail trails of account "
                + findings.accountId() + " could not be listed in any region: DescribeTrails failed with "
                + error.errorCode() + ".", error);
    }
}
