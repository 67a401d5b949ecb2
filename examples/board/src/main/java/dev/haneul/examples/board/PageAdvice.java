package dev.haneul.examples.board;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.dao.DataAccessException;
import org.springframework.lang.Nullable;
import org.springframework.transaction.TransactionException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page shows (the footer's instance and session store, the header's user), and the
 * 503 page for a database or session store failure inside a controller. Pages only: the JSON
 * endpoints must not load the session (the user), so that {@code /health} answers while Redis is down.
 */
@ControllerAdvice(assignableTypes = {BoardController.class, ErrorController.class})
final class PageAdvice {

    private final InstanceName instance;
    private final BoardProperties properties;
    private final Unavailability unavailability;

    PageAdvice(InstanceName instance, BoardProperties properties, Unavailability unavailability) {
        this.instance = instance;
        this.properties = properties;
        this.unavailability = unavailability;
    }

    @ModelAttribute
    void common(Model model, @Nullable Principal principal) {
        model.addAttribute("instance", instance.get());
        model.addAttribute("sessionStore", properties.sessionStore().label());
        if (principal != null) {
            model.addAttribute("user", principal.getName());
        }
    }

    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    void unavailable(Exception failure, HttpServletRequest request, HttpServletResponse response) throws IOException {
        unavailability.respond(request, response,
                Unavailability.dependencyOf(failure).orElse(Unavailability.Dependency.DATABASE), failure);
    }
}
