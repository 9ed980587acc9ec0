package dev.sonda.worker.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiBudgetTest {

    private static ApiBudget.Key key(String service, String operation) {
        return new ApiBudget.Key("123456789012", "us-east-1", service, operation);
    }

    @Test
    void rateLookupPrefersOperationOverService() {
        ApiBudget budget = new ApiBudget(2, 2, Map.of("iam", 1.0, "sqs:GetQueueAttributes", 5.0));

        assertThat(budget.rate(key("sqs", "GetQueueAttributes"))).isEqualTo(5.0);
        assertThat(budget.rate(key("sqs", "ListQueues"))).isEqualTo(2.0);
        assertThat(budget.rate(key("iam", "GetAccountSummary"))).isEqualTo(1.0);
    }

    @Test
    void burstIsAvailableWithoutWaiting() throws InterruptedException {
        ApiBudget budget = new ApiBudget(0.001, 3, Map.of());

        assertThat(budget.acquire(key("sqs", "ListQueues"))).isZero();
        assertThat(budget.acquire(key("sqs", "ListQueues"))).isZero();
        assertThat(budget.acquire(key("sqs", "ListQueues"))).isZero();
    }

    @Test
    void bucketsAreSeparatePerOperationAndAccount() throws InterruptedException {
        ApiBudget budget = new ApiBudget(0.001, 1, Map.of());

        assertThat(budget.acquire(key("sqs", "ListQueues"))).isZero();
        assertThat(budget.acquire(key("sqs", "ListQueueTags"))).isZero();
        assertThat(budget.acquire(new ApiBudget.Key("210987654321", "us-east-1", "sqs", "ListQueues"))).isZero();
        assertThat(budget.acquire(new ApiBudget.Key("123456789012", "eu-west-1", "sqs", "ListQueues"))).isZero();
    }

    @Test
    void emptyBucketMakesTheCallerWait() throws InterruptedException {
        ApiBudget budget = new ApiBudget(4, 1, Map.of());

        budget.acquire(key("sqs", "ListQueues"));

        assertThat(budget.acquire(key("sqs", "ListQueues"))).isPositive();
    }

    @Test
    void invalidRatesAreRejected() {
        assertThatThrownBy(() -> new ApiBudget(0, 2, Map.of()))
                .hasMessageContaining("sonda.worker.api-budget.default-rate");
        assertThatThrownBy(() -> new ApiBudget(2, 0, Map.of()))
                .hasMessageContaining("default-burst");
        assertThatThrownBy(() -> new ApiBudget(2, 2, Map.of("iam", -1.0)))
                .hasMessageContaining("overrides.\"iam\"");
    }
}
