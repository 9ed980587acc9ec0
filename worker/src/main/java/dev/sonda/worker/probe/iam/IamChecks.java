package dev.sonda.worker.probe.iam;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.probe.FindingFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pure IAM checks over an {@link IamInventory}, grouped by the data they read: the root user,
 * the password policy, the credential report, policies, and other IAM resources. Checks read no
 * clock; the scan time comes in as {@code now}.
 */
public final class IamChecks {

    public static final String IAM_1 = "IAM.1";
    public static final String IAM_2 = "IAM.2";
    public static final String IAM_3 = "IAM.3";
    public static final String IAM_4 = "IAM.4";
    public static final String IAM_5 = "IAM.5";
    public static final String IAM_6 = "IAM.6";
    public static final String IAM_7 = "IAM.7";
    public static final String IAM_8 = "IAM.8";
    public static final String IAM_9 = "IAM.9";
    public static final String IAM_10 = "IAM.10";
    public static final String IAM_11 = "IAM.11";
    public static final String IAM_12 = "IAM.12";
    public static final String IAM_13 = "IAM.13";
    public static final String IAM_14 = "IAM.14";
    public static final String IAM_15 = "IAM.15";
    public static final String IAM_16 = "IAM.16";
    public static final String IAM_17 = "IAM.17";
    public static final String IAM_18 = "IAM.18";
    public static final String IAM_19 = "IAM.19";
    public static final String IAM_21 = "IAM.21";
    public static final String IAM_22 = "IAM.22";
    public static final String IAM_23 = "IAM.23";
    public static final String IAM_24 = "IAM.24";
    public static final String IAM_25 = "IAM.25";
    public static final String IAM_26 = "IAM.26";
    public static final String IAM_27 = "IAM.27";
    public static final String KMS_1 = "KMS.1";
    public static final String KMS_2 = "KMS.2";
    public static final String ROOT_USER_UNUSED = "IAM.RootUserUnused";
    public static final String NO_KEYS_AT_USER_SETUP = "IAM.NoKeysAtUserSetup";
    public static final String ONE_ACTIVE_ACCESS_KEY = "IAM.OneActiveAccessKey";
    public static final String NO_ATTACHED_ADMIN_POLICY = "IAM.NoAttachedAdminPolicy";
    public static final String CENTRAL_IDENTITY = "IAM.CentralIdentity";

    /** Controls that read GetAccountSummary. */
    static final Set<String> SUMMARY_CONTROLS = Set.of(IAM_4, IAM_6, IAM_9);
    /** Controls that read the credential report. */
    static final Set<String> REPORT_CONTROLS = Set.of(IAM_3, IAM_4, IAM_5, IAM_8, IAM_19, IAM_22,
            ROOT_USER_UNUSED, NO_KEYS_AT_USER_SETUP, ONE_ACTIVE_ACCESS_KEY, CENTRAL_IDENTITY);
    /** Controls that read the account password policy. */
    static final Set<String> PASSWORD_POLICY_CONTROLS = Set.of(IAM_7, IAM_10, IAM_11, IAM_12, IAM_13, IAM_14,
            IAM_15, IAM_16, IAM_17);
    /** Controls that read GetAccountAuthorizationDetails. */
    static final Set<String> AUTHORIZATION_CONTROLS = Set.of(IAM_1, IAM_2, IAM_18, IAM_21, IAM_24, IAM_25,
            IAM_27, KMS_1, KMS_2, NO_ATTACHED_ADMIN_POLICY);

    private IamChecks() {
    }

    /** Evaluates every enabled control of the probe, in catalog order. */
    public static List<Finding> evaluate(IamInventory inventory, Set<String> enabled, FindingFactory findings,
            Instant now) {
        List<Finding> result = new ArrayList<>();
        result.addAll(RootChecks.evaluate(inventory, enabled, findings));
        result.addAll(PasswordPolicyChecks.evaluate(inventory, enabled, findings));
        result.addAll(CredentialReportChecks.evaluate(inventory, enabled, findings, now));
        result.addAll(PolicyChecks.evaluate(inventory, enabled, findings));
        result.addAll(ResourceChecks.evaluate(inventory, enabled, findings, now));
        return result;
    }

    /** Returns an account-level ERROR finding for a control whose input could not be read. */
    static Finding error(FindingFactory findings, String controlId, String what, AwsError error) {
        return findings.error(controlId, findings.accountResource(), "Account " + findings.accountId()
                + " could not be checked for " + what + ": " + error.operation() + " failed with "
                + error.errorCode() + ".", error);
    }

    /** Returns the tag keys that a customer set, leaving out the {@code aws:} keys AWS sets itself. */
    static List<String> customerTagKeys(Map<String, String> tags) {
        return tags.keySet().stream().filter(key -> !key.startsWith("aws:")).sorted().toList();
    }

    /** Returns at most {@code max} names for evidence, so that one finding stays small. */
    static List<String> sample(List<String> names, int max) {
        return names.size() <= max ? List.copyOf(names) : List.copyOf(names.subList(0, max));
    }
}
