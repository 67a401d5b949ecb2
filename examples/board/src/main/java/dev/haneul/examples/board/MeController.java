package dev.haneul.examples.board;

import java.security.Principal;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/me}: who the session belongs to and which instance answered, as JSON, without
 * touching the database. A cheap probe for load tests of sessions: 200 while logged in, 401 once
 * the session is gone.
 */
@RestController
final class MeController {

    private final InstanceName instance;
    private final BoardProperties properties;

    MeController(InstanceName instance, BoardProperties properties) {
        this.instance = instance;
        this.properties = properties;
    }

    @GetMapping("/api/me")
    Map<String, String> me(Principal principal) {
        return Map.of("user", principal.getName(), "instance", instance.get(),
                "sessionStore", properties.sessionStore().label());
    }
}
