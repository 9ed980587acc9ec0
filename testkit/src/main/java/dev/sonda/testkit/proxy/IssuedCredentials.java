package dev.sonda.testkit.proxy;

import java.util.List;

/**
 * Temporary credentials that STS returned through the proxy. Tests search messages and logs for
 * these values to prove that no secret leaks; {@link #toString()} leaves the secrets out.
 *
 * @param account the account the credentials act in
 */
public record IssuedCredentials(String accessKeyId, String secretAccessKey, String sessionToken, String account) {

    /** The three values that must never appear in a message or a log. */
    public List<String> secrets() {
        return List.of(accessKeyId, secretAccessKey, sessionToken);
    }

    @Override
    public String toString() {
        return "IssuedCredentials[account=" + account + ", accessKeyId=(redacted)]";
    }
}
