package dev.haneul.rds.model;

import static java.util.Objects.requireNonNull;

/** A resource tag; the value may be empty but not absent. */
public record Tag(String key, String value) {

    public Tag {
        requireNonNull(key, "key");
        value = value == null ? "" : value;
    }
}
