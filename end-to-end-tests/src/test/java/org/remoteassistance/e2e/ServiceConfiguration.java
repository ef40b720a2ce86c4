package org.remoteassistance.e2e;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's configuration says, read from its sources: the environment variables it reads (each property of its
 * {@code application.properties} and of the defaults every service shares, as Quarkus maps them, and each
 * {@code ${VARIABLE}} they refer to), and its properties. The deployments (docker-compose.yml, deploy/kubernetes) are
 * checked against it.
 */
final class ServiceConfiguration {

    private static final Path ROOT = ProjectRoot.find();
    private static final Path SHARED = ROOT.resolve(
            "service-support/src/main/resources/META-INF/microprofile-config.properties");

    private ServiceConfiguration() {
    }

    /** The properties of a module's {@code application.properties} ({@code device-service}, ..., {@code console}). */
    static Properties properties(String module) {
        return load(ROOT.resolve(module).resolve("src/main/resources/application.properties"));
    }

    /** The variables the module reads from its own application.properties. */
    static Set<String> variablesRead(String module) {
        return variables(properties(module));
    }

    /** The variables a service reads: its own and the defaults every service shares (service-support). */
    static Set<String> variablesReadWithShared(String module) {
        Set<String> all = new LinkedHashSet<>(variablesRead(module));
        all.addAll(variables(load(SHARED)));
        return all;
    }

    /** The topics a service's channels consume ({@code mp.messaging.incoming.<channel>.topic(s)}). */
    static Set<String> topicsConsumed(String module) {
        Properties properties = properties(module);
        Set<String> topics = new HashSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topics?")) {
                for (String topic : properties.getProperty(key).split(",")) {
                    topics.add(topic.strip());
                }
            }
        }
        return topics;
    }

    private static Set<String> variables(Properties properties) {
        Set<String> variables = new HashSet<>();
        // ${VARIABLE} and ${some.property:default}: a property read through another is read all the same
        Pattern reference = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)");
        for (String key : properties.stringPropertyNames()) {
            String plain = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
            variables.add(plain.toUpperCase().replaceAll("[^A-Z0-9]", "_"));
            Matcher matcher = reference.matcher(properties.getProperty(key));
            while (matcher.find()) {
                variables.add(matcher.group(1).toUpperCase().replaceAll("[^A-Z0-9]", "_"));
            }
        }
        return variables;
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
