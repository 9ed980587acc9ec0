package dev.sonda.testkit.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AwsRequestTest {

    private static String authorization(String region, String service) {
        return "AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEKEY/20261204/" + region + "/" + service
                + "/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=0123abcd";
    }

    @Test
    void awsJsonTargetGivesOperation() {
        AwsRequest request = AwsRequest.parse("POST", "/", Map.of(
                "authorization", authorization("eu-west-1", "sqs"),
                "X-Amz-Target", "AmazonSQS.GetQueueAttributes",
                "Content-Type", "application/x-amz-json-1.0"), "{\"QueueUrl\":\"q\"}");

        assertThat(request.service()).isEqualTo("sqs");
        assertThat(request.region()).isEqualTo("eu-west-1");
        assertThat(request.accessKeyId()).isEqualTo("ASIAEXAMPLEKEY");
        assertThat(request.operation()).isEqualTo("GetQueueAttributes");
        assertThat(request.protocol()).isEqualTo(AwsProtocol.AWS_JSON);
        assertThat(request.action()).isEqualTo("sqs:GetQueueAttributes");
    }

    @Test
    void organizationsTargetWithVersionPrefix() {
        AwsRequest request = AwsRequest.parse("POST", "/", Map.of(
                "Authorization", authorization("us-east-1", "organizations"),
                "X-Amz-Target", "AWSOrganizationsV20161128.DescribeOrganization",
                "Content-Type", "application/x-amz-json-1.1"), "{}");

        assertThat(request.operation()).isEqualTo("DescribeOrganization");
        assertThat(request.contentType()).isEqualTo("application/x-amz-json-1.1");
    }

    @Test
    void queryActionInFormBody() {
        AwsRequest request = AwsRequest.parse("POST", "/", Map.of(
                "Authorization", authorization("us-east-1", "iam"),
                "Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                "Version=2010-05-08&Action=GetAccountSummary");

        assertThat(request.service()).isEqualTo("iam");
        assertThat(request.operation()).isEqualTo("GetAccountSummary");
        assertThat(request.protocol()).isEqualTo(AwsProtocol.QUERY);
    }

    @Test
    void queryActionInQueryString() {
        AwsRequest request = AwsRequest.parse("GET", "/?Action=GetCallerIdentity&Version=2011-06-15",
                Map.of("Authorization", authorization("eu-west-1", "sts")), "");

        assertThat(request.operation()).isEqualTo("GetCallerIdentity");
        assertThat(request.protocol()).isEqualTo(AwsProtocol.QUERY);
        assertThat(request.path()).isEqualTo("/");
    }

    @Test
    void formBodyIgnoredWithoutFormContentType() {
        AwsRequest request = AwsRequest.parse("POST", "/getAlternateContact", Map.of(
                "Authorization", authorization("us-east-1", "account"),
                "Content-Type", "application/json"), "Action=Nothing");

        assertThat(request.operation()).isEqualTo("GetAlternateContact");
        assertThat(request.protocol()).isEqualTo(AwsProtocol.REST_JSON);
    }

    @ParameterizedTest
    @CsvSource({
        "/getAlternateContact, GetAlternateContact",
        "/putAlternateContact, PutAlternateContact",
        "/deleteAlternateContact, DeleteAlternateContact",
        "/getContactInformation, GetContactInformation",
        "/listRegions, ListRegions"
    })
    void accountPathsGiveOperation(String path, String operation) {
        AwsRequest request = AwsRequest.parse("POST", path, Map.of(
                "Authorization", authorization("us-east-1", "account"),
                "Content-Type", "application/json"), "{}");

        assertThat(request.operation()).isEqualTo(operation);
        assertThat(request.protocol()).isEqualTo(AwsProtocol.REST_JSON);
    }

    @ParameterizedTest
    @CsvSource({
        "eks, GET, /clusters, ListClusters",
        "eks, GET, /clusters/prod, DescribeCluster",
        "elasticfilesystem, GET, /2015-02-01/file-systems, DescribeFileSystems",
        "elasticfilesystem, GET, /2015-02-01/file-systems/fs-1234/backup-policy, DescribeBackupPolicy",
        "inspector2, POST, /status/batch/get, BatchGetAccountStatus"
    })
    void restJsonRoutesGiveOperation(String service, String method, String path, String operation) {
        AwsRequest request = AwsRequest.parse(method, path,
                Map.of("Authorization", authorization("eu-west-1", service)), "");

        assertThat(request.operation()).isEqualTo(operation);
    }

    @Test
    void unknownRestPathHasNoOperation() {
        AwsRequest request = AwsRequest.parse("DELETE", "/clusters/prod/addons/x",
                Map.of("Authorization", authorization("eu-west-1", "eks")), "");

        assertThat(request.operation()).isNull();
        assertThat(request.service()).isEqualTo("eks");
        assertThat(request.protocol()).isEqualTo(AwsProtocol.REST_JSON);
    }

    @Test
    void ec2UsesItsOwnDialect() {
        AwsRequest request = AwsRequest.parse("POST", "/", Map.of(
                "Authorization", authorization("eu-west-1", "ec2"),
                "Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                "Action=DescribeSecurityGroups&Version=2016-11-15");

        assertThat(request.operation()).isEqualTo("DescribeSecurityGroups");
        assertThat(request.protocol()).isEqualTo(AwsProtocol.EC2_QUERY);
    }

    @Test
    void s3IsRestXmlWithoutOperation() {
        AwsRequest request = AwsRequest.parse("GET", "/my-bucket?policyStatus",
                Map.of("Authorization", authorization("eu-west-1", "s3")), "");

        assertThat(request.protocol()).isEqualTo(AwsProtocol.REST_XML);
        assertThat(request.operation()).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "GET, /, s3:ListAllMyBuckets",
        "GET, /trail-logs?acl, s3:GetBucketAcl",
        "GET, /trail-logs?policy, s3:GetBucketPolicy",
        "GET, /my-bucket?policyStatus, s3:GetBucketPolicyStatus",
        "GET, /trail-logs?publicAccessBlock, s3:GetBucketPublicAccessBlock",
        "GET, /trail-logs?logging, s3:GetBucketLogging",
        "GET, /trail-logs?location, s3:GetBucketLocation",
        "GET, /trail-logs?encryption=, s3:GetEncryptionConfiguration",
        "GET, /v20180820/configuration/publicAccessBlock, s3:GetAccountPublicAccessBlock",
        "GET, /trail-logs/AWSLogs/key.json.gz, s3:GET /trail-logs/AWSLogs/key.json.gz",
        "PUT, /trail-logs?acl, s3:PUT /trail-logs?acl"
    })
    void s3RequestsNamedByIamAction(String method, String uri, String action) {
        AwsRequest request = AwsRequest.parse(method, uri,
                Map.of("Authorization", authorization("eu-west-1", "s3")), "");

        assertThat(request.action()).isEqualTo(action);
    }

    @Test
    void cloudWatchSigningNameMapsToIamPrefix() {
        AwsRequest request = AwsRequest.parse("POST", "/", Map.of(
                "Authorization", authorization("us-east-1", "monitoring"),
                "Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                "Action=DescribeAlarmsForMetric&Version=2010-08-01");

        assertThat(request.service()).isEqualTo("monitoring");
        assertThat(request.action()).isEqualTo("cloudwatch:DescribeAlarmsForMetric");
    }

    @Test
    void restJsonActionKeepsSigningName() {
        AwsRequest request = AwsRequest.parse("GET", "/analyzer?type=ACCOUNT",
                Map.of("Authorization", authorization("eu-west-1", "access-analyzer")), "");

        assertThat(request.action()).isEqualTo("access-analyzer:ListAnalyzers");
    }

    @Test
    void unknownOperationActionShowsRequest() {
        AwsRequest request = AwsRequest.parse("DELETE", "/clusters/prod/addons/x",
                Map.of("Authorization", authorization("eu-west-1", "eks")), "");

        assertThat(request.action()).isEqualTo("eks:DELETE /clusters/prod/addons/x");
    }

    @Test
    void presignedUrlCredential() {
        AwsRequest request = AwsRequest.parse("GET", "/my-bucket/key?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIDEXAMPLE%2F20261204%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=ab",
                Map.of(), "");

        assertThat(request.accessKeyId()).isEqualTo("AKIDEXAMPLE");
        assertThat(request.region()).isEqualTo("us-east-1");
        assertThat(request.service()).isEqualTo("s3");
    }

    @Test
    void unsignedRequestHasNoScope() {
        AwsRequest request = AwsRequest.parse("POST", "/moto-api/reset", Map.of(), "");

        assertThat(request.service()).isNull();
        assertThat(request.region()).isNull();
        assertThat(request.accessKeyId()).isNull();
        assertThat(request.operation()).isNull();
    }

    @Test
    void toStringLeavesBodyOut() {
        AwsRequest request = AwsRequest.parse("POST", "/", Map.of(
                "Authorization", authorization("eu-west-1", "sqs"),
                "X-Amz-Target", "AmazonSQS.SendMessage"), "{\"MessageBody\":\"customer data\"}");

        assertThat(request.toString()).doesNotContain("customer data").contains("sqs:SendMessage");
    }
}
