package dev.haneul.iam.auth;

import dev.haneul.iam.policy.ActionTable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The resources an API call acts on, as the ARNs IAM authorizes: for each resource type the
 * action takes (Service Authorization Reference), an ARN the input names directly
 * ({@code LoadBalancerArn}, {@code ResourceName}…) or one built from the type's ARN format with the
 * identifiers the input carries ({@code DBClusterIdentifier} fills {@code ${DbClusterInstanceName}}).
 * An action whose resource the input does not name is authorized on the type's wildcard ARN
 * ({@code arn:aws:rds:us-east-1:…:db:*}, as AWS's denials for Describe calls show); an action with
 * no resource type on {@code *}.
 */
final class RequestResources {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    /** ARN format placeholder to the input member that carries it, where the names differ. */
    private static final Map<String, List<String>> MEMBERS = Map.ofEntries(
            Map.entry("DbClusterInstanceName", List.of("DBClusterIdentifier")),
            Map.entry("DbInstanceName", List.of("DBInstanceIdentifier")),
            Map.entry("ClusterParameterGroupName", List.of("DBClusterParameterGroupName")),
            Map.entry("ParameterGroupName", List.of("DBParameterGroupName")),
            Map.entry("SubnetGroupName", List.of("DBSubnetGroupName")),
            Map.entry("ClusterSnapshotName", List.of("DBClusterSnapshotIdentifier")),
            Map.entry("SnapshotName", List.of("DBSnapshotIdentifier", "SnapshotName")),
            Map.entry("GlobalCluster", List.of("GlobalClusterIdentifier")),
            Map.entry("DbClusterEndpoint", List.of("DBClusterEndpointIdentifier")),
            Map.entry("SecurityGroupName", List.of("DBSecurityGroupName")),
            Map.entry("UserNameWithPath", List.of("UserName")),
            Map.entry("RoleNameWithPath", List.of("RoleName")),
            Map.entry("GroupNameWithPath", List.of("GroupName")),
            Map.entry("PolicyNameWithPath", List.of("PolicyName")),
            Map.entry("InstanceProfileNameWithPath", List.of("InstanceProfileName")),
            Map.entry("BucketName", List.of("Bucket")),
            Map.entry("ObjectName", List.of("Key")));

    /** How IAM entity names become paths inside ARNs ({@code user/division/name}). */
    interface IamPaths {
        String pathOf(String type, String name);
    }

    private RequestResources() {}

    static List<String> resolve(ActionTable.ServiceActions service, ActionTable.ActionDefinition action,
                                Map<String, Object> input, String region, String account, IamPaths paths) {
        if (action.resources().isEmpty()) {
            return List.of("*");
        }
        List<String> arns = new ArrayList<>();
        for (String candidate : arnsIn(input)) {
            for (ActionTable.ResourceRequirement requirement : action.resources()) {
                ActionTable.ResourceType type = service.resourceTypes().get(requirement.type());
                if (type != null && type.matches(candidate)) {
                    arns.add(candidate);
                    break;
                }
            }
        }
        if (!arns.isEmpty()) {
            return arns;
        }
        Set<String> built = new LinkedHashSet<>();
        for (ActionTable.ResourceRequirement requirement : action.resources()) {
            ActionTable.ResourceType type = service.resourceTypes().get(requirement.type());
            if (type != null) {
                String arn = build(type.arnFormat(), input, region, account, paths, false);
                if (arn != null) {
                    built.add(arn);
                }
            }
        }
        if (!built.isEmpty()) {
            return List.copyOf(built);
        }
        ActionTable.ResourceRequirement first = action.resources().stream().filter(ActionTable.ResourceRequirement::required)
                .findFirst().orElse(action.resources().get(0));
        ActionTable.ResourceType type = service.resourceTypes().get(first.type());
        if (type == null) {
            return List.of("*");
        }
        String wildcard = build(type.arnFormat(), input, region, account, paths, true);
        return List.of(wildcard == null ? "*" : wildcard);
    }

    private static List<String> arnsIn(Map<String, Object> input) {
        List<String> out = new ArrayList<>();
        for (Object value : input.values()) {
            if (value instanceof String s && s.startsWith("arn:")) {
                out.add(s);
            } else if (value instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof String s && s.startsWith("arn:")) {
                        out.add(s);
                    }
                }
            }
        }
        return out;
    }

    /** The format filled in; placeholders the input lacks are {@code *} when {@code wildcards}, else {@code null}. */
    private static @Nullable String build(String format, Map<String, Object> input, String region, String account,
                                IamPaths paths, boolean wildcards) {
        Matcher matcher = PLACEHOLDER.matcher(format);
        StringBuilder out = new StringBuilder();
        boolean any = false;
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = switch (name) {
                case "Partition" -> "aws";
                case "Region" -> region;
                case "Account" -> account;
                // WAFv2's Scope member is REGIONAL or CLOUDFRONT; its ARNs say regional or global.
                case "Scope" -> switch (valueOf(name, input) instanceof String scope ? scope : "") {
                    case "REGIONAL" -> "regional";
                    case "CLOUDFRONT" -> "global";
                    default -> null;
                };
                default -> {
                    String found = valueOf(name, input);
                    if (found != null) {
                        any = true;
                        if (name.endsWith("WithPath")) {
                            String type = name.substring(0, name.length() - "NameWithPath".length());
                            found = paths.pathOf(type, found).substring(1) + found;
                        }
                    }
                    yield found;
                }
            };
            if (value == null) {
                if (!wildcards) {
                    return null;
                }
                value = "*";
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return any || wildcards ? out.toString() : null;
    }

    private static @Nullable String valueOf(String placeholder, Map<String, Object> input) {
        for (String member : MEMBERS.getOrDefault(placeholder, List.of(placeholder))) {
            Object value = input.get(member);
            if (value instanceof String s && !s.isEmpty()) {
                return s;
            }
        }
        return null;
    }
}
