package dev.haneul.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this Haneul build. */
public final class HaneulVersion {

    private static final String VERSION = load();

    private HaneulVersion() {}

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = HaneulVersion.class.getResourceAsStream("/dev/haneul/core/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
