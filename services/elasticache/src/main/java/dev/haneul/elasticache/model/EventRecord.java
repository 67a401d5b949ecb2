package dev.haneul.elasticache.model;

import java.time.Instant;

/** One event, as {@code DescribeEvents} lists it. */
public record EventRecord(String sourceIdentifier, String sourceType, String message, Instant date) {}
