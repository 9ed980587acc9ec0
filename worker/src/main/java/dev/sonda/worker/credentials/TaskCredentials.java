package dev.sonda.worker.credentials;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Credentials for one task.
 *
 * @param id {@code own}, or the role ARN with a hash of the external id; safe to log
 * @param provider the provider that SDK clients of this task use; it refreshes assumed-role
 *     credentials before they expire
 * @param current the credentials the provider returned when the task started, which the account
 *     verification checks; never log them
 */
public record TaskCredentials(String id, AwsCredentialsProvider provider, AwsCredentials current) {

    @Override
    public String toString() {
        return "TaskCredentials[id=" + id + "]";
    }
}
