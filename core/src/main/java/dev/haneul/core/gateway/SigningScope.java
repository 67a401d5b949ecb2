package dev.haneul.core.gateway;

/**
 * What a request's SigV4 credential scope says about its caller: access key, region and the
 * signing name of the service it was signed for.
 */
public record SigningScope(String accessKeyId, String region, String service) {}
