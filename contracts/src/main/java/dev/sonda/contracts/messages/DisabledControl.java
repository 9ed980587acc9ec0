package dev.sonda.contracts.messages;

/**
 * A control the inventory turns off for one account. The worker reports it as
 * {@link FindingStatus#NOT_APPLICABLE} with the reason as evidence and makes no API call for it.
 */
public record DisabledControl(String controlId, String reason) {
}
