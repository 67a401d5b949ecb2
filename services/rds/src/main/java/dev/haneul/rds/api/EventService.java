package dev.haneul.rds.api;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.CommonErrors;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.resource.EventLog;
import dev.haneul.core.resource.Page;
import dev.haneul.core.resource.ResourceEvent;
import dev.haneul.core.state.Scope;
import dev.haneul.rds.model.RdsState;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.rds.model.DescribeEventsRequest;
import software.amazon.awssdk.services.rds.model.DescribeEventsResponse;

/** DescribeEvents over the kit's {@link EventLog}. */
final class EventService {

    private final RdsStore store;
    private final Clock clock;

    EventService(RdsStore store, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeEvents.html">DescribeEvents</a>:
     * the last {@code Duration} minutes (default 60) or {@code StartTime}..{@code EndTime}, oldest first.
     */
    DescribeEventsResponse describeEvents(RequestContext context, DescribeEventsRequest request) {
        Scope scope = RdsStore.scope(context);
        if (request.sourceIdentifier() != null && request.sourceTypeAsString() == null) {
            throw CommonErrors.invalidParameterCombination(
                    "Cannot specify a SourceIdentifier without a SourceType.");
        }
        String sourceId = RdsValidation.lookupOptional(request.sourceIdentifier());
        EventLog.Query query = new EventLog.Query(request.startTime(), request.endTime(), request.duration(),
                request.sourceTypeAsString(), sourceId,
                request.hasEventCategories() ? request.eventCategories() : List.of());
        List<ResourceEvent> events = EventLog.select(store.read(scope, RdsState::events), query,
                clock.instant());
        Page<ResourceEvent> page = RdsKit.PAGING.byOffset(events, request.marker(), request.maxRecords());
        return DescribeEventsResponse.builder()
                .events(page.items().stream().map(RdsShapes::event).toList())
                .marker(page.nextMarker())
                .build();
    }

}
