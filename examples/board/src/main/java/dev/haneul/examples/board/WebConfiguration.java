package dev.haneul.examples.board;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * The board's own servlet filters, in front of Spring Session's ({@link SessionRepositoryFilter#DEFAULT_ORDER})
 * and Spring Security's: the request log outermost, then {@code /health}, then the 503 for failing
 * dependencies.
 */
@Configuration(proxyBeanMethods = false)
final class WebConfiguration {

    @Bean
    FilterRegistrationBean<RequestLogFilter> requestLogFilter(InstanceName instance) {
        FilterRegistrationBean<RequestLogFilter> registration = new FilterRegistrationBean<>(new RequestLogFilter(instance));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<HealthFilter> healthFilter(InstanceName instance, ObjectMapper json) throws IOException {
        FilterRegistrationBean<HealthFilter> registration = new FilterRegistrationBean<>(new HealthFilter(instance, json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<UnavailableFilter> unavailableFilter(Unavailability unavailability) {
        FilterRegistrationBean<UnavailableFilter> registration =
                new FilterRegistrationBean<>(new UnavailableFilter(unavailability));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }
}
