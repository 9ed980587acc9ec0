package dev.sonda.worker.probe.cloudwatch;

import dev.sonda.worker.probe.cloudwatch.FilterPattern.Comparison;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The account activity each CloudWatch control wants an alarm on, with the metric filter patterns that catch it.
 * The patterns follow the CIS AWS Foundations Benchmark v5.0.0 monitoring section (recommendations 4.1 to 4.15).
 *
 * <p>A metric filter qualifies when it {@link FilterPattern#covers(FilterPattern, Set) covers} one of the reference
 * patterns: it keeps every required comparison of each alternative and may leave out only optional ones. Required
 * are the comparisons that define the activity: error codes, the root identity, event names, ConsoleLogin with its
 * MFA or error condition. Optional are each activity's listed exclusions and narrowing conditions, and every
 * comparison on {@code $.eventSource}, which CIS gives only in some versions. So
 * {@code { $.eventName != "HeadBucket" }} does not catch unauthorized API calls, and
 * {@code { $.eventSource = "ec2.amazonaws.com" }} catches no network change. Unauthorized API calls use the form with
 * CIS's two exclusions grouped after the two error codes, so that the Security Hub pattern without exclusions and the
 * CIS text as written both qualify.
 */
enum MonitoredActivity {

    /** CIS 4.3. Leaving out the two exclusions raises more alarms but still catches every root user call. */
    ROOT_USAGE("CloudWatch.1", "root user activity",
            List.of("$.userIdentity.invokedBy NOT EXISTS", "$.eventType != \"AwsServiceEvent\""),
            "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS"
                    + " && $.eventType != \"AwsServiceEvent\" }"),

    /** CIS 4.1, whose two exclusions silence calls by AWS log delivery and HeadBucket probes. */
    UNAUTHORIZED_API_CALLS("CloudWatch.2", "unauthorized API calls",
            List.of("$.sourceIPAddress != \"delivery.logs.amazonaws.com\"", "$.eventName != \"HeadBucket\""),
            "{ ($.errorCode = \"*UnauthorizedOperation\" || $.errorCode = \"AccessDenied*\")"
                    + " && $.sourceIPAddress != \"delivery.logs.amazonaws.com\" && $.eventName != \"HeadBucket\" }"),

    /**
     * CIS 4.2. The second pattern is CIS's narrower alternative, which counts only successful IAM user sign-ins so
     * that single sign-on sign-ins, which always report MFAUsed "No", raise no alarm. Its two narrowing conditions are
     * optional, so a filter may keep either of them.
     */
    CONSOLE_SIGN_IN_WITHOUT_MFA("CloudWatch.3", "console sign-in without MFA",
            List.of("$.userIdentity.type = \"IAMUser\"", "$.responseElements.ConsoleLogin = \"Success\""),
            "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") }",
            "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\")"
                    + " && ($.userIdentity.type = \"IAMUser\") && ($.responseElements.ConsoleLogin = \"Success\") }"),

    /** CIS 4.4. */
    IAM_POLICY_CHANGES("CloudWatch.4", "IAM policy changes", List.of(),
            eventNames("iam.amazonaws.com", "DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy",
                    "PutGroupPolicy", "PutRolePolicy", "PutUserPolicy", "CreatePolicy", "DeletePolicy",
                    "CreatePolicyVersion", "DeletePolicyVersion", "AttachRolePolicy", "DetachRolePolicy",
                    "AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy")),

    /** CIS 4.5. */
    CLOUDTRAIL_CHANGES("CloudWatch.5", "CloudTrail configuration changes", List.of(),
            eventNames("cloudtrail.amazonaws.com", "CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging",
                    "StopLogging")),

    /** CIS 4.6. */
    CONSOLE_AUTHENTICATION_FAILURES("CloudWatch.6", "console authentication failures", List.of(),
            "{ ($.eventName = \"ConsoleLogin\") && ($.errorMessage = \"Failed authentication\") }"),

    /** CIS 4.7. */
    KMS_KEY_DISABLE_OR_DELETION("CloudWatch.7", "disabling or scheduled deletion of customer managed KMS keys",
            List.of(),
            eventNames("kms.amazonaws.com", "DisableKey", "ScheduleKeyDeletion")),

    /** CIS 4.8. */
    S3_BUCKET_POLICY_CHANGES("CloudWatch.8", "S3 bucket policy changes", List.of(),
            eventNames("s3.amazonaws.com", "PutBucketAcl", "PutBucketPolicy", "PutBucketCors", "PutBucketLifecycle",
                    "PutBucketReplication", "DeleteBucketPolicy", "DeleteBucketCors", "DeleteBucketLifecycle",
                    "DeleteBucketReplication")),

    /** CIS 4.9. */
    CONFIG_CHANGES("CloudWatch.9", "AWS Config configuration changes", List.of(),
            eventNames("config.amazonaws.com", "StopConfigurationRecorder", "DeleteDeliveryChannel",
                    "PutDeliveryChannel", "PutConfigurationRecorder")),

    /** CIS 4.10. */
    SECURITY_GROUP_CHANGES("CloudWatch.10", "security group changes", List.of(),
            eventNames("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress",
                    "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress", "CreateSecurityGroup",
                    "DeleteSecurityGroup")),

    /** CIS 4.11. */
    NETWORK_ACL_CHANGES("CloudWatch.11", "network ACL changes", List.of(),
            eventNames("ec2.amazonaws.com", "CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl",
                    "DeleteNetworkAclEntry", "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation")),

    /** CIS 4.12. */
    NETWORK_GATEWAY_CHANGES("CloudWatch.12", "network gateway changes", List.of(),
            eventNames("ec2.amazonaws.com", "CreateCustomerGateway", "DeleteCustomerGateway",
                    "AttachInternetGateway", "CreateInternetGateway", "DeleteInternetGateway",
                    "DetachInternetGateway")),

    /** CIS 4.13. */
    ROUTE_TABLE_CHANGES("CloudWatch.13", "route table changes", List.of(),
            eventNames("ec2.amazonaws.com", "CreateRoute", "CreateRouteTable", "ReplaceRoute",
                    "ReplaceRouteTableAssociation", "DeleteRouteTable", "DeleteRoute", "DisassociateRouteTable")),

    /** CIS 4.14. */
    VPC_CHANGES("CloudWatch.14", "VPC changes", List.of(),
            eventNames("ec2.amazonaws.com", "CreateVpc", "DeleteVpc", "ModifyVpcAttribute",
                    "AcceptVpcPeeringConnection", "CreateVpcPeeringConnection", "DeleteVpcPeeringConnection",
                    "RejectVpcPeeringConnection", "AttachClassicLinkVpc", "DetachClassicLinkVpc",
                    "DisableVpcClassicLink", "EnableVpcClassicLink")),

    /** CIS 4.15; AWS Security Hub has no control for it. */
    ORGANIZATIONS_CHANGES("CloudWatch.OrganizationsChanges", "AWS Organizations changes", List.of(),
            eventNames("organizations.amazonaws.com", "AcceptHandshake", "AttachPolicy", "CreateAccount",
                    "CreateOrganizationalUnit", "CreatePolicy", "DeclineHandshake", "DeleteOrganization",
                    "DeleteOrganizationalUnit", "DeletePolicy", "DetachPolicy", "DisablePolicyType",
                    "EnablePolicyType", "InviteAccountToOrganization", "LeaveOrganization", "MoveAccount",
                    "RemoveAccountFromOrganization", "UpdatePolicy", "UpdateOrganizationalUnit"));

    /** The selector whose comparisons are optional in every reference pattern. */
    private static final String EVENT_SOURCE = "$.eventSource";

    private final String controlId;
    private final String description;
    private final List<String> referenceTexts;
    private final List<FilterPattern> references;
    private final Set<Comparison> optional;

    /**
     * @param optionalTexts comparisons a filter may leave out, each as written in a pattern, such as
     *     {@code $.eventName != "HeadBucket"}; comparisons on {@code $.eventSource} are optional without being listed
     */
    MonitoredActivity(String controlId, String description, List<String> optionalTexts, String... referenceTexts) {
        this.controlId = controlId;
        this.description = description;
        this.referenceTexts = List.of(referenceTexts);
        this.references = this.referenceTexts.stream().map(FilterPattern::of).toList();
        Set<Comparison> optionalComparisons = new LinkedHashSet<>();
        for (String text : optionalTexts) {
            optionalComparisons.addAll(FilterPattern.of("{ " + text + " }").terms().getFirst());
        }
        for (FilterPattern reference : references) {
            reference.terms().forEach(term -> term.stream()
                    .filter(comparison -> comparison.selector().equals(EVENT_SOURCE))
                    .forEach(optionalComparisons::add));
        }
        this.optional = Set.copyOf(optionalComparisons);
    }

    String controlId() {
        return controlId;
    }

    /** Returns the activity in words for finding messages, e.g. {@code root user activity}. */
    String description() {
        return description;
    }

    /** Returns the reference patterns as written, for evidence and documentation. */
    List<String> referenceTexts() {
        return referenceTexts;
    }

    /** Returns the comparisons of the reference patterns that a filter may leave out. */
    Set<Comparison> optionalComparisons() {
        return optional;
    }

    /** Returns whether a metric filter pattern catches this activity. */
    boolean matches(FilterPattern pattern) {
        return references.stream().anyMatch(reference -> pattern.covers(reference, optional));
    }

    static Optional<MonitoredActivity> forControl(String controlId) {
        return Arrays.stream(values()).filter(activity -> activity.controlId.equals(controlId)).findFirst();
    }

    /** Builds {@code { ($.eventSource = SOURCE) && (($.eventName = A) || ($.eventName = B) ...) }}. */
    private static String eventNames(String eventSource, String... names) {
        StringBuilder pattern = new StringBuilder("{ ($.eventSource = \"").append(eventSource).append("\") && (");
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                pattern.append(" || ");
            }
            pattern.append("($.eventName = \"").append(names[i]).append("\")");
        }
        return pattern.append(") }").toString();
    }
}
