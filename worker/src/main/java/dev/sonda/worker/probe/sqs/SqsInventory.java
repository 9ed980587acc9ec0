package dev.sonda.worker.probe.sqs;

import dev.sonda.worker.aws.AwsError;
import java.util.List;

/**
 * The SQS queues of one account and region.
 *
 * @param listError why ListQueues failed, or {@code null}; when set, {@code queues} is empty,
 *     because a partial list would silently drop queues from the account's score
 */
public record SqsInventory(AwsError listError, List<QueueRecord> queues) {

    public SqsInventory {
        queues = List.copyOf(queues);
    }
}
