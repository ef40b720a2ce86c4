package org.remoteassistance.localstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The real Kafka and PostgreSQL the services' {@code @QuarkusTest}s share: started once per test JVM, stopped when it
 * exits. A {@code @TestProfile} restarts Quarkus in a new class loader, where this class and its fields are new: the
 * running stack and the signing keys are handed on through system properties, so a profile does not start a second
 * broker and database. Embedded (from Maven artifacts) by default; Testcontainers where a Docker engine answers and
 * {@code -Dlocal-stack.mode} is {@code auto} or {@code containers}.
 */
public class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

    private static final Logger LOG = Logger.getLogger(LocalStackTestResource.class);

    /** What the tests connect to, whichever way it was started. */
    public record Endpoints(String kafkaBootstrapServers, String jdbcUrl) {
    }

    private static final String KAFKA_PROPERTY = "local-stack.test.kafka-bootstrap-servers";
    private static final String JDBC_PROPERTY = "local-stack.test.jdbc-url";
    private static final String SIGNING_KEYS_PROPERTY = "local-stack.test.signing-keys";

    private static Endpoints endpoints;
    private static Path signingKeys;

    @Override
    public Map<String, String> start() {
        Endpoints running = shared();
        return Map.of(
                "kafka.bootstrap.servers", running.kafkaBootstrapServers(),
                "quarkus.datasource.jdbc.url", running.jdbcUrl(),
                "mp.jwt.verify.publickey.location", publicKey().toString(),
                "mp.jwt.verify.issuer", Tokens.ISSUER,
                "mp.jwt.verify.audiences", Tokens.AUDIENCE);
    }

    /** Signs tokens the services of this test JVM accept. */
    public static Tokens tokens() {
        publicKey();
        return Tokens.from(signingKeys);
    }

    private static synchronized Path publicKey() {
        try {
            if (signingKeys == null) {
                String handedOn = System.getProperty(SIGNING_KEYS_PROPERTY);
                signingKeys = handedOn != null ? Path.of(handedOn) : Files.createTempDirectory("local-stack-jwt");
                System.setProperty(SIGNING_KEYS_PROPERTY, signingKeys.toString());
            }
            return SigningKeys.ensure(signingKeys);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the stack on first use in this JVM. */
    public static Endpoints shared() {
        synchronized (System.class) { // one lock whichever class loader loaded this class
            if (endpoints == null) {
                String kafka = System.getProperty(KAFKA_PROPERTY);
                String jdbc = System.getProperty(JDBC_PROPERTY);
                endpoints = kafka != null && jdbc != null ? new Endpoints(kafka, jdbc)
                        : useContainers() ? ContainerStack.start() : startEmbedded();
                System.setProperty(KAFKA_PROPERTY, endpoints.kafkaBootstrapServers());
                System.setProperty(JDBC_PROPERTY, endpoints.jdbcUrl());
            }
            return endpoints;
        }
    }

    private static Endpoints startEmbedded() {
        try {
            Path data = Files.createTempDirectory("local-stack-test");
            LocalStack stack = LocalStack.start(new LocalStack.Settings(data, 0, 0, 2));
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-test-shutdown"));
            return new Endpoints(stack.kafkaBootstrapServers(), stack.jdbcUrl());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean useContainers() {
        String mode = System.getProperty("local-stack.mode", "auto");
        if ("embedded".equals(mode)) {
            return false;
        }
        boolean containers = "containers".equals(mode) || (DockerProbe.socketPresent() && DockerProbe.engineAnswers());
        LOG.infof("Test stack: %s", containers ? "Testcontainers (Docker engine found)" : "embedded");
        return containers;
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM; stopped by the shutdown hook
    }
}
