package dev.sonda.worker.probe.cloudwatch;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The account activity each CloudWatch control wants an alarm on, with the metric filter patterns that catch it.
 * The patterns follow the CIS AWS Foundations Benchmark v5.0.0 monitoring section (recommendations 4.1 to 4.15).
 *
 * <p>A metric filter qualifies when it {@link FilterPattern#covers covers} one of the reference patterns. Where CIS
 * gives a condition on {@code $.eventSource} only in some versions, the reference includes it, so that filters with
 * and without it both qualify. Unauthorized API calls use the form with CIS's two exclusions grouped after the two
 * error codes, so that the Security Hub pattern without exclusions and the CIS text as written both qualify.
 */
enum MonitoredActivity {

    /** CIS 4.3. */
    ROOT_USAGE("CloudWatch.1", "root user activity",
            "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS"
                    + " && $.eventType != \"AwsServiceEvent\" }"),

    /** CIS 4.1. */
    UNAUTHORIZED_API_CALLS("CloudWatch.2", "unauthorized API calls",
            "{ ($.errorCode = \"*UnauthorizedOperation\" || $.errorCode = \"AccessDenied*\")"
                    + " && $.sourceIPAddress != \"delivery.logs.amazonaws.com\" && $.eventName != \"HeadBucket\" }"),

    /**
     * CIS 4.2. The second pattern is CIS's narrower alternative, which counts only successful IAM user sign-ins so
     * that single sign-on sign-ins, which always report MFAUsed "No", raise no alarm.
     */
    CONSOLE_SIGN_IN_WITHOUT_MFA("CloudWatch.3", "console sign-in without MFA",
            "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") }",
            "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\")"
                    + " && ($.userIdentity.type = \"IAMUser\") && ($.responseElements.ConsoleLogin = \"Success\") }"),

    /** CIS 4.4. */
    IAM_POLICY_CHANGES("CloudWatch.4", "IAM policy changes",
            eventNames("iam.amazonaws.com", "DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy",
                    "PutGroupPolicy", "PutRolePolicy", "PutUserPolicy", "CreatePolicy", "DeletePolicy",
                    "CreatePolicyVersion", "DeletePolicyVersion", "AttachRolePolicy", "DetachRolePolicy",
                    "AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy")),

    /** CIS 4.5. */
    CLOUDTRAIL_CHANGES("CloudWatch.5", "CloudTrail configuration changes",
            eventNames("cloudtrail.amazonaws.com", "CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging",
                    "StopLogging")),

    /** CIS 4.6. */
    CONSOLE_AUTHENTICATION_FAILURES("CloudWatch.6", "console authentication failures",
            "{ ($.eventName = \"ConsoleLogin\") && ($.errorMessage = \"Failed authentication\") }"),

    /** CIS 4.7. */
    KMS_KEY_DISABLE_OR_DELETION("CloudWatch.7", "disabling or scheduled deletion of customer managed KMS keys",
            eventNames("kms.amazonaws.com", "DisableKey", "ScheduleKeyDeletion")),

    /** CIS 4.8. */
    S3_BUCKET_POLICY_CHANGES("CloudWatch.8", "S3 bucket policy changes",
            eventNames("s3.amazonaws.com", "PutBucketAcl", "PutBucketPolicy", "PutBucketCors", "PutBucketLifecycle",
                    "PutBucketReplication", "DeleteBucketPolicy", "DeleteBucketCors", "DeleteBucketLifecycle",
                    "DeleteBucketReplication")),

    /** CIS 4.9. */
    CONFIG_CHANGES("CloudWatch.9", "AWS Config configuration changes",
            eventNames("config.amazonaws.com", "StopConfigurationRecorder", "DeleteDeliveryChannel",
                    "PutDeliveryChannel", "PutConfigurationRecorder")),

    /** CIS 4.10. */
    SECURITY_GROUP_CHANGES("CloudWatch.10", "security group changes",
            eventNames("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress",
                    "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress", "CreateSecurityGroup",
                    "DeleteSecurityGroup")),

    /** CIS 4.11. */
    NETWORK_ACL_CHANGES("CloudWatch.11", "network ACL changes",
            eventNames("ec2.amazonaws.com", "CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl",
                    "DeleteNetworkAclEntry", "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation")),

    /** CIS 4.12. */
    NETWORK_GATEWAY_CHANGES("CloudWatch.12", "network gateway changes",
            eventNames("ec2.amazonaws.com", "CreateCustomerGateway", "DeleteCustomerGateway",
                    "AttachInternetGateway", "CreateInternetGateway", "DeleteInternetGateway",
                    "DetachInternetGateway")),

    /** CIS 4.13. */
    ROUTE_TABLE_CHANGES("CloudWatch.13", "route table changes",
            eventNames("ec2.amazonaws.com", "CreateRoute", "CreateRouteTable", "ReplaceRoute",
                    "ReplaceRouteTableAssociation", "DeleteRouteTable", "DeleteRoute", "DisassociateRouteTable")),

    /** CIS 4.14. */
    VPC_CHANGES("CloudWatch.14", "VPC changes",
            eventNames("ec2.amazonaws.com", "CreateVpc", "DeleteVpc", "ModifyVpcAttribute",
                    "AcceptVpcPeeringConnection", "CreateVpcPeeringConnection", "DeleteVpcPeeringConnection",
                    "RejectVpcPeeringConnection", "AttachClassicLinkVpc", "DetachClassicLinkVpc",
                    "DisableVpcClassicLink", "EnableVpcClassicLink")),

    /** CIS 4.15; AWS Security Hub has no control for it. */
    ORGANIZATIONS_CHANGES("CloudWatch.OrganizationsChanges", "AWS Organizations changes",
            eventNames("organizations.amazonaws.com", "AcceptHandshake", "AttachPolicy", "CreateAccount",
                    "CreateOrganizationalUnit", "CreatePolicy", "DeclineHandshake", "DeleteOrganization",
                    "DeleteOrganizationalUnit", "DeletePolicy", "DetachPolicy", "DisablePolicyType",
                    "EnablePolicyType", "InviteAccountToOrganization", "LeaveOrganization", "MoveAccount",
                    "RemoveAccountFromOrganization", "UpdatePolicy", "UpdateOrganizationalUnit"));

    private final String controlId;
    private final String description;
    private final List<String> referenceTexts;
    private final List<FilterPattern> references;

    MonitoredActivity(String controlId, String description, String... referenceTexts) {
        this.controlId = controlId;
        this.description = description;
        this.referenceTexts = List.of(referenceTexts);
        this.references = this.referenceTexts.stream().map(FilterPattern::of).toList();
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

    /** Returns whether a metric filter pattern catches this activity. */
    boolean matches(FilterPattern pattern) {
        return references.stream().anyMatch(pattern::covers);
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
