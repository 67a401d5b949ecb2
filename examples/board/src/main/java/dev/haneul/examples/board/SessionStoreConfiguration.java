package dev.haneul.examples.board;

import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.data.redis.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.data.redis.config.annotation.web.http.EnableRedisHttpSession;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * Where HTTP sessions live, by {@code BOARD_SESSION_STORE}:
 * <ul>
 *   <li>{@code redis} (default): Spring Session keeps each session in Redis (the ElastiCache
 *       primary endpoint, {@code spring.data.redis.*}) as a hash {@code board:session:sessions:<id>},
 *       so every instance behind the load balancer sees every login. This uses
 *       {@code RedisSessionRepository}, which needs no keyspace notifications (ElastiCache refuses
 *       {@code CONFIG SET}).</li>
 *   <li>{@code memory}: no Spring Session; the servlet container keeps sessions in this JVM, so a
 *       user is logged in on the instance that logged them in only (what sticky sessions protect).</li>
 * </ul>
 * The cookie is named {@code server.servlet.session.cookie.name} ({@code SESSION}) in both modes.
 *
 * <p>Failover: Lettuce reconnects by itself when the endpoint drops its connection; commands
 * issued meanwhile wait for the reconnect up to {@code spring.data.redis.timeout}. Its default
 * reconnect back-off grows to 30 s, far longer than a cache failover, so it is capped at
 * {@link #MAX_RECONNECT_DELAY} here.
 */
@Configuration(proxyBeanMethods = false)
final class SessionStoreConfiguration {

    /** Prefix of the board's keys in Redis. */
    static final String REDIS_NAMESPACE = "board:session";
    /** Session lifetime without requests, as the servlet container's default. */
    static final int MAX_INACTIVE_SECONDS = 1800;
    static final Duration MIN_RECONNECT_DELAY = Duration.ofMillis(50);
    static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "board.session-store", havingValue = "redis", matchIfMissing = true)
    @EnableRedisHttpSession(redisNamespace = REDIS_NAMESPACE, maxInactiveIntervalInSeconds = MAX_INACTIVE_SECONDS)
    static final class RedisSessions {

        @Bean
        CookieSerializer cookieSerializer(@Value("${server.servlet.session.cookie.name}") String cookieName) {
            DefaultCookieSerializer serializer = new DefaultCookieSerializer();
            serializer.setCookieName(cookieName);
            serializer.setSameSite("Lax");
            return serializer;
        }

        @Bean
        ClientResourcesBuilderCustomizer boundedReconnectDelay() {
            return resources -> resources.reconnectDelay(
                    Delay.exponential(MIN_RECONNECT_DELAY, MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS));
        }
    }
}
