package dev.haneul.core.protocol;

import java.util.Map;

/** What a codec read from a request: the operation it names and its input value tree. */
public record DecodedRequest(OperationModel operation, Map<String, Object> input) {}
