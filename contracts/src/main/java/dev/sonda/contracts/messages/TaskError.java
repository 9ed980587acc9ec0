package dev.sonda.contracts.messages;

/**
 * Why a probe could not run at all, for example {@code ACCOUNT_MISMATCH} or
 * {@code ASSUME_ROLE_FAILED}.
 */
public record TaskError(String code, String message) {
}
