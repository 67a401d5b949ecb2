package dev.haneul.rds.api;

import static dev.haneul.rds.api.RdsApiFixture.CONTEXT;
import static dev.haneul.rds.api.RdsApiFixture.SCOPE;
import static dev.haneul.rds.api.RdsApiFixture.errorCode;
import static dev.haneul.rds.api.RdsApiFixture.errorMessage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.rds.model.Arns;
import dev.haneul.rds.model.RdsEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rds.model.AddTagsToResourceRequest;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersResponse;
import software.amazon.awssdk.services.rds.model.DescribeEventsRequest;
import software.amazon.awssdk.services.rds.model.Event;
import software.amazon.awssdk.services.rds.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.rds.model.RemoveTagsFromResourceRequest;
import software.amazon.awssdk.services.rds.model.Tag;

/** Tags, paging and events of the RDS API, in memory (no engines). */
class RdsTagsPagingEventsTest {

    @TempDir
    Path tmp;

    private RdsApiFixture rds;

    @BeforeEach
    void setUp() {
        rds = new RdsApiFixture(tmp);
        rds.clusterWith("c1", "db-1");
    }

    @Test
    void tagsAreAddedOverListedAndRemovedByArnOfEveryKindOfResource() {
        String cluster = Arns.cluster(SCOPE, "c1");
        addTags(cluster, tag("team", "web"), tag("env", "dev"));
        addTags(cluster, tag("env", "prod"));
        assertThat(listTags(cluster)).containsExactly(tag("team", "web"), tag("env", "prod"));
        rds.tags.removeTagsFromResource(CONTEXT, RemoveTagsFromResourceRequest.builder().resourceName(cluster)
                .tagKeys("team", "absent").build());
        assertThat(listTags(cluster)).containsExactly(tag("env", "prod"));
        String instance = Arns.instance(SCOPE, "db-1");
        addTags(instance, Tag.builder().key("empty").build());
        assertThat(listTags(instance)).containsExactly(tag("empty", ""));
        assertThat(rds.tags.resourceTags(SCOPE, instance)).hasValueSatisfying(t -> assertThat(t).containsKey("empty"));
        assertThat(rds.tags.resourceTags(SCOPE, Arns.cluster(SCOPE, "nope"))).isEmpty();
    }

    @Test
    void aResourceHoldsAtMostFiftyTagsAndAwsAndRdsPrefixesAreReserved() {
        String cluster = Arns.cluster(SCOPE, "c1");
        Tag[] fifty = IntStream.range(0, 50).mapToObj(i -> tag("k" + i, "v")).toArray(Tag[]::new);
        addTags(cluster, fifty);
        errorMessage(() -> addTags(cluster, tag("one-more", "v")))
                .isEqualTo("Cannot add tags: a resource holds at most 50 tags.");
        addTags(cluster, tag("k0", "replaced"));
        errorCode(() -> addTags(cluster, tag("aws:owner", "x"))).isEqualTo("InvalidParameterValue");
        errorCode(() -> addTags(cluster, tag("RDS:owner", "x"))).isEqualTo("InvalidParameterValue");
        errorCode(() -> addTags(cluster, tag("k".repeat(129), "x"))).isEqualTo("InvalidParameterValue");
        errorCode(() -> addTags(cluster, tag("long", "v".repeat(257)))).isEqualTo("InvalidParameterValue");
        errorCode(() -> rds.clusters.createDBCluster(CONTEXT, RdsApiFixture.cluster("c2")
                .tags(tag("aws:x", "y")).build())).isEqualTo("InvalidParameterValue");
        boolean created = rds.store.read(SCOPE, s -> s.cluster("c2").isPresent());
        assertThat(created).isFalse();
    }

    @Test
    void tagsNeedAnRdsArnOfTheCallersRegionNamingAResourceThatExists() {
        errorMessage(() -> listTags("c1")).isEqualTo("Invalid resource name: c1");
        errorCode(() -> listTags("arn:aws:s3:::bucket")).isEqualTo("InvalidParameterValue");
        errorMessage(() -> listTags("arn:aws:rds:eu-west-1:000000000000:cluster:c1"))
                .isEqualTo("The specified resource name does not match an RDS resource in this region.");
        errorCode(() -> listTags(Arns.cluster(SCOPE, "nope"))).isEqualTo("DBClusterNotFoundFault");
        errorCode(() -> listTags(Arns.instance(SCOPE, "nope"))).isEqualTo("DBInstanceNotFound");
        errorCode(() -> listTags(Arns.clusterEndpoint(SCOPE, "nope"))).isEqualTo("DBClusterEndpointNotFoundFault");
    }

    @Test
    void describeClustersPagesByMaxRecordsWithAMarker() {
        for (int i = 2; i <= 25; i++) {
            rds.clusterWith("c" + i);
        }
        DescribeDbClustersResponse first = describeClusters(20, null);
        assertThat(first.dbClusters()).hasSize(20);
        assertThat(first.marker()).isNotNull();
        DescribeDbClustersResponse second = describeClusters(20, first.marker());
        assertThat(second.dbClusters()).hasSize(5);
        assertThat(second.marker()).isNull();
        assertThat(describeClusters(null, null).dbClusters()).extracting(DBCluster::dbClusterIdentifier)
                .hasSize(25).doesNotHaveDuplicates();
        errorMessage(() -> describeClusters(19, null))
                .isEqualTo("Invalid value 19 for MaxRecords. Must be between 20 and 100.");
        errorMessage(() -> describeClusters(20, "zzz")).isEqualTo("Invalid marker: zzz");
    }

    @Test
    void eventsListTheLastHourBySourceAndCategory() {
        rds.store.write(SCOPE, state -> {
            state.add(RdsEvents.cluster(SCOPE, "c1", "old", "notification", rds.clock.instant().minusSeconds(7200)));
            state.add(RdsEvents.instance(SCOPE, "db-1", "failed once", "failure", rds.clock.instant()));
            return null;
        });
        rds.clock.advance(Duration.ofMinutes(1));
        assertThat(events(DescribeEventsRequest.builder())).extracting(Event::message).containsExactly("failed once");
        assertThat(events(DescribeEventsRequest.builder().duration(180))).extracting(Event::message)
                .containsExactly("old", "failed once");
        assertThat(events(DescribeEventsRequest.builder().sourceType("db-instance").sourceIdentifier("DB-1")))
                .hasSize(1);
        assertThat(events(DescribeEventsRequest.builder().eventCategories("creation"))).isEmpty();
        assertThat(events(DescribeEventsRequest.builder().sourceType("db-cluster").duration(180)))
                .extracting(Event::sourceArn).containsExactly(Arns.cluster(SCOPE, "c1"));
        errorCode(() -> events(DescribeEventsRequest.builder().sourceIdentifier("db-1")))
                .isEqualTo("InvalidParameterCombination");
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private void addTags(String arn, Tag... tags) {
        rds.tags.addTagsToResource(CONTEXT, AddTagsToResourceRequest.builder().resourceName(arn).tags(tags).build());
    }

    private List<Tag> listTags(String arn) {
        return rds.tags.listTagsForResource(CONTEXT, ListTagsForResourceRequest.builder().resourceName(arn).build())
                .tagList();
    }

    private DescribeDbClustersResponse describeClusters(Integer maxRecords, String marker) {
        return rds.clusters.describeDBClusters(CONTEXT, DescribeDbClustersRequest.builder().maxRecords(maxRecords)
                .marker(marker).build());
    }

    private List<Event> events(DescribeEventsRequest.Builder request) {
        return rds.events.describeEvents(CONTEXT, request.build()).events();
    }
}
