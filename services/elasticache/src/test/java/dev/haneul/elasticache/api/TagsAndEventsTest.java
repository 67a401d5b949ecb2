package dev.haneul.elasticache.api;

import static dev.haneul.elasticache.api.ProviderFixture.CONTEXT;
import static dev.haneul.elasticache.api.ProviderFixture.SCOPE;
import static dev.haneul.elasticache.api.ProviderFixture.assertError;
import static dev.haneul.elasticache.api.ProviderFixture.tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticache.model.AddTagsToResourceRequest;
import software.amazon.awssdk.services.elasticache.model.CreateReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.DeleteReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeEventsRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeEventsResponse;
import software.amazon.awssdk.services.elasticache.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.elasticache.model.RemoveTagsFromResourceRequest;
import software.amazon.awssdk.services.elasticache.model.SourceType;
import software.amazon.awssdk.services.elasticache.model.Tag;

/** Tags by ARN with their limits, and DescribeEvents with its window and markers. */
class TagsAndEventsTest {

    private static final String GROUP_ARN = "arn:aws:elasticache:us-east-1:000000000000:replicationgroup:sessions";
    private static final String MEMBER_ARN = "arn:aws:elasticache:us-east-1:000000000000:cluster:sessions-002";

    @TempDir
    Path dir;
    private ProviderFixture fixture;
    private Tags tagsApi;

    @BeforeEach
    void setUp() {
        fixture = new ProviderFixture(dir);
        tagsApi = fixture.provider.tags;
        fixture.createGroup("sessions", 2);
    }

    private List<Tag> list(String arn) {
        return tagsApi.list(CONTEXT, ListTagsForResourceRequest.builder().resourceName(arn).build()).tagList();
    }

    @Test
    void tagsAreAddedReplacedListedAndRemoved() {
        tagsApi.add(CONTEXT, AddTagsToResourceRequest.builder().resourceName(GROUP_ARN).tags(tags(2)).build());
        tagsApi.add(CONTEXT, AddTagsToResourceRequest.builder().resourceName(GROUP_ARN)
                .tags(Tag.builder().key("k1").value("new").build()).build());
        assertThat(list(GROUP_ARN)).extracting(Tag::key, Tag::value)
                .containsExactly(tuple("k0", "v0"), tuple("k1", "new"));
        tagsApi.remove(CONTEXT, RemoveTagsFromResourceRequest.builder().resourceName(GROUP_ARN).tagKeys("k0").build());
        assertThat(list(GROUP_ARN)).extracting(Tag::key).containsExactly("k1");
        assertError(() -> tagsApi.remove(CONTEXT, RemoveTagsFromResourceRequest.builder().resourceName(GROUP_ARN)
                .tagKeys("k0").build()), "TagNotFound", 404);
        tagsApi.add(CONTEXT, AddTagsToResourceRequest.builder().resourceName(MEMBER_ARN).tags(tags(1)).build());
        assertThat(list(MEMBER_ARN)).hasSize(1);
        assertThat(fixture.provider.resourceTags(SCOPE, GROUP_ARN)).contains(Map.of("k1", "new"));
    }

    @Test
    void aResourceHoldsAtMostFiftyTagsAndAwsKeysAreReserved() {
        tagsApi.add(CONTEXT, AddTagsToResourceRequest.builder().resourceName(GROUP_ARN).tags(tags(50)).build());
        assertError(() -> tagsApi.add(CONTEXT, AddTagsToResourceRequest.builder().resourceName(GROUP_ARN)
                .tags(Tag.builder().key("one-more").value("x").build()).build()), "TagQuotaPerResourceExceeded", 400);
        assertError(() -> tagsApi.add(CONTEXT, AddTagsToResourceRequest.builder().resourceName(MEMBER_ARN)
                .tags(tags(51)).build()), "TagQuotaPerResourceExceeded", 400);
        assertError(() -> tagsApi.add(CONTEXT, AddTagsToResourceRequest.builder().resourceName(MEMBER_ARN)
                .tags(Tag.builder().key("AWS:owner").value("x").build()).build()), "InvalidParameterValue", 400);
        assertError(() -> tagsApi.add(CONTEXT, AddTagsToResourceRequest.builder().resourceName(MEMBER_ARN)
                .tags(Tag.builder().key("k".repeat(129)).value("x").build()).build()), "InvalidParameterValue", 400);
        assertError(() -> fixture.provider.groups.create(CONTEXT, CreateReplicationGroupRequest.builder()
                .replicationGroupId("tagged").replicationGroupDescription("d").tags(tags(51)).build()),
                "TagQuotaPerResourceExceeded", 400);
    }

    @Test
    void onlyElastiCacheArnsOfThisScopeAndOfExistingResourcesAreTaggable() {
        assertError(() -> list("not-an-arn"), "InvalidARN", 400);
        assertError(() -> list("arn:aws:rds:us-east-1:000000000000:cluster:sessions"), "InvalidARN", 400);
        assertError(() -> list("arn:aws:elasticache:eu-west-1:000000000000:replicationgroup:sessions"), "InvalidARN", 400);
        assertError(() -> list("arn:aws:elasticache:us-east-1:000000000000:snapshot:s1"), "InvalidARN", 400);
        assertError(() -> list("arn:aws:elasticache:us-east-1:000000000000:replicationgroup:nope"),
                "ReplicationGroupNotFoundFault", 404);
        assertError(() -> list("arn:aws:elasticache:us-east-1:000000000000:cluster:nope"), "CacheClusterNotFound", 404);
        assertThat(fixture.provider.resourceTags(SCOPE, "arn:aws:elasticache:us-east-1:000000000000:cluster:nope"))
                .isEmpty();
    }

    @Test
    void aDeletedGroupTakesItsTagsAndItsMembersTagsAlong() {
        tagsApi.add(CONTEXT, AddTagsToResourceRequest.builder().resourceName(GROUP_ARN).tags(tags(2)).build());
        tagsApi.add(CONTEXT, AddTagsToResourceRequest.builder().resourceName(MEMBER_ARN).tags(tags(2)).build());
        fixture.provider.groups.delete(CONTEXT, DeleteReplicationGroupRequest.builder().replicationGroupId("sessions")
                .build());
        int tagged = fixture.provider.store.read(SCOPE, state -> state.tags().size());
        assertThat(tagged).isZero();
    }

    @Test
    void eventsAreNewestFirstFromTheLastHourPagedByMarker() {
        for (int i = 0; i < 30; i++) {
            fixture.provider.store.event(SCOPE, "cache-cluster", "c" + i, "event " + i);
        }
        DescribeEventsResponse first = fixture.provider.events.describe(CONTEXT, DescribeEventsRequest.builder()
                .sourceType(SourceType.CACHE_CLUSTER).maxRecords(20).build());
        assertThat(first.events()).hasSize(20);
        assertThat(first.events().get(0).message()).isEqualTo("event 29");
        List<String> all = new ArrayList<>();
        first.events().forEach(e -> all.add(e.message()));
        DescribeEventsResponse second = fixture.provider.events.describe(CONTEXT, DescribeEventsRequest.builder()
                .sourceType(SourceType.CACHE_CLUSTER).maxRecords(20).marker(first.marker()).build());
        second.events().forEach(e -> all.add(e.message()));
        assertThat(second.marker()).isNull();
        // 30 here, and the two "Cache cluster created" of the group's members
        assertThat(all).hasSize(32).filteredOn(m -> m.startsWith("event ")).hasSize(30).doesNotHaveDuplicates();
        fixture.clock.advance(Duration.ofHours(2));
        assertThat(fixture.provider.events.describe(CONTEXT, DescribeEventsRequest.builder().build()).events()).isEmpty();
        assertThat(fixture.provider.events.describe(CONTEXT, DescribeEventsRequest.builder().duration(180).build())
                .events()).hasSizeGreaterThan(30);
    }

    @Test
    void describeEventsChecksItsParameters() {
        assertError(() -> fixture.provider.events.describe(CONTEXT, DescribeEventsRequest.builder()
                .sourceIdentifier("sessions").build()), "InvalidParameterCombination", 400);
        assertError(() -> fixture.provider.events.describe(CONTEXT, DescribeEventsRequest.builder()
                .startTime(Instant.parse("2026-01-02T00:00:00Z")).endTime(Instant.parse("2026-01-01T00:00:00Z")).build()),
                "InvalidParameterCombination", 400);
        assertError(() -> fixture.provider.events.describe(CONTEXT, DescribeEventsRequest.builder().marker("x").build()),
                "InvalidParameterValue", 400);
        assertError(() -> fixture.provider.events.describe(CONTEXT, DescribeEventsRequest.builder().maxRecords(500)
                .build()), "InvalidParameterValue", 400);
    }
}
