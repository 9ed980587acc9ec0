package dev.sonda.testkit.proxy;

/**
 * One request that went through the proxy and how it ended.
 *
 * @param account the account moto acts in for the request's access key
 * @param status the HTTP status the client got (502 when moto could not be reached)
 * @param rule the description of the rule that acted on the request, or {@code null} when it was
 *     forwarded unchanged
 */
public record ProxiedExchange(AwsRequest request, String account, int status, String rule) {

    public String service() {
        return request.service();
    }

    public String operation() {
        return request.operation();
    }

    public String region() {
        return request.region();
    }

    /** Returns the IAM action that authorizes the request, as {@link AwsRequest#action()} does. */
    public String action() {
        return request.action();
    }
}
