package dev.haneul.examples.board;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The database: one {@link BoardDatabase} holding the writer and the reader pools (no DataSource bean). */
@Configuration(proxyBeanMethods = false)
final class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    BoardDatabase boardDatabase(BoardProperties properties) {
        return new BoardDatabase(properties.db());
    }
}
