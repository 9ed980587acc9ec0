package dev.sonda.testkit;

import dev.sonda.testkit.proxy.FaultRule;
import dev.sonda.testkit.proxy.Xml;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
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
     * Gives CloudTrail trails the event selector AWS gives every new trail: {@code GetEventSelectors}
     * answers with one basic selector logging all management events, reads and writes, and no data
     * events, whenever moto's answer has no selector. Answers with selectors pass unchanged.
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
     * Supplies a multi-Region organization trail that the organization's management account owns,
     * as a member account sees it: {@code DescribeTrails} in the member account lists the trail
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
     * Presents one KMS key as AWS managed: {@code DescribeKey} of {@code keyId} in the account and
     * region reports {@code KeyManager=AWS}, as for the keys AWS services create for the account
     * ({@code alias/aws/s3} and the like).
     *
     * <p>moto 5.2.1 lists no AWS managed key in {@code ListKeys}, and {@code DescribeKey} of an
     * {@code alias/aws/...} alias creates a key that reports {@code KeyManager=CUSTOMER}. Create a
     * key with {@code CreateKey} and apply this fixture to it instead.
     */
    public static FaultRule awsManagedKey(String accountId, String region, String keyId) {
        return FaultRule.service("kms")
                .operation("DescribeKey")
                .account(accountId)
                .region(region)
                .when(request -> request.body().contains(keyId))
                .description("MotoGaps.awsManagedKey(" + accountId + ", " + region + ", " + keyId
                        + "): DescribeKey reports KeyManager AWS")
                .rewrite(body -> JsonRewrites.withKeyManager(body, "AWS",
                        "Default key that protects my data when no other key is defined"));
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
     * returns exactly {@code analyzers} (none when empty), without calling moto. Other Access
     * Analyzer operations are not answered.
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
                .when(request -> topicArn.equals(MonitoringRewrites.formParameter(request.body(), "TopicArn")))
                .description("MotoGaps.snsSubscriptionsPendingConfirmation(" + accountId + ", " + topicArn
                        + "): every subscription is pending confirmation")
                .rewrite(MonitoringRewrites::withPendingSubscriptions);
    }

    /**
     * Supplies the standards a Security Hub hub has enabled: {@code GetEnabledStandards} in the account and region
     * returns a READY subscription to each of {@code standardsArns}, for example
     * {@code arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0}.
     *
     * <p>moto 5.2.1 has no {@code GetEnabledStandards} route and answers it with HTTP 404.
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
     * <p>moto 5.2.1 has no {@code GetAutomatedDiscoveryConfiguration} route and answers it with HTTP 404.
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
     * Sets entries of the {@code SummaryMap} of an IAM {@code GetAccountSummary} XML response, and
     * adds the entries the response lacks. Other entries and elements stay as they are.
     *
     * @throws IllegalArgumentException when the body is not a {@code GetAccountSummary} response
     */
    public static String withSummaryMapEntries(String responseXml, Map<String, Integer> entries) {
        Document document = parse(responseXml);
        NodeList maps = document.getElementsByTagNameNS("*", "SummaryMap");
        if (maps.getLength() == 0) {
            throw new IllegalArgumentException("The response has no SummaryMap element; expected an IAM"
                    + " GetAccountSummary response, got: " + abbreviate(responseXml));
        }
        Element summaryMap = (Element) maps.item(0);
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
        String namespace = summaryMap.getNamespaceURI();
        missing.forEach((name, number) -> {
            Element entry = document.createElementNS(namespace, "entry");
            Element key = document.createElementNS(namespace, "key");
            key.setTextContent(name);
            Element value = document.createElementNS(namespace, "value");
            value.setTextContent(Integer.toString(number));
            entry.appendChild(key);
            entry.appendChild(value);
            summaryMap.appendChild(entry);
        });
        return serialize(document);
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

    private static Element child(Element parent, String localName) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && localName.equals(element.getLocalName())) {
                return element;
            }
        }
        return null;
    }

    private static Document parse(String xml) {
        try {
            return Xml.parse(xml);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ": " + abbreviate(xml), e);
        }
    }

    private static String serialize(Document document) {
        try {
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter writer = new StringWriter();
            transformer.transform(new DOMSource(document), new StreamResult(writer));
            return writer.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("Cannot write the rewritten XML: " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
