package dev.haneul.elasticache.api;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.RequestContext;
import dev.haneul.core.resource.Page;
import dev.haneul.core.resource.Paging;
import dev.haneul.core.resource.ResourceEvent;
import dev.haneul.core.state.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.elasticache.model.DescribeEventsRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeEventsResponse;
import software.amazon.awssdk.services.elasticache.model.Event;

/** {@code DescribeEvents} over the events the store keeps. */
final class Events {

    private final CacheStore store;
    private final Validation validation;
    private final Paging paging;

    Events(CacheStore store, Validation validation) {
        this.store = requireNonNull(store, "store");
        this.validation = requireNonNull(validation, "validation");
        this.paging = new Paging(Validation.PAGE_LIMITS, validation.pagingErrors());
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DescribeEvents.html">DescribeEvents</a>:
     * newest first; by default the last hour.
     */
    DescribeEventsResponse describe(RequestContext context, DescribeEventsRequest request) {
        Scope scope = Defaults.scope(context);
        validation.pageSize(request.maxRecords());
        if (request.sourceIdentifier() != null && request.sourceType() == null) {
            throw validation.invalidCombination("SourceType is required with SourceIdentifier.");
        }
        Instant now = store.clock().instant();
        Instant end = request.endTime() != null ? request.endTime() : now;
        Instant start = request.startTime() != null ? request.startTime()
                : end.minus(Duration.ofMinutes(request.duration() != null ? request.duration() : 60));
        if (start.isAfter(end)) {
            throw validation.invalidCombination("StartTime must be before EndTime.");
        }
        String type = request.sourceTypeAsString();
        String source = request.sourceIdentifier() == null ? null : request.sourceIdentifier().toLowerCase(Locale.ROOT);
        List<ResourceEvent> events = store.read(scope, state -> state.events().reversed().stream()
                .filter(e -> !e.date().isBefore(start) && !e.date().isAfter(end))
                .filter(e -> type == null || e.sourceType().equals(type))
                .filter(e -> source == null || e.sourceIdentifier().equals(source))
                .toList());
        Page<ResourceEvent> page = paging.byOffset(events, request.marker(), request.maxRecords());
        return DescribeEventsResponse.builder().marker(page.nextMarker()).events(page.items().stream()
                .map(e -> Event.builder().sourceIdentifier(e.sourceIdentifier()).sourceType(e.sourceType())
                        .message(e.message()).date(e.date()).build()).toList()).build();
    }
}
