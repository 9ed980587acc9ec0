package dev.sonda.worker.aws;

import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.services.accessanalyzer.AccessAnalyzerClient;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.macie2.Macie2Client;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The AWS services the worker calls, with the worker's own lowercase id for each (used in budget
 * keys, execution logs and metric tags).
 */
public enum AwsService {
    SQS("sqs", false, SqsClient::builder),
    IAM("iam", true, IamClient::builder),
    ACCOUNT("account", true, AccountClient::builder),
    ORGANIZATIONS("organizations", true, OrganizationsClient::builder),
    STS("sts", true, StsClient::builder),
    ACCESS_ANALYZER("accessanalyzer", false, AccessAnalyzerClient::builder),
    CLOUDTRAIL("cloudtrail", false, CloudTrailClient::builder),
    CLOUDWATCH("cloudwatch", false, CloudWatchClient::builder),
    CLOUDWATCH_LOGS("logs", false, CloudWatchLogsClient::builder),
    CONFIG("config", false, ConfigClient::builder),
    EC2("ec2", false, Ec2Client::builder),
    KMS("kms", false, KmsClient::builder),
    MACIE2("macie2", false, Macie2Client::builder),
    S3("s3", false, S3Client::builder),
    /** S3 Control, for account-level Block Public Access. Its signing name, as for S3, is {@code s3}. */
    S3_CONTROL("s3control", false, S3ControlClient::builder),
    SECURITY_HUB("securityhub", false, SecurityHubClient::builder),
    SNS("sns", false, SnsClient::builder);

    private final String id;
    private final boolean global;
    private final Supplier<? extends AwsClientBuilder<?, ?>> builder;

    AwsService(String id, boolean global, Supplier<? extends AwsClientBuilder<?, ?>> builder) {
        this.id = id;
        this.global = global;
        this.builder = builder;
    }

    public String id() {
        return id;
    }

    /**
     * Returns whether the worker calls this service in the global region only. IAM, Organizations
     * and Account Management have one endpoint per partition, and STS is called there for
     * simplicity.
     */
    public boolean global() {
        return global;
    }

    AwsClientBuilder<?, ?> newBuilder() {
        AwsClientBuilder<?, ?> created = builder.get();
        if (!(created instanceof AwsSyncClientBuilder<?, ?>)) {
            throw new IllegalStateException("Client builder of " + id + " is not a sync builder");
        }
        return created;
    }
}
