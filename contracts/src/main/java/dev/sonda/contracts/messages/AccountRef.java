package dev.sonda.contracts.messages;

/** Identity of a scanned account as results and reports show it. */
public record AccountRef(String id, String name, String tenant) {
}
