package dev.sonda.worker.probe.iam;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The users, groups, roles and customer managed policies of an account, as one
 * GetAccountAuthorizationDetails sweep returns them, with policy documents still URL-encoded.
 */
public record AuthorizationDetails(List<User> users, List<Group> groups, List<Role> roles,
        List<ManagedPolicy> policies) {

    public AuthorizationDetails {
        users = List.copyOf(users);
        groups = List.copyOf(groups);
        roles = List.copyOf(roles);
        policies = List.copyOf(policies);
    }

    /** Returns every user, group and role. */
    public List<Identity> identities() {
        return Stream.of(users.stream(), groups.stream(), roles.stream())
                .flatMap(stream -> stream.map(Identity.class::cast))
                .toList();
    }

    /**
     * Returns the ARNs of the policies used as a permissions boundary by a user or role. AWS
     * also reports the count per policy (PermissionsBoundaryUsageCount); this set covers
     * responses that omit it.
     */
    public Set<String> boundaryPolicyArns() {
        return Stream.concat(users.stream().map(User::permissionsBoundaryArn),
                        roles.stream().map(Role::permissionsBoundaryArn))
                .filter(arn -> arn != null && !arn.isBlank())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** A policy embedded in a user, group or role. */
    public record InlinePolicy(String name, String document) {
    }

    /** A managed policy attached to a user, group or role. */
    public record AttachedPolicy(String name, String arn) {
    }

    /** A user, group or role. */
    public sealed interface Identity permits User, Group, Role {

        String name();

        String arn();

        List<InlinePolicy> inlinePolicies();

        List<AttachedPolicy> attachedPolicies();

        /** The CloudFormation resource type, such as {@code AWS::IAM::User}. */
        String resourceType();

        /** The lowercase kind for messages: user, group or role. */
        String kind();

        default boolean hasAttached(String policyArnSuffix) {
            return attachedPolicies().stream().anyMatch(policy -> policy.arn().endsWith(policyArnSuffix));
        }
    }

    public record User(String name, String arn, String path, List<InlinePolicy> inlinePolicies,
            List<AttachedPolicy> attachedPolicies, List<String> groupNames, Map<String, String> tags,
            String permissionsBoundaryArn) implements Identity {

        public User {
            inlinePolicies = List.copyOf(inlinePolicies);
            attachedPolicies = List.copyOf(attachedPolicies);
            groupNames = List.copyOf(groupNames);
            tags = Map.copyOf(tags);
        }

        @Override
        public String resourceType() {
            return "AWS::IAM::User";
        }

        @Override
        public String kind() {
            return "user";
        }
    }

    public record Group(String name, String arn, List<InlinePolicy> inlinePolicies,
            List<AttachedPolicy> attachedPolicies) implements Identity {

        public Group {
            inlinePolicies = List.copyOf(inlinePolicies);
            attachedPolicies = List.copyOf(attachedPolicies);
        }

        @Override
        public String resourceType() {
            return "AWS::IAM::Group";
        }

        @Override
        public String kind() {
            return "group";
        }
    }

    public record Role(String name, String arn, String path, List<InlinePolicy> inlinePolicies,
            List<AttachedPolicy> attachedPolicies, Map<String, String> tags, String permissionsBoundaryArn)
            implements Identity {

        public Role {
            inlinePolicies = List.copyOf(inlinePolicies);
            attachedPolicies = List.copyOf(attachedPolicies);
            tags = Map.copyOf(tags);
        }

        /** Returns whether AWS created and manages the role for a service, as roles under /aws-service-role/ are. */
        public boolean serviceLinked() {
            return path != null && path.startsWith("/aws-service-role/");
        }

        @Override
        public String resourceType() {
            return "AWS::IAM::Role";
        }

        @Override
        public String kind() {
            return "role";
        }
    }

    /**
     * A managed policy with its default version's document.
     *
     * @param attachmentCount how many users, groups and roles have it attached
     * @param boundaryUsageCount how many users and roles use it as permissions boundary
     * @param defaultDocument the default version's document, URL-encoded as IAM returns it, or
     *     {@code null} when the response lacks it
     */
    public record ManagedPolicy(String name, String arn, String defaultVersionId, int attachmentCount,
            int boundaryUsageCount, String defaultDocument) {
    }
}
