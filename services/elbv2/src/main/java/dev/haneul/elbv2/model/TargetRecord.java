package dev.haneul.elbv2.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;

/** A registered target: its id (an IP address for target type ip), its port, its Availability Zone if given. */
public record TargetRecord(String id, int port, @Nullable String availabilityZone) {

    @JsonIgnore
    public String key() {
        return id + ":" + port;
    }
}
