package dev.haneul.wafv2.engine;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The engine's shared Jackson mapper (thread-safe once configured). */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }
}
