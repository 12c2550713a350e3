package dev.berth.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * berth's own version and build time, written into the jar by the build.
 *
 * @param version the project version
 * @param built   when the jar was built, as the build recorded it
 */
public record BerthVersion(String version, String built) {

    public static BerthVersion current() {
        Properties properties = new Properties();
        try (InputStream in = BerthVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from berth-core's jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BerthVersion(properties.getProperty("version"), properties.getProperty("built"));
    }
}
