package dev.haneul.core.http;

/**
 * What {@link HttpMessageDecoder} passes on after the last body part of a message (a head whose
 * {@link HttpHead#hasBody()} is false is complete by itself and gets none). Carries nothing, so
 * one instance serves every message.
 */
public final class HttpBodyEnd {

    public static final HttpBodyEnd INSTANCE = new HttpBodyEnd();

    private HttpBodyEnd() {}

    @Override
    public String toString() {
        return "HttpBodyEnd";
    }
}
