package org.remoteassistance.localstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The process behind {@code bin/run}: makes the token signing key pair once, starts Kafka and PostgreSQL, prints {@code LOCAL-STACK READY} with their
 * addresses, and runs until it is stopped (SIGTERM or Ctrl-C), then stops both.
 *
 * <p>Settings (environment): {@code DATA_DIR}, {@code KAFKA_PORT} (9092), {@code POSTGRES_PORT} (5432),
 * {@code KAFKA_PARTITIONS} (4).
 */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalStack.Settings settings = new LocalStack.Settings(
                Path.of(env("DATA_DIR", ".data")).toAbsolutePath(),
                Integer.parseInt(env("KAFKA_PORT", "9092")),
                Integer.parseInt(env("POSTGRES_PORT", "5432")),
                Integer.parseInt(env("KAFKA_PARTITIONS", "4")));
        Path publicKey = SigningKeys.ensure(settings.dataDirectory().resolve("jwt"));
        LocalStack stack = LocalStack.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        System.out.println("LOCAL-STACK READY kafka=" + stack.kafkaBootstrapServers() + " jdbc=" + stack.jdbcUrl()
                + " jwt-public-key=" + publicKey);
        System.out.flush();
        stopped.await();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
