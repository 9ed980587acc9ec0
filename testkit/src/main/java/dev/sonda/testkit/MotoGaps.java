package dev.sonda.testkit;

import static dev.sonda.testkit.ResponseBodies.appendElement;
import static dev.sonda.testkit.ResponseBodies.appendText;
import static dev.sonda.testkit.ResponseBodies.child;
import static dev.sonda.testkit.ResponseBodies.firstElement;
import static dev.sonda.testkit.ResponseBodies.parseXml;
import static dev.sonda.testkit.ResponseBodies.writeXml;

import dev.sonda.testkit.proxy.FaultRule;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Fixtures for AWS states that moto cannot hold, each a {@link FaultRule} to add to the
 * {@code FaultProxy} in front of moto. Every fixture documents the state it supplies and why moto
 * cannot reach that state through its own API; a fixture is a declared part of a test's estate,
 * never a silent patch.
 *
 * <p>Facts about moto refer to moto 5.2.1, the version these fixtures were checked against.
 */
public final class MotoGaps {

    private MotoGaps() {
    }

    /**
     * Supplies a root user with a password and MFA enabled: IAM {@code GetAccountSummary} returns
     * {@code AccountMFAEnabled=1} and {@code AccountPasswordPresent=1} for the account.
     *
     * <p>moto does not model the root user. Its {@code GetAccountSummary} hard-codes
     * {@code AccountMFAEnabled=0}, has no {@code AccountPasswordPresent} entry, and no API call
     * changes either.
     */
    public static FaultRule rootMfaEnabled(String accountId) {
        return accountSummary(accountId, "rootMfaEnabled", orderedMap(
                "AccountMFAEnabled", 1,
                "AccountPasswordPresent", 1));
    }

    /**
     * Supplies a root user with a password and no MFA: {@code GetAccountSummary} returns
     * {@code AccountMFAEnabled=0} and {@code AccountPasswordPresent=1}.
     *
     * <p>moto already returns {@code AccountMFAEnabled=0}, but it omits
     * {@code AccountPasswordPresent}, so without this fixture a check cannot tell "root has a
     * password and no MFA" from "root has no credentials".
     */
    public static FaultRule rootMfaDisabled(String accountId) {
        return accountSummary(accountId, "rootMfaDisabled", orderedMap(
                "AccountMFAEnabled", 0,
                "AccountPasswordPresent", 1));
    }

    /**
     * Supplies a member account whose root user has no credentials, as under IAM's centralized
     * root access for AWS Organizations member accounts: {@code GetAccountSummary} returns
     * {@code AccountPasswordPresent=0}, {@code AccountAccessKeysPresent=0},
     * {@code AccountSigningCertificatesPresent=0} and {@code AccountMFAEnabled=0}.
     *
     * <p>moto models neither the root user nor centralized root access, and it omits
     * {@code AccountPasswordPresent}, which AWS reports as 0 only when root has no password.
     */
    public static FaultRule rootWithoutCredentials(String accountId) {
        return accountSummary(accountId, "rootWithoutCredentials", orderedMap(
                "AccountPasswordPresent", 0,
                "AccountAccessKeysPresent", 0,
                "AccountSigningCertificatesPresent", 0,
                "AccountMFAEnabled", 0));
    }

    /**
     * Supplies a service control policy of AWS Organizations that denies one operation in one
     * account and region: every such call gets the protocol's access-denied error
     * ({@code AccessDenied} for SQS, IAM and STS, {@code AccessDeniedException} for JSON services).
     *
     * <p>moto does not evaluate service control policies, and it accepts every call regardless of
     * IAM policies unless its IAM authorization mode is on, which would deny far more than one call.
     *
     * @param service the SigV4 signing name, for example {@code sqs}
     * @param operation the denied operation, for example {@code GetQueueAttributes}
     * @param region the region the denial applies in, or {@code null} for every region
     */
    public static FaultRule scpDenies(String accountId, String service, String operation, String region) {
        String where = region == null ? "every region" : region;
        return FaultRule.service(service)
                .operation(operation)
                .account(accountId)
                .region(region)
                .description("MotoGaps.scpDenies: an SCP denies " + service + ":" + operation
                        + " in account " + accountId + ", " + where)
                .accessDenied();
    }

    /**
     * Gives CloudTrail trails the event selector AWS gives every new trail. When moto's response to
     * {@code GetEventSelectors} has no selector, the proxy returns one basic selector logging all
     * management events, reads and writes, and no data events. Responses with selectors pass
     * unchanged.
     *
     * <p>moto 5.2.1 returns empty {@code EventSelectors} and {@code AdvancedEventSelectors} for a
     * trail until {@code PutEventSelectors} is called on it, a state AWS never reports.
     *
     * @param accountId the account whose trails get the default, or {@code null} for every account
     */
    public static FaultRule defaultEventSelectors(String accountId) {
        return FaultRule.service("cloudtrail")
                .operation("GetEventSelectors")
                .account(accountId)
                .description("MotoGaps.defaultEventSelectors(" + (accountId == null ? "every account" : accountId)
                        + "): GetEventSelectors of a trail without selectors returns AWS's default selector")
                .rewrite(JsonRewrites::withDefaultEventSelectors);
    }

    /**
     * Supplies a trail's delivery to CloudWatch Logs: {@code GetTrailStatus} in the account reports
     * {@code LatestCloudWatchLogsDeliveryTime} {@code age} before each request and
     * {@code LatestCloudWatchLogsDeliveryError} {@code deliveryError}, for every trail of the account.
     *
     * <p>moto 5.2.1 reports neither field, whatever the trail's log group and role, because it
     * delivers nothing to CloudWatch Logs.
     *
     * @param age how long before the request the last delivery was, or {@code null} for none
     * @param deliveryError an error code such as {@code AccessDeniedException}, or {@code null} for none
     */
    public static FaultRule cloudWatchLogsDelivery(String accountId, Duration age, String deliveryError) {
        String delivered = age == null ? "no delivery" : "a delivery " + age + " ago";
        String error = deliveryError == null ? "no error" : "the error " + deliveryError;
        return FaultRule.service("cloudtrail")
                .operation("GetTrailStatus")
                .account(accountId)
                .description("MotoGaps.cloudWatchLogsDelivery(" + accountId + "): GetTrailStatus reports "
                        + delivered + " to CloudWatch Logs and " + error)
                .rewrite(body -> JsonRewrites.withCloudWatchLogsDelivery(body,
                        age == null ? null : Instant.now().minus(age), deliveryError));
    }

    /**
     * Supplies a service control policy that denies S3 Control's {@code GetPublicAccessBlock}
     * (IAM action {@code s3:GetAccountPublicAccessBlock}) in the account: the call gets HTTP 403
     * {@code AccessDenied} in S3 Control's error format.
     *
     * <p>moto does not evaluate service control policies, and {@link #scpDenies} cannot name this
     * call, because S3 Control requests, signed as {@code s3}, carry no operation name. The proxy's
     * own access-denied response does not fit either: S3 Control nests its error in
     * {@code <ErrorResponse>}, where S3 sends a bare {@code <Error>}, and the SDK reads no error code
     * from the S3 form.
     */
    public static FaultRule scpDeniesAccountPublicAccessBlock(String accountId) {
        return FaultRule.service("s3")
                .account(accountId)
                .when(request -> request.method().equals("GET")
                        && request.path().equals("/v20180820/configuration/publicAccessBlock"))
                .description("MotoGaps.scpDeniesAccountPublicAccessBlock(" + accountId + "): an SCP denies"
                        + " s3:GetAccountPublicAccessBlock")
                .respond(403, "application/xml", "<ErrorResponse><Error><Code>AccessDenied</Code><Message>Access"
                        + " Denied</Message></Error><RequestId>sonda-testkit-scp</RequestId></ErrorResponse>");
    }

    /**
     * Supplies a multi-Region organization trail that the organization's management account owns,
     * as a member account lists it: {@code DescribeTrails} in the member account returns the trail
     * {@code arn:aws:cloudtrail:<homeRegion>:<ownerAccountId>:trail/<trailName>} with
     * {@code IsOrganizationTrail} and log file validation on, in every region when shadow trails
     * are included and in its home region otherwise.
     *
     * <p>moto keeps each account's trails apart and does not model AWS Organizations trails, so a
     * trail created in one account never appears in another.
     */
    public static FaultRule organizationTrail(String memberAccountId, String ownerAccountId, String homeRegion,
            String trailName, String bucketName) {
        return FaultRule.service("cloudtrail")
                .operation("DescribeTrails")
                .account(memberAccountId)
                .when(request -> homeRegion.equals(request.region())
                        || !request.body().replace(" ", "").contains("\"includeShadowTrails\":false"))
                .description("MotoGaps.organizationTrail(" + memberAccountId + "): DescribeTrails lists organization"
                        + " trail " + trailName + " of account " + ownerAccountId + ", home region " + homeRegion)
                .rewrite(body -> JsonRewrites.withOrganizationTrail(body, ownerAccountId, homeRegion, trailName,
                        bucketName));
    }

    /**
     * Supplies an AWS Config configuration recorder whose last recording attempt failed:
     * {@code DescribeConfigurationRecorderStatus} reports {@code lastStatus=FAILURE} with
     * {@code lastErrorCode} for every recorder of the account in the region.
     *
     * <p>moto 5.2.1 reports {@code PENDING} after {@code StartConfigurationRecorder} and never
     * reaches {@code SUCCESS} or {@code FAILURE}, because it does not deliver configuration items.
     */
    public static FaultRule configRecorderFailed(String accountId, String region, String errorCode) {
        return FaultRule.service("config")
                .operation("DescribeConfigurationRecorderStatus")
                .account(accountId)
                .region(region)
                .description("MotoGaps.configRecorderFailed(" + accountId + ", " + region
                        + "): the configuration recorder's last status is FAILURE with " + errorCode)
                .rewrite(body -> JsonRewrites.withRecorderFailure(body, errorCode,
                        "The configuration recorder failed with " + errorCode + "."));
    }

    /**
     * Presents KMS keys as AWS managed: {@code DescribeKey} in the account and region reports
     * {@code KeyManager=AWS} for every key whose description is {@code description}, as for the
     * keys AWS services create for an account ({@code alias/aws/s3} and the like). Other keys pass
     * unchanged.
     *
     * <p>moto 5.2.1 lists no AWS managed key in {@code ListKeys}, and {@code DescribeKey} of an
     * {@code alias/aws/...} alias creates a key that reports {@code KeyManager=CUSTOMER}. Create a
     * key with {@code CreateKey} and this description instead; the description, not the key id,
     * identifies it, because moto chooses key ids at random.
     */
    public static FaultRule awsManagedKeys(String accountId, String region, String description) {
        return FaultRule.service("kms")
                .operation("DescribeKey")
                .account(accountId)
                .region(region)
                .description("MotoGaps.awsManagedKeys(" + accountId + ", " + region + "): DescribeKey reports"
                        + " KeyManager AWS for keys described as '" + description + "'")
                .rewrite(body -> JsonRewrites.withKeyManager(body, description, "AWS"));
    }

    /**
     * One IAM Access Analyzer analyzer for {@link #accessAnalyzers}.
     *
     * @param type {@code ACCOUNT}, {@code ORGANIZATION}, {@code ACCOUNT_UNUSED_ACCESS}, ...
     * @param status {@code ACTIVE}, {@code CREATING}, {@code DISABLED} or {@code FAILED}
     */
    public record AccessAnalyzer(String name, String type, String status, Map<String, String> tags) {

        public AccessAnalyzer {
            tags = Map.copyOf(tags);
        }
    }

    /**
     * Supplies the IAM Access Analyzer analyzers of one account and region: {@code ListAnalyzers}
     * returns exactly {@code analyzers} (none when empty), without calling moto. The fixture
     * handles no other Access Analyzer operation.
     *
     * <p>moto 5.2.1 has no Access Analyzer backend: every request to the service fails with HTTP
     * 500.
     */
    public static FaultRule accessAnalyzers(String accountId, String region, AccessAnalyzer... analyzers) {
        List<JsonRewrites.Analyzer> list = Arrays.stream(analyzers)
                .map(analyzer -> new JsonRewrites.Analyzer("arn:aws:access-analyzer:" + region + ":" + accountId
                        + ":analyzer/" + analyzer.name(), analyzer.name(), analyzer.type(), analyzer.status(),
                        Instant.parse("2026-01-05T09:00:00Z"), analyzer.tags()))
                .toList();
        return FaultRule.service("access-analyzer")
                .operation("ListAnalyzers")
                .account(accountId)
                .region(region)
                .description("MotoGaps.accessAnalyzers(" + accountId + ", " + region + "): ListAnalyzers returns "
                        + list.stream().map(JsonRewrites.Analyzer::name).toList())
                .respond(200, "application/json", JsonRewrites.listAnalyzersResponse(list));
    }

    /** The {@code user} of the root user's row in the IAM credential report. */
    public static final String ROOT_USER = "<root_account>";

    /**
     * Supplies credential report states moto cannot reach: {@code GetCredentialReport} in the
     * account returns moto's report with the given columns changed. Each key of {@code rows} is a
     * user name and its map sets columns of that row (for example {@code access_key_1_last_rotated}
     * to a date 120 days ago); the key {@link #ROOT_USER} adds the root user's row when missing.
     * Users other than root must exist in moto.
     *
     * <p>moto 5.2.1 writes no root row, stamps every key and password with the time of the create
     * call (no API back-dates them), and never records a last use.
     */
    public static FaultRule credentialReport(String accountId, Map<String, Map<String, String>> rows) {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        rows.forEach((user, columns) -> copy.put(user, Map.copyOf(columns)));
        return FaultRule.service("iam")
                .operation("GetCredentialReport")
                .account(accountId)
                .description("MotoGaps.credentialReport(" + accountId + "): credential report rows " + copy.keySet()
                        + " changed")
                .rewrite(body -> IamRewrites.withCredentialReportRows(body, accountId, copy));
    }

    /**
     * Supplies a root user whose MFA is a virtual device: {@code ListVirtualMFADevices} in the
     * account lists {@code arn:aws:iam::<account>:mfa/root-account-mfa-device}, assigned to
     * {@code arn:aws:iam::<account>:root}. Combine it with {@link #rootMfaEnabled}.
     *
     * <p>moto 5.2.1 does not model the root user, so no device can be assigned to it.
     */
    public static FaultRule rootVirtualMfaDevice(String accountId) {
        return FaultRule.service("iam")
                .operation("ListVirtualMFADevices")
                .account(accountId)
                .description("MotoGaps.rootVirtualMfaDevice(" + accountId + "): a virtual MFA device is assigned"
                        + " to root")
                .rewrite(body -> IamRewrites.withRootVirtualMfaDevice(body, accountId));
    }

    /**
     * An AWS managed policy attached to a user, group or role, for {@link #awsManagedPolicies}.
     *
     * @param entityType {@code User}, {@code Group} or {@code Role}
     * @param document the policy's default version as JSON
     */
    public record AwsManagedAttachment(String entityType, String entityName, String policyName, String document) {

        public AwsManagedAttachment {
            if (!List.of("User", "Group", "Role").contains(entityType)) {
                throw new IllegalArgumentException("entityType must be User, Group or Role, was " + entityType);
            }
        }

        /** AdministratorAccess: Allow "*" on "*". */
        public static AwsManagedAttachment administratorAccess(String entityType, String entityName) {
            return new AwsManagedAttachment(entityType, entityName, "AdministratorAccess", allowAll("*"));
        }

        /** AWSSupportAccess: Allow "support:*" on "*". */
        public static AwsManagedAttachment supportAccess(String entityType, String entityName) {
            return new AwsManagedAttachment(entityType, entityName, "AWSSupportAccess", allowAll("support:*"));
        }

        /** AWSCloudShellFullAccess: Allow "cloudshell:*" on "*" (AWS's version also allows two read actions). */
        public static AwsManagedAttachment cloudShellFullAccess(String entityType, String entityName) {
            return new AwsManagedAttachment(entityType, entityName, "AWSCloudShellFullAccess",
                    allowAll("cloudshell:*"));
        }

        public String policyArn() {
            return "arn:aws:iam::aws:policy/" + policyName;
        }

        private static String allowAll(String action) {
            return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action
                    + "\",\"Resource\":\"*\"}]}";
        }
    }

    /**
     * Supplies AWS managed policies attached to identities of the account: the
     * {@code GetAccountAuthorizationDetails} pages list the attachments,
     * {@code ListPolicies(Scope=AWS)} lists the attached policies, and {@code GetPolicyVersion}
     * returns each policy's document. The users, groups and roles must exist in moto.
     *
     * <p>moto 5.2.1 loads AWS managed policies only when started with
     * {@code MOTO_IAM_LOAD_MANAGED_POLICIES=true}, and then loads about 1,500 policies into every
     * account on its first STS or IAM call (0.6 s per account measured on a 2-core machine), too
     * slow for the test and demo estates.
     *
     * @return three rules, to install together and in this order
     */
    public static List<FaultRule> awsManagedPolicies(String accountId, AwsManagedAttachment... attachments) {
        List<AwsManagedAttachment> list = List.of(attachments);
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String> documents = new LinkedHashMap<>();
        for (AwsManagedAttachment attachment : list) {
            counts.merge(attachment.policyName(), 1, Integer::sum);
            documents.put(attachment.policyName(), attachment.document());
        }
        String names = String.join(", ", counts.keySet());
        List<FaultRule> rules = new java.util.ArrayList<>();
        rules.add(FaultRule.service("iam")
                .operation("GetAccountAuthorizationDetails")
                .account(accountId)
                .description("MotoGaps.awsManagedPolicies(" + accountId + "): identities have " + names + " attached")
                .rewrite(body -> IamRewrites.withAttachedAwsManagedPolicies(body, list)));
        rules.add(FaultRule.service("iam")
                .operation("ListPolicies")
                .account(accountId)
                .when(request -> request.body().contains("Scope=AWS"))
                .description("MotoGaps.awsManagedPolicies(" + accountId + "): ListPolicies(Scope=AWS) lists " + names)
                .respond(200, "text/xml", IamRewrites.listPoliciesResponse(counts)));
        documents.forEach((name, document) -> rules.add(FaultRule.service("iam")
                .operation("GetPolicyVersion")
                .account(accountId)
                .when(request -> request.body().contains(java.net.URLEncoder.encode("arn:aws:iam::aws:policy/" + name,
                        java.nio.charset.StandardCharsets.UTF_8)))
                .description("MotoGaps.awsManagedPolicies(" + accountId + "): GetPolicyVersion of " + name)
                .respond(200, "text/xml", IamRewrites.getPolicyVersionResponse(document))));
        return List.copyOf(rules);
    }

    /**
     * Supplies a server certificate that is still valid, or expired at a chosen time:
     * {@code ListServerCertificates} in the account reports {@code expiration} for the named
     * certificate.
     *
     * <p>moto 5.2.1 reports the same {@code Expiration}, 2012-05-08, for every uploaded
     * certificate, whatever the certificate body contains.
     */
    public static FaultRule serverCertificateExpiration(String accountId, String certificateName, Instant expiration) {
        return FaultRule.service("iam")
                .operation("ListServerCertificates")
                .account(accountId)
                .description("MotoGaps.serverCertificateExpiration(" + accountId + "): " + certificateName
                        + " expires at " + expiration)
                .rewrite(body -> IamRewrites.withCertificateExpiration(body, certificateName, expiration));
    }

    /**
     * Supplies the account's primary contact: {@code GetContactInformation} returns
     * {@code fields} (AWS's field names, such as {@code fullName} and {@code phoneNumber}) without
     * calling moto.
     *
     * <p>moto 5.2.1 implements only the alternate contact operations of Account Management; it
     * has no primary contact.
     */
    public static FaultRule contactInformation(String accountId, Map<String, String> fields) {
        StringBuilder json = new StringBuilder("{\"ContactInformation\":{");
        String separator = "";
        for (Map.Entry<String, String> field : new java.util.TreeMap<>(fields).entrySet()) {
            String name = Character.toUpperCase(field.getKey().charAt(0)) + field.getKey().substring(1);
            json.append(separator).append('"').append(name).append("\":\"")
                    .append(field.getValue().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            separator = ",";
        }
        json.append("}}");
        return FaultRule.service("account")
                .operation("GetContactInformation")
                .account(accountId)
                .description("MotoGaps.contactInformation(" + accountId + "): primary contact with fields "
                        + new java.util.TreeSet<>(fields.keySet()))
                .respond(200, "application/json", json.toString());
    }

    /**
     * Supplies an account without primary contact information: {@code GetContactInformation}
     * fails with {@code ResourceNotFoundException} (HTTP 404), as AWS responds then.
     *
     * <p>moto 5.2.1 has no primary contact operations (see {@link #contactInformation}).
     */
    public static FaultRule noContactInformation(String accountId) {
        return FaultRule.service("account")
                .operation("GetContactInformation")
                .account(accountId)
                .description("MotoGaps.noContactInformation(" + accountId + "): no primary contact")
                .respond(404, "application/json", "{\"__type\":\"ResourceNotFoundException\","
                        + "\"message\":\"No contact information found for this account.\"}");
    }

    /**
     * Supplies SNS subscriptions that await confirmation: {@code ListSubscriptionsByTopic} for the topic reports
     * every subscription with the SubscriptionArn {@code PendingConfirmation}, as AWS does until an email or HTTP
     * endpoint confirms the subscription.
     *
     * <p>moto 5.2.1 confirms every subscription when it is created, whatever its protocol.
     */
    public static FaultRule snsSubscriptionsPendingConfirmation(String accountId, String topicArn) {
        return FaultRule.service("sns")
                .operation("ListSubscriptionsByTopic")
                .account(accountId)
                .when(request -> topicArn.equals(request.formParameter("TopicArn")))
                .description("MotoGaps.snsSubscriptionsPendingConfirmation(" + accountId + ", " + topicArn
                        + "): every subscription is pending confirmation")
                .rewrite(MonitoringRewrites::withPendingSubscriptions);
    }

    /**
     * Supplies the standards a Security Hub hub has enabled: {@code GetEnabledStandards} in the account and region
     * returns a READY subscription to each of {@code standardsArns}, for example
     * {@code arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0}.
     *
     * <p>moto 5.2.1 has no {@code GetEnabledStandards} route and returns HTTP 404 for it.
     */
    public static FaultRule securityHubStandards(String accountId, String region, String... standardsArns) {
        List<String> standards = List.of(standardsArns);
        return FaultRule.service("securityhub")
                .operation("GetEnabledStandards")
                .account(accountId)
                .region(region)
                .description("MotoGaps.securityHubStandards(" + accountId + ", " + region + "): " + standards.size()
                        + " standards enabled")
                .respond(200, "application/json",
                        MonitoringRewrites.enabledStandardsResponse(accountId, region, standards));
    }

    /**
     * Supplies an account that has not enabled Macie in a region: every Macie call there fails with HTTP 403
     * {@code AccessDeniedException} and the message "Macie is not enabled.", as AWS answers such an account.
     *
     * <p>moto 5.2.1 gives every account an ENABLED Macie session in every region, and after
     * {@code DisableMacie} it answers {@code GetMacieSession} with {@code ResourceNotFoundException} instead.
     */
    public static FaultRule macieNotEnabled(String accountId, String region) {
        return FaultRule.service("macie2")
                .account(accountId)
                .region(region)
                .description("MotoGaps.macieNotEnabled(" + accountId + ", " + region + "): Macie is not enabled")
                .respond(403, "application/json", MonitoringRewrites.macieNotEnabledError());
    }

    /**
     * Supplies a Macie session that the AWS SDK for Java can read, with the given status (ENABLED, or PAUSED for a
     * suspended Macie): {@code GetMacieSession} reports that status and its timestamps in UTC.
     *
     * <p>moto 5.2.1 writes {@code createdAt} and {@code updatedAt} without a time zone, which the SDK rejects as
     * unparseable, so every scan of Macie against moto needs this fixture. moto also fails {@code UpdateMacieSession}
     * with HTTP 500, so a session cannot be suspended there.
     *
     * @param accountId the account, or {@code null} for every account
     * @param region the region, or {@code null} for every region
     */
    public static FaultRule macieSession(String accountId, String region, String status) {
        String where = (accountId == null ? "every account" : accountId) + ", "
                + (region == null ? "every region" : region);
        return FaultRule.service("macie2")
                .operation("GetMacieSession")
                .account(accountId)
                .region(region)
                .description("MotoGaps.macieSession(" + where + "): Macie is " + status)
                .rewrite(body -> MonitoringRewrites.withMacieSession(body, status));
    }

    /**
     * Supplies the status of Macie automated sensitive data discovery, {@code ENABLED} or {@code DISABLED}:
     * {@code GetAutomatedDiscoveryConfiguration} in the account and region reports it.
     *
     * <p>moto 5.2.1 has no {@code GetAutomatedDiscoveryConfiguration} route and returns HTTP 404 for it.
     */
    public static FaultRule macieAutomatedDiscovery(String accountId, String region, String status) {
        return FaultRule.service("macie2")
                .operation("GetAutomatedDiscoveryConfiguration")
                .account(accountId)
                .region(region)
                .description("MotoGaps.macieAutomatedDiscovery(" + accountId + ", " + region + "): automated"
                        + " discovery " + status)
                .respond(200, "application/json", MonitoringRewrites.automatedDiscoveryResponse(status));
    }

    /**
     * Supplies a Macie member account: {@code GetAdministratorAccount} in the member account and region names
     * {@code administratorAccountId} with relationship status {@code Enabled}.
     *
     * <p>moto 5.2.1 can hold this relationship, but its {@code ListInvitations} timestamps have no time zone, so the
     * AWS SDK for Java cannot read the invitation id that {@code AcceptInvitation} needs.
     */
    public static FaultRule macieAdministrator(String memberAccountId, String region, String administratorAccountId) {
        return FaultRule.service("macie2")
                .operation("GetAdministratorAccount")
                .account(memberAccountId)
                .region(region)
                .description("MotoGaps.macieAdministrator(" + memberAccountId + ", " + region + "): administrator "
                        + administratorAccountId)
                .respond(200, "application/json", MonitoringRewrites.administratorResponse(administratorAccountId));
    }

    /**
     * Sets entries of the {@code SummaryMap} of an IAM {@code GetAccountSummary} XML response, and
     * adds the entries the response lacks. Other entries and elements stay as they are.
     *
     * @throws IllegalArgumentException when the body is not a {@code GetAccountSummary} response
     */
    public static String withSummaryMapEntries(String responseXml, Map<String, Integer> entries) {
        Document document = parseXml(responseXml);
        Element summaryMap = firstElement(document, "SummaryMap", "an IAM GetAccountSummary response", responseXml);
        Map<String, Integer> missing = new LinkedHashMap<>(entries);
        NodeList entryNodes = summaryMap.getElementsByTagNameNS("*", "entry");
        for (int i = 0; i < entryNodes.getLength(); i++) {
            Element entry = (Element) entryNodes.item(i);
            Element key = child(entry, "key");
            Element value = child(entry, "value");
            if (key != null && value != null && missing.containsKey(key.getTextContent().trim())) {
                value.setTextContent(Integer.toString(missing.remove(key.getTextContent().trim())));
            }
        }
        missing.forEach((name, number) -> {
            Element entry = appendElement(summaryMap, "entry");
            appendText(entry, "key", name);
            appendText(entry, "value", Integer.toString(number));
        });
        return writeXml(document);
    }

    private static FaultRule accountSummary(String accountId, String fixture, Map<String, Integer> entries) {
        return FaultRule.service("iam")
                .operation("GetAccountSummary")
                .account(accountId)
                .description("MotoGaps." + fixture + "(" + accountId + "): GetAccountSummary with " + entries)
                .rewrite(body -> withSummaryMapEntries(body, entries));
    }

    private static Map<String, Integer> orderedMap(Object... namesAndValues) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], (Integer) namesAndValues[i + 1]);
        }
        return map;
    }
}
