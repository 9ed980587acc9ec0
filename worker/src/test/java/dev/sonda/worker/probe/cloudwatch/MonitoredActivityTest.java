package dev.sonda.worker.probe.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.EnumSource;

class MonitoredActivityTest {

    private static boolean matches(MonitoredActivity activity, String pattern) {
        FilterPattern.Parsed parsed = FilterPattern.parse(pattern);
        assertThat(parsed.valid()).as("pattern %s parses: %s", pattern, parsed.invalidReason()).isTrue();
        return activity.matches(parsed.pattern());
    }

    private static String names(String... names) {
        return String.join(" || ", Arrays.stream(names).map(name -> "($.eventName = " + name + ")").toList());
    }

    @Test
    void everyControlHasOneActivity() {
        assertThat(Arrays.stream(MonitoredActivity.values()).map(MonitoredActivity::controlId))
                .containsExactlyElementsOf(CloudWatchChecks.CONTROLS);
    }

    @ParameterizedTest
    @EnumSource(MonitoredActivity.class)
    void referencePatternsMatchTheirOwnActivity(MonitoredActivity activity) {
        for (String reference : activity.referenceTexts()) {
            assertThat(matches(activity, reference)).as(reference).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(MonitoredActivity.class)
    void referencePatternsMatchNoOtherActivity(MonitoredActivity activity) {
        for (MonitoredActivity other : MonitoredActivity.values()) {
            if (other == activity) {
                continue;
            }
            for (String reference : other.referenceTexts()) {
                assertThat(matches(activity, reference)).as(other + " pattern for " + activity).isFalse();
            }
        }
    }

    static Stream<Arguments> publishedPatterns() {
        return Stream.of(
                Arguments.of(MonitoredActivity.ROOT_USAGE,
                        "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }"),
                Arguments.of(MonitoredActivity.ROOT_USAGE,
                        "{$.userIdentity.type=\"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !=\"AwsServiceEvent\"}"),
                Arguments.of(MonitoredActivity.UNAUTHORIZED_API_CALLS,
                        "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\") && ($.sourceIPAddress!=\"delivery.logs.amazonaws.com\") && ($.eventName!=\"HeadBucket\") }"),
                Arguments.of(MonitoredActivity.UNAUTHORIZED_API_CALLS,
                        "{($.errorCode=\"*UnauthorizedOperation\") || ($.errorCode=\"AccessDenied*\")}"),
                Arguments.of(MonitoredActivity.UNAUTHORIZED_API_CALLS,
                        "{ (($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\")) && ($.sourceIPAddress != \"delivery.logs.amazonaws.com\") && ($.eventName != \"HeadBucket\") }"),
                Arguments.of(MonitoredActivity.CONSOLE_SIGN_IN_WITHOUT_MFA,
                        "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") }"),
                Arguments.of(MonitoredActivity.CONSOLE_SIGN_IN_WITHOUT_MFA,
                        "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") && ($.userIdentity.type = \"IAMUser\") && ($.responseElements.ConsoleLogin = \"Success\") }"),
                Arguments.of(MonitoredActivity.CONSOLE_SIGN_IN_WITHOUT_MFA,
                        "{ ($.responseElements.ConsoleLogin = \"Success\") && ($.userIdentity.type = \"IAMUser\") && ($.eventName = ConsoleLogin) && ($.additionalEventData.MFAUsed != Yes) }"),
                Arguments.of(MonitoredActivity.CONSOLE_AUTHENTICATION_FAILURES,
                        "{ ($.eventName = ConsoleLogin) && ($.errorMessage = \"Failed authentication\") }"),
                Arguments.of(MonitoredActivity.KMS_KEY_DISABLE_OR_DELETION,
                        "{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }"),
                Arguments.of(MonitoredActivity.KMS_KEY_DISABLE_OR_DELETION,
                        "{ ($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion) }"),
                Arguments.of(MonitoredActivity.CONFIG_CHANGES,
                        "{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel)||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }"));
    }

    /** The patterns CIS v5.0.0 and the AWS Security Hub documentation give, as operators paste them. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("publishedPatterns")
    void publishedPatternsMatch(MonitoredActivity activity, String pattern) {
        assertThat(matches(activity, pattern)).isTrue();
    }

    @Test
    void eventNameListsMatch() {
        assertThat(matches(MonitoredActivity.IAM_POLICY_CHANGES, "{ " + names("DeleteGroupPolicy", "DeleteRolePolicy",
                "DeleteUserPolicy", "PutGroupPolicy", "PutRolePolicy", "PutUserPolicy", "CreatePolicy", "DeletePolicy",
                "CreatePolicyVersion", "DeletePolicyVersion", "AttachRolePolicy", "DetachRolePolicy", "AttachUserPolicy",
                "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy") + " }")).isTrue();
        assertThat(matches(MonitoredActivity.IAM_POLICY_CHANGES, "{ ($.eventSource = iam.amazonaws.com) && ("
                + names("DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy", "PutRolePolicy",
                        "PutUserPolicy", "CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion",
                        "SetDefaultPolicyVersion", "AttachRolePolicy", "DetachRolePolicy", "AttachUserPolicy",
                        "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy") + ") }")).isTrue();
        assertThat(matches(MonitoredActivity.CLOUDTRAIL_CHANGES,
                "{ " + names("CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging") + " }")).isTrue();
        assertThat(matches(MonitoredActivity.S3_BUCKET_POLICY_CHANGES, "{ ($.eventSource = s3.amazonaws.com) && ("
                + names("PutBucketAcl", "PutBucketPolicy", "PutBucketCors", "PutBucketLifecycle", "PutBucketReplication",
                        "DeleteBucketPolicy", "DeleteBucketCors", "DeleteBucketLifecycle", "DeleteBucketReplication")
                + ") }")).isTrue();
        assertThat(matches(MonitoredActivity.SECURITY_GROUP_CHANGES, "{ " + names("AuthorizeSecurityGroupIngress",
                "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress",
                "CreateSecurityGroup", "DeleteSecurityGroup") + " }")).isTrue();
        assertThat(matches(MonitoredActivity.NETWORK_ACL_CHANGES, "{ " + names("CreateNetworkAcl",
                "CreateNetworkAclEntry", "DeleteNetworkAcl", "DeleteNetworkAclEntry", "ReplaceNetworkAclEntry",
                "ReplaceNetworkAclAssociation") + " }")).isTrue();
        assertThat(matches(MonitoredActivity.NETWORK_GATEWAY_CHANGES, "{ " + names("CreateCustomerGateway",
                "DeleteCustomerGateway", "AttachInternetGateway", "CreateInternetGateway", "DeleteInternetGateway",
                "DetachInternetGateway") + " }")).isTrue();
        assertThat(matches(MonitoredActivity.ROUTE_TABLE_CHANGES, "{ " + names("CreateRoute", "CreateRouteTable",
                "ReplaceRoute", "ReplaceRouteTableAssociation", "DeleteRouteTable", "DeleteRoute",
                "DisassociateRouteTable") + " }")).isTrue();
        assertThat(matches(MonitoredActivity.VPC_CHANGES, "{ " + names("CreateVpc", "DeleteVpc", "ModifyVpcAttribute",
                "AcceptVpcPeeringConnection", "CreateVpcPeeringConnection", "DeleteVpcPeeringConnection",
                "RejectVpcPeeringConnection", "AttachClassicLinkVpc", "DetachClassicLinkVpc", "DisableVpcClassicLink",
                "EnableVpcClassicLink") + " }")).isTrue();
        assertThat(matches(MonitoredActivity.ORGANIZATIONS_CHANGES, "{ ($.eventSource = organizations.amazonaws.com) && ("
                + names("AcceptHandshake", "AttachPolicy", "CreateAccount", "CreateOrganizationalUnit", "CreatePolicy",
                        "DeclineHandshake", "DeleteOrganization", "DeleteOrganizationalUnit", "DeletePolicy",
                        "DetachPolicy", "DisablePolicyType", "EnablePolicyType", "InviteAccountToOrganization",
                        "LeaveOrganization", "MoveAccount", "RemoveAccountFromOrganization", "UpdatePolicy",
                        "UpdateOrganizationalUnit") + ") }")).isTrue();
    }

    @Test
    void shuffledEventNamesMatch() {
        assertThat(matches(MonitoredActivity.CLOUDTRAIL_CHANGES,
                "{($.eventName=StopLogging)||($.eventName=StartLogging)||($.eventName=DeleteTrail)"
                        + "||($.eventName=UpdateTrail)||($.eventName=CreateTrail)}")).isTrue();
    }

    static Stream<Arguments> nearMisses() {
        return Stream.of(
                Arguments.of(MonitoredActivity.ROOT_USAGE,
                        "{ $.userIdentity.type = \"root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }"),
                Arguments.of(MonitoredActivity.ROOT_USAGE,
                        "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType = \"AwsApiCall\" }"),
                Arguments.of(MonitoredActivity.UNAUTHORIZED_API_CALLS,
                        "{ $.errorCode = \"AccessDenied*\" }"),
                Arguments.of(MonitoredActivity.UNAUTHORIZED_API_CALLS,
                        "{ ($.errorCode = \"*UnauthorizedOperation\") && ($.errorCode = \"AccessDenied*\") }"),
                Arguments.of(MonitoredActivity.CONSOLE_SIGN_IN_WITHOUT_MFA,
                        "{ $.eventName = \"ConsoleLogin\" && $.additionalEventData.MFAUsed = \"No\" }"),
                Arguments.of(MonitoredActivity.CONSOLE_SIGN_IN_WITHOUT_MFA,
                        "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") && ($.userIdentity.type = \"Root\") }"),
                Arguments.of(MonitoredActivity.CONSOLE_AUTHENTICATION_FAILURES,
                        "{ ($.eventName = ConsoleLogin) && ($.errorMessage = \"Failed*\") }"),
                Arguments.of(MonitoredActivity.KMS_KEY_DISABLE_OR_DELETION,
                        "{ ($.eventSource = kms.amazonaws.com) && ($.eventName = DisableKey) }"),
                Arguments.of(MonitoredActivity.KMS_KEY_DISABLE_OR_DELETION,
                        "{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }"),
                Arguments.of(MonitoredActivity.CONFIG_CHANGES,
                        "{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel)||($.eventName=PutDeliveryChannel)) }"),
                Arguments.of(MonitoredActivity.CLOUDTRAIL_CHANGES,
                        "ConsoleLogin"),
                Arguments.of(MonitoredActivity.CLOUDTRAIL_CHANGES,
                        "{ $.eventName = \"*Trail\" || $.eventName = \"*Logging\" }"));
    }

    /**
     * Filters that keep only optional comparisons of a reference pattern. Each matches every event of the activity,
     * but also far more, and none states the condition that defines the activity.
     */
    static Stream<Arguments> onlyOptionalConditions() {
        return Stream.of(
                Arguments.of(MonitoredActivity.UNAUTHORIZED_API_CALLS, "{ $.eventName != \"HeadBucket\" }"),
                Arguments.of(MonitoredActivity.UNAUTHORIZED_API_CALLS,
                        "{ $.sourceIPAddress != \"delivery.logs.amazonaws.com\" && $.eventName != \"HeadBucket\" }"),
                Arguments.of(MonitoredActivity.ROOT_USAGE, "{ $.userIdentity.invokedBy NOT EXISTS }"),
                Arguments.of(MonitoredActivity.ROOT_USAGE,
                        "{ $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }"),
                Arguments.of(MonitoredActivity.CONSOLE_SIGN_IN_WITHOUT_MFA, "{ $.eventName = \"ConsoleLogin\" }"),
                Arguments.of(MonitoredActivity.CONSOLE_SIGN_IN_WITHOUT_MFA,
                        "{ $.additionalEventData.MFAUsed != \"Yes\" }"),
                Arguments.of(MonitoredActivity.CONSOLE_SIGN_IN_WITHOUT_MFA,
                        "{ ($.eventName = \"ConsoleLogin\") && ($.userIdentity.type = \"IAMUser\") }"),
                Arguments.of(MonitoredActivity.CONSOLE_AUTHENTICATION_FAILURES, "{ $.eventName = \"ConsoleLogin\" }"),
                Arguments.of(MonitoredActivity.CONSOLE_AUTHENTICATION_FAILURES,
                        "{ $.errorMessage = \"Failed authentication\" }"),
                Arguments.of(MonitoredActivity.KMS_KEY_DISABLE_OR_DELETION, "{ $.eventSource = kms.amazonaws.com }"),
                Arguments.of(MonitoredActivity.SECURITY_GROUP_CHANGES, "{ $.eventSource = \"ec2.amazonaws.com\" }"),
                Arguments.of(MonitoredActivity.NETWORK_ACL_CHANGES, "{ $.eventSource = \"ec2.amazonaws.com\" }"),
                Arguments.of(MonitoredActivity.NETWORK_GATEWAY_CHANGES, "{ $.eventSource = \"ec2.amazonaws.com\" }"),
                Arguments.of(MonitoredActivity.ROUTE_TABLE_CHANGES, "{ $.eventSource = \"ec2.amazonaws.com\" }"),
                Arguments.of(MonitoredActivity.VPC_CHANGES, "{ $.eventSource = \"ec2.amazonaws.com\" }"),
                Arguments.of(MonitoredActivity.ORGANIZATIONS_CHANGES,
                        "{ $.eventSource = \"organizations.amazonaws.com\" }"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("onlyOptionalConditions")
    void onlyOptionalConditionsDoNotMatch(MonitoredActivity activity, String pattern) {
        assertThat(matches(activity, pattern)).isFalse();
    }

    /** Filters that drop optional comparisons only: they raise more alarms, and still catch the whole activity. */
    static Stream<Arguments> droppedOptionalConditions() {
        return Stream.of(
                Arguments.of(MonitoredActivity.ROOT_USAGE, "{ $.userIdentity.type = \"Root\" }"),
                Arguments.of(MonitoredActivity.ROOT_USAGE,
                        "{ $.userIdentity.type = \"Root\" && $.eventType != \"AwsServiceEvent\" }"),
                Arguments.of(MonitoredActivity.UNAUTHORIZED_API_CALLS,
                        "{ ($.errorCode = \"*UnauthorizedOperation\" || $.errorCode = \"AccessDenied*\")"
                                + " && $.eventName != \"HeadBucket\" }"),
                Arguments.of(MonitoredActivity.CONSOLE_SIGN_IN_WITHOUT_MFA,
                        "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\")"
                                + " && ($.userIdentity.type = \"IAMUser\") }"),
                Arguments.of(MonitoredActivity.VPC_CHANGES, "{ " + names("CreateVpc", "DeleteVpc",
                        "ModifyVpcAttribute", "AcceptVpcPeeringConnection", "CreateVpcPeeringConnection",
                        "DeleteVpcPeeringConnection", "RejectVpcPeeringConnection", "AttachClassicLinkVpc",
                        "DetachClassicLinkVpc", "DisableVpcClassicLink", "EnableVpcClassicLink") + " }"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("droppedOptionalConditions")
    void droppedOptionalConditionsMatch(MonitoredActivity activity, String pattern) {
        assertThat(matches(activity, pattern)).isTrue();
    }

    @Test
    void eventSourceIsOptional() {
        assertThat(MonitoredActivity.VPC_CHANGES.optionalComparisons())
                .containsExactly(new FilterPattern.Comparison("$.eventSource", "=", "ec2.amazonaws.com"));
        assertThat(MonitoredActivity.UNAUTHORIZED_API_CALLS.optionalComparisons()).containsExactlyInAnyOrder(
                new FilterPattern.Comparison("$.sourceIPAddress", "!=", "delivery.logs.amazonaws.com"),
                new FilterPattern.Comparison("$.eventName", "!=", "HeadBucket"));
        assertThat(MonitoredActivity.CONSOLE_AUTHENTICATION_FAILURES.optionalComparisons()).isEmpty();
    }

    /** Patterns that look right but let some of the activity through unnoticed. */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("nearMisses")
    void nearMissesDoNotMatch(MonitoredActivity activity, String pattern) {
        FilterPattern.Parsed parsed = FilterPattern.parse(pattern);

        assertThat(parsed.valid() && activity.matches(parsed.pattern())).isFalse();
    }

    @Test
    void missingOneEventNameDoesNotMatch() {
        List<String> all = List.of("CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "AcceptVpcPeeringConnection",
                "CreateVpcPeeringConnection", "DeleteVpcPeeringConnection", "RejectVpcPeeringConnection",
                "AttachClassicLinkVpc", "DetachClassicLinkVpc", "DisableVpcClassicLink", "EnableVpcClassicLink");
        for (String dropped : all) {
            String[] kept = all.stream().filter(name -> !name.equals(dropped)).toArray(String[]::new);

            assertThat(matches(MonitoredActivity.VPC_CHANGES, "{ " + names(kept) + " }")).as("without " + dropped).isFalse();
        }
    }

    @Test
    void forControlFindsActivity() {
        assertThat(MonitoredActivity.forControl("CloudWatch.1")).contains(MonitoredActivity.ROOT_USAGE);
        assertThat(MonitoredActivity.forControl("CloudWatch.OrganizationsChanges"))
                .contains(MonitoredActivity.ORGANIZATIONS_CHANGES);
        assertThat(MonitoredActivity.forControl("SQS.1")).isEmpty();
    }
}
