package dev.haneul.wafv2.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Looks up what a web ACL references, by ARN, in the JSON forms the API stores (as the Get*
 * operations return them): an IP set ({@code Addresses}, {@code IPAddressVersion}), a regex pattern
 * set ({@code RegularExpressionList}), a rule group ({@code Rules}, {@code CustomResponseBodies},
 * {@code Capacity}, {@code Name}, {@code ARN}). Empty when nothing has that ARN (the compiler then
 * throws {@link WafValidationException}; the API maps a missing reference to
 * {@code WAFNonexistentItemException} itself if it checks first).
 */
public interface ReferenceResolver {

    /** Resolves nothing: for web ACLs that reference no sets or rule groups (tests, the bench). */
    ReferenceResolver NONE = new ReferenceResolver() {
        @Override
        public Optional<JsonNode> ipSet(String arn) {
            return Optional.empty();
        }

        @Override
        public Optional<JsonNode> regexPatternSet(String arn) {
            return Optional.empty();
        }

        @Override
        public Optional<JsonNode> ruleGroup(String arn) {
            return Optional.empty();
        }
    };

    Optional<JsonNode> ipSet(String arn);

    Optional<JsonNode> regexPatternSet(String arn);

    Optional<JsonNode> ruleGroup(String arn);
}
