package dev.haneul.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The server's logging, set up in code rather than by a {@code logback.xml}: logback's XML
 * configurator (Joran, with SAX and its model processing) cost the server some 0.1 s of its start-up
 * on every run. Lines go to standard output (the command line sends it to {@code logs/haneul.log})
 * as {@code time LEVEL message}: messages name the resource that is talking ("rds/mycluster - ..."),
 * so the logger name would add little. Haneul logs at {@code HANEUL_LOG_LEVEL} (system property or
 * environment variable; default INFO), everything else at WARN.
 *
 * <p>Steps aside for a {@code logback-test.xml} (test class paths) and for
 * {@code -Dlogback.configurationFile}, which logback's own configurators then read.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogConfiguration extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %msg%n";
    private static final String LEVEL_SETTING = "HANEUL_LOG_LEVEL";

    /** For logback's {@link java.util.ServiceLoader}. */
    public LogConfiguration() {}

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogConfiguration.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDOUT");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(console);
        context.getLogger("dev.haneul").setLevel(haneulLevel());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** {@code HANEUL_LOG_LEVEL} as a system property, else from the environment; INFO when unset or not a level. */
    private static Level haneulLevel() {
        String setting = System.getProperty(LEVEL_SETTING);
        if (setting == null || setting.isBlank()) {
            setting = System.getenv(LEVEL_SETTING);
        }
        return Level.toLevel(setting == null ? null : setting.trim(), Level.INFO);
    }
}
