package dev.haneul.examples.board;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.session.SessionAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Entry point. Two auto-configurations are replaced by explicit ones: the database
 * ({@link DatabaseConfiguration}: a writer and a reader pool instead of one DataSource) and the
 * session store ({@link SessionStoreConfiguration}: Redis or this server's memory, by
 * {@code BOARD_SESSION_STORE}).
 */
@SpringBootApplication(exclude = {DataSourceAutoConfiguration.class, SessionAutoConfiguration.class})
@EnableConfigurationProperties(BoardProperties.class)
public class BoardApplication {

    public static void main(String[] args) {
        SpringApplication.run(BoardApplication.class, args);
    }
}
