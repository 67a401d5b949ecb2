package dev.haneul.iam.policy;

import java.util.Map;

/** Short ways to build the policies and requests the rule tables use. */
final class Fixtures {

    static final String ACCOUNT = "111122223333";
    static final String OTHER_ACCOUNT = "444455556666";

    private Fixtures() {
    }

    /** An identity policy, Version 2012-10-17, of the given statements (JSON objects, comma separated). */
    static CompiledPolicy identity(String statements) {
        return identity("p", statements);
    }

    static CompiledPolicy identity(String id, String statements) {
        return CompiledPolicy.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}",
                PolicyType.IDENTITY, PolicySource.of(id, PolicySource.Type.USER));
    }

    static CompiledPolicy resource(String statements) {
        return CompiledPolicy.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}",
                PolicyType.RESOURCE, PolicySource.of("bucket-policy", PolicySource.Type.RESOURCE));
    }

    /** {@code {"Effect":effect,"Action":action,"Resource":resource}} plus an optional condition block. */
    static String statement(String effect, String action, String resource) {
        return "{\"Effect\":\"" + effect + "\",\"Action\":\"" + action + "\",\"Resource\":\"" + resource + "\"}";
    }

    static String allow(String action, String resource) {
        return statement("Allow", action, resource);
    }

    static String deny(String action, String resource) {
        return statement("Deny", action, resource);
    }

    static String allowWhen(String action, String resource, String condition) {
        return "{\"Effect\":\"Allow\",\"Action\":\"" + action + "\",\"Resource\":\"" + resource
                + "\",\"Condition\":" + condition + "}";
    }

    static Principal user(String name) {
        return Principal.user(ACCOUNT, "/", name, "AIDA" + name.toUpperCase(), Map.of());
    }

    static Principal user(String name, Map<String, String> tags) {
        return Principal.user(ACCOUNT, "/", name, "AIDA" + name.toUpperCase(), tags);
    }

    static Principal roleSession(String role, String session) {
        return Principal.roleSession(ACCOUNT, "/", role, "AROAEXAMPLE", session, Map.of());
    }

    static Principal federatedUser(String name, String userWhoFederated) {
        return Principal.federatedUser(ACCOUNT, name, "arn:aws:iam::" + ACCOUNT + ":user/" + userWhoFederated,
                Map.of());
    }

    static RequestContext.Builder request(Principal principal, String action, String resource) {
        return RequestContext.builder(principal, action).resource(resource);
    }
}
