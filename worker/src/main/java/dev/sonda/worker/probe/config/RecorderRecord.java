package dev.sonda.worker.probe.config;

import java.util.List;
import java.util.Set;

/**
 * One AWS Config configuration recorder as DescribeConfigurationRecorders returned it.
 *
 * @param roleArn the IAM role the recorder uses, or {@code null}
 * @param allSupported {@code recordingGroup.allSupported}, {@code false} when absent
 * @param includeGlobalResourceTypes {@code recordingGroup.includeGlobalResourceTypes}, {@code false} when absent
 * @param recordingStrategy {@code recordingGroup.recordingStrategy.useOnly}, or {@code null}
 * @param resourceTypes the inclusion list, {@code recordingGroup.resourceTypes}
 * @param excludedResourceTypes {@code recordingGroup.exclusionByResourceTypes.resourceTypes}
 * @param servicePrincipal set on service-linked recorders that another AWS service manages, which
 *     neither Config.1 nor Config.RecordingAllRegions counts; {@code null} on the customer managed
 *     recorder
 */
public record RecorderRecord(String name, String roleArn, boolean allSupported, boolean includeGlobalResourceTypes,
        String recordingStrategy, List<String> resourceTypes, List<String> excludedResourceTypes,
        String servicePrincipal) {

    /** The role path AWS Config's service-linked role has in every account. */
    static final String SERVICE_LINKED_ROLE_SUFFIX =
            ":role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig";

    /** The global IAM resource types that Config records in one region only. */
    static final Set<String> GLOBAL_IAM_TYPES = Set.of("AWS::IAM::User", "AWS::IAM::Group", "AWS::IAM::Role",
            "AWS::IAM::Policy");

    public RecorderRecord {
        resourceTypes = List.copyOf(resourceTypes);
        excludedResourceTypes = List.copyOf(excludedResourceTypes);
    }

    public boolean isCustomerManaged() {
        return servicePrincipal == null || servicePrincipal.isBlank();
    }

    /** Returns whether the recorder records every resource type Config supports in its region. */
    public boolean recordsAllSupportedTypes() {
        return allSupported || "ALL_SUPPORTED_RESOURCE_TYPES".equals(recordingStrategy);
    }

    public boolean usesServiceLinkedRole() {
        return roleArn != null && roleArn.endsWith(SERVICE_LINKED_ROLE_SUFFIX);
    }

    /**
     * Returns whether the recorder's recording group covers the global IAM resource types: all supported
     * types with {@code includeGlobalResourceTypes}, an inclusion list naming all four, or an
     * exclusion list that excludes none of them.
     */
    // NOTE: AWS documents that the exclusion strategy records IAM types only in regions where
    // Config was available before February 2022; the region is not checked here.
    public boolean recordsGlobalIamTypes() {
        if ("EXCLUSION_BY_RESOURCE_TYPES".equals(recordingStrategy)) {
            return excludedResourceTypes.stream().noneMatch(GLOBAL_IAM_TYPES::contains);
        }
        if (recordsAllSupportedTypes()) {
            return includeGlobalResourceTypes;
        }
        return resourceTypes.containsAll(GLOBAL_IAM_TYPES);
    }
}
