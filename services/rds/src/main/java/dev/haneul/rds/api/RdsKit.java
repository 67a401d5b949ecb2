package dev.haneul.rds.api;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.CommonErrors;
import dev.haneul.core.resource.PageLimits;
import dev.haneul.core.resource.Paging;
import dev.haneul.core.resource.TagRules;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * RDS's settings of the kit's rules: paging ({@code MaxRecords} 20 to 100, default 100; the
 * marker is an offset) and tags (AWS's limits, {@code aws:} and {@code rds:} reserved), with
 * RDS's errors and wording.
 */
final class RdsKit {

    static final PageLimits PAGE_LIMITS = new PageLimits(20, 100, 100);

    static final Paging PAGING = new Paging(PAGE_LIMITS, new Paging.Errors() {
        @Override
        public AwsServiceException invalidSize(int size, PageLimits limits) {
            return CommonErrors.invalidParameterValue("Invalid value " + size + " for MaxRecords. Must be between "
                    + limits.min() + " and " + limits.max() + ".");
        }

        @Override
        public AwsServiceException invalidMarker(String marker) {
            return CommonErrors.invalidParameterValue("Invalid marker: " + marker);
        }
    });

    static final TagRules TAGS = TagRules.standard(new TagRules.Errors() {
        @Override
        public AwsServiceException tooMany(int max) {
            return CommonErrors.invalidParameterValue("Cannot add tags: a resource holds at most " + max + " tags.");
        }

        @Override
        public AwsServiceException invalidKey(String key, String reason) {
            return CommonErrors.invalidParameterValue("Invalid tag key " + key + ": " + reason + ".");
        }

        @Override
        public AwsServiceException invalidValue(String key, String reason) {
            return CommonErrors.invalidParameterValue("Invalid value of tag " + key + ": " + reason + ".");
        }
    }).reserving("rds:");

    private RdsKit() {}

    /** The tags of a request, validated; none when the request has none. */
    static Map<String, String> tags(@Nullable List<Tag> tags) {
        if (tags == null) {
            return Map.of();
        }
        return TAGS.validate(tags.stream().map(t -> Map.entry(t.key() == null ? "" : t.key(),
                t.value() == null ? "" : t.value())).toList());
    }

    /** Tags as the API lists them. */
    static List<Tag> shapes(Map<String, String> tags) {
        return tags.entrySet().stream().map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList();
    }
}
