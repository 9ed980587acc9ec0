package dev.sonda.contracts.catalog;

/** One place where a control counts: a requirement of a framework, in a section. */
public record FrameworkMapping(String frameworkId, String requirementId, String section) {
}
