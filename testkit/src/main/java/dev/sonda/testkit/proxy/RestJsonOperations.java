package dev.sonda.testkit.proxy;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Maps REST-JSON request paths to operation names. REST-JSON requests name no operation, so the
 * proxy needs the service's routes. This table contains the routes of the operations Sonda's
 * probes call.
 */
final class RestJsonOperations {

    private record Route(String service, String method, Pattern path, String operation) {
    }

    // Account Management routes every operation as POST /<operation in lower camel case>, so it
    // needs no table entry: GetAlternateContact is POST /getAlternateContact.
    private static final Pattern ACCOUNT_PATH = Pattern.compile("/([a-z][A-Za-z]+)/?");

    private static final List<Route> ROUTES = List.of(
            route("access-analyzer", "GET", "/analyzer", "ListAnalyzers"),
            route("eks", "GET", "/clusters", "ListClusters"),
            route("eks", "GET", "/clusters/[^/]+", "DescribeCluster"),
            route("elasticfilesystem", "GET", "/2015-02-01/file-systems", "DescribeFileSystems"),
            route("elasticfilesystem", "GET", "/2015-02-01/file-systems/[^/]+/backup-policy", "DescribeBackupPolicy"),
            route("elasticfilesystem", "GET", "/2015-02-01/file-systems/[^/]+/policy", "DescribeFileSystemPolicy"),
            route("inspector2", "POST", "/status/batch/get", "BatchGetAccountStatus"),
            route("inspector2", "POST", "/coverage/list", "ListCoverage"),
            route("inspector2", "POST", "/findings/list", "ListFindings"),
            route("macie2", "GET", "/administrator", "GetAdministratorAccount"),
            route("macie2", "GET", "/automated-discovery/configuration", "GetAutomatedDiscoveryConfiguration"),
            route("macie2", "GET", "/macie", "GetMacieSession"),
            route("securityhub", "GET", "/accounts", "DescribeHub"),
            route("securityhub", "POST", "/standards/get", "GetEnabledStandards"));

    private RestJsonOperations() {
    }

    /** Returns the operation for a request, or {@code null} when no route matches. */
    static String operation(String service, String method, String path) {
        if (service == null) {
            return null;
        }
        if (service.equals("account")) {
            var matcher = ACCOUNT_PATH.matcher(path);
            if (method.equals("POST") && matcher.matches()) {
                String name = matcher.group(1);
                return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
            }
            return null;
        }
        for (Route route : ROUTES) {
            if (route.service().equals(service) && route.method().equals(method)
                    && route.path().matcher(path).matches()) {
                return route.operation();
            }
        }
        return null;
    }

    private static Route route(String service, String method, String pathRegex, String operation) {
        return new Route(service, method, Pattern.compile(pathRegex + "/?"), operation);
    }
}
