package dev.haneul.core.http;

import java.nio.charset.StandardCharsets;

/** The HTTP/1.x versions a head can carry (anything else is refused while parsing). */
public enum HttpVersion {
    HTTP_1_0("HTTP/1.0"),
    HTTP_1_1("HTTP/1.1");

    /** Both versions are eight bytes long on the wire. */
    static final int LENGTH = 8;

    private final String text;
    private final byte[] bytes;

    HttpVersion(String text) {
        this.text = text;
        this.bytes = text.getBytes(StandardCharsets.US_ASCII);
    }

    byte[] bytes() {
        return bytes;
    }

    @Override
    public String toString() {
        return text;
    }
}
