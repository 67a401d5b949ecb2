package dev.haneul.examples.board;

import jakarta.servlet.DispatcherType;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Form login with a few demo users, whose names and passwords the login page shows. Everything
 * but the login page, {@code /health/deep} and static files needs a login ({@code /health} is
 * answered before security, by {@link HealthFilter}), so a lost session shows as a
 * redirect to {@code /login} (or a 401 under {@code /api/}). CSRF protection is on: forms carry a
 * {@code _csrf} field whose token lives in the session.
 */
@Configuration(proxyBeanMethods = false)
final class SecurityConfiguration {

    /** Demo users; each one's password is the user name. */
    static final List<String> DEMO_USERS = List.of("alice", "bob", "carol");

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .requestMatchers("/login", "/health/deep", "/error",
                                "/css/**", "/js/**", "/favicon.svg", "/favicon.ico").permitAll()
                        .anyRequest().authenticated())
                .formLogin(login -> login.loginPage("/login").defaultSuccessUrl("/"))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoint()))
                .requestCache(cache -> cache.requestCache(pagesOnly()))
                .build();
    }

    private static final RequestMatcher API = PathPatternRequestMatcher.withDefaults().matcher("/api/**");

    /**
     * The page to return to after login is remembered in the session for pages only: an
     * unauthenticated {@code /api/} call must not create a session (and a new session cookie).
     */
    private static RequestCache pagesOnly() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setRequestMatcher(new NegatedRequestMatcher(API));
        return cache;
    }

    /** Without a session: {@code /api/**} answers 401, anything else redirects to the login page, whatever the Accept header. */
    private static AuthenticationEntryPoint entryPoint() {
        LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> byPath = new LinkedHashMap<>();
        byPath.put(API, new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED));
        DelegatingAuthenticationEntryPoint entryPoint = new DelegatingAuthenticationEntryPoint(byPath);
        entryPoint.setDefaultEntryPoint(new LoginUrlAuthenticationEntryPoint("/login"));
        return entryPoint;
    }

    @Bean
    UserDetailsService demoUsers() {
        // {noop}: plain-text demo passwords, no hashing cost per login (the labs log in many users).
        return new InMemoryUserDetailsManager(DEMO_USERS.stream()
                .map(name -> User.withUsername(name).password("{noop}" + name).roles("USER").build())
                .toList());
    }
}
