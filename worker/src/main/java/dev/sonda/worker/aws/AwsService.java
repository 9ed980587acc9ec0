package dev.sonda.worker.aws;

import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
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
    STS("sts", true, StsClient::builder);

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
     * Whether the worker calls this service in the global region only. IAM, Organizations and
     * Account Management have one endpoint per partition; STS is called there for simplicity.
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
