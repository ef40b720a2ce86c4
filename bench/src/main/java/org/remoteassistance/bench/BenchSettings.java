package org.remoteassistance.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What to run and against what. Every value has a flag ({@code --duration 30s}) and most an environment variable;
 * a flag wins over the environment, the environment over the default (the addresses {@code bin/run} uses).
 */
public record BenchSettings(
        URI deviceService,
        URI sessionService,
        URI notificationService,
        URI connectorService,
        String kafkaBootstrapServers,
        String jdbcUrl,
        String databaseUser,
        String databasePassword,
        Path dataDir,
        Path output,
        Duration duration,
        Duration warmUp,
        boolean fixedRatePhase,
        double rate,
        boolean maxRatePhase,
        int concurrency,
        int devices,
        Duration sessionTimeout,
        int serverSample,
        int idleSessions,
        int registrationProbes,
        boolean baselines,
        boolean baselinesOnly,
        boolean jfr,
        boolean soloStart,
        String serviceJavaOptions,
        int kafkaLatencyMessages,
        int kafkaProducerRecords,
        Duration databaseProbe,
        String partnerToken,
        String accessToken,
        String command) {

    static final String USAGE = """
            Usage: bin/bench [options]   (against a running bin/run)
              --duration 30s        length of each measured phase
              --warmup 30s          at least this long, and until every device had a session (at most 4x as long)
              --rate 20             fixed arrival rate phase, sessions per second (coordinated-omission aware)
              --max                 closed-loop maximum rate phase with --concurrency sessions in flight
              --concurrency 64      sessions in flight in the --max phase
              --devices 2000        devices registered for the run (a device is reused only after its session ended)
              --session-timeout 30s a session not notified by then counts as failed
              --server-sample 1000  sessions per phase read back for the server-recorded timestamps
              --idle 20             after the warm-up, sessions one at a time on a quiet system, each device's
                                    notification stream open first (request → visible on it); 0 skips them
              --registration-probes 20
                                    before the warm-up, fresh devices registered one at a time, each requested until
                                    session-service knows it (201 → first 202); also about 100 of the --devices
                                    while they are registered; 0 skips both
              --no-baselines        skip the Kafka and PostgreSQL baselines
              --baselines-only      only the Kafka and PostgreSQL baselines (no services needed)
              --jfr                 profile each service with JDK Flight Recorder (jcmd) during the last phase
              --no-solo-start       skip starting each service once more, alone, after the run to time its start-up
              --service-java-opts   JVM options of that solo start (JAVA_OPTS, as bin/run)
              --kafka-latency-messages 5000, --kafka-producer-records 200000, --db-probe 5s
              --device-url, --session-url, --notification-url, --connector-url   (http://localhost:8081..8084)
              --kafka localhost:9092, --jdbc-url jdbc:postgresql://localhost:5432/remote_assistance,
              --db-user postgres, --db-password postgres, --data-dir .data, --output bench/target/bench-result.json
              --token <jwt>         sent as Authorization: Bearer on every /api call (bin/bench gets one from
                                    bin/token admin when the local stack has a signing key)
            Without --rate and --max both phases run: the fixed rate first, then the maximum rate.
            Environment: DEVICE_URL, SESSION_URL, NOTIFICATION_URL, CONNECTOR_URL, KAFKA_BOOTSTRAP_SERVERS, JDBC_URL,
              DB_USER, DB_PASSWORD, DATA_DIR, BENCH_OUTPUT, PARTNER_TOKEN, BENCH_TOKEN, JAVA_OPTS.
            """;

    private static final Set<String> KNOWN_FLAGS = Set.of("duration", "rate", "max", "concurrency", "devices",
            "warmup", "session-timeout", "server-sample", "idle", "registration-probes", "no-baselines",
            "baselines-only", "jfr", "no-solo-start", "service-java-opts", "kafka-latency-messages",
            "kafka-producer-records", "db-probe", "device-url", "session-url", "notification-url", "connector-url",
            "kafka", "jdbc-url", "db-user", "db-password", "data-dir", "output", "partner-token", "token");

    public static BenchSettings parse(List<String> args, Map<String, String> env) {
        Map<String, String> flags = flags(args);
        Function<String, String> envOr = name -> blankToNull(env.get(name));
        boolean rateGiven = flags.containsKey("rate");
        boolean maxGiven = flags.containsKey("max");
        boolean both = !rateGiven && !maxGiven;
        BenchSettings settings = new BenchSettings(
                URI.create(value(flags, "device-url", envOr.apply("DEVICE_URL"), "http://localhost:8081")),
                URI.create(value(flags, "session-url", envOr.apply("SESSION_URL"), "http://localhost:8082")),
                URI.create(value(flags, "notification-url", envOr.apply("NOTIFICATION_URL"), "http://localhost:8083")),
                URI.create(value(flags, "connector-url", envOr.apply("CONNECTOR_URL"), "http://localhost:8084")),
                value(flags, "kafka", envOr.apply("KAFKA_BOOTSTRAP_SERVERS"), "localhost:9092"),
                value(flags, "jdbc-url", envOr.apply("JDBC_URL"), "jdbc:postgresql://localhost:5432/remote_assistance"),
                value(flags, "db-user", envOr.apply("DB_USER"), "postgres"),
                value(flags, "db-password", envOr.apply("DB_PASSWORD"), "postgres"),
                Path.of(value(flags, "data-dir", envOr.apply("DATA_DIR"), ".data")).toAbsolutePath(),
                Path.of(value(flags, "output", envOr.apply("BENCH_OUTPUT"), "bench/target/bench-result.json"))
                        .toAbsolutePath(),
                duration(value(flags, "duration", null, "30s")),
                duration(value(flags, "warmup", null, "30s")),
                rateGiven || both,
                Double.parseDouble(value(flags, "rate", null, "20")),
                maxGiven || both,
                Integer.parseInt(value(flags, "concurrency", null, "64")),
                Integer.parseInt(value(flags, "devices", null, "2000")),
                duration(value(flags, "session-timeout", null, "30s")),
                Integer.parseInt(value(flags, "server-sample", null, "1000")),
                Integer.parseInt(value(flags, "idle", null, "20")),
                Integer.parseInt(value(flags, "registration-probes", null, "20")),
                !flags.containsKey("no-baselines"),
                flags.containsKey("baselines-only"),
                flags.containsKey("jfr"),
                !flags.containsKey("no-solo-start"),
                value(flags, "service-java-opts", envOr.apply("JAVA_OPTS"),
                        "-Xmx128m -Xmn16m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
                                + " -XX:ReservedCodeCacheSize=32m"),
                Integer.parseInt(value(flags, "kafka-latency-messages", null, "5000")),
                Integer.parseInt(value(flags, "kafka-producer-records", null, "200000")),
                duration(value(flags, "db-probe", null, "5s")),
                value(flags, "partner-token", envOr.apply("PARTNER_TOKEN"), "teamviewer-simulator-token"),
                value(flags, "token", envOr.apply("BENCH_TOKEN"), null),
                "bin/bench" + (args.isEmpty() ? "" : " " + String.join(" ", args)));
        settings.check();
        return settings;
    }

    private void check() {
        if (rate <= 0) {
            throw new IllegalArgumentException("--rate must be positive");
        }
        if (concurrency < 1 || devices < 1) {
            throw new IllegalArgumentException("--concurrency and --devices must be at least 1");
        }
        if (idleSessions < 0 || registrationProbes < 0) {
            throw new IllegalArgumentException("--idle and --registration-probes must not be negative");
        }
        if (baselinesOnly && !baselines) {
            throw new IllegalArgumentException("--baselines-only and --no-baselines exclude each other");
        }
        if (maxRatePhase && devices < concurrency * 2) {
            throw new IllegalArgumentException("--devices must be at least twice --concurrency, so that the "
                    + "one-open-session-per-device rule does not throttle the load");
        }
    }

    /** A duration as the flags take it: "30s", "1500ms". */
    public static String text(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /** "30s", "500ms", "2m" or a plain number of seconds. */
    static Duration duration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        if (value.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
        }
        if (value.endsWith("m")) {
            return Duration.ofSeconds(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 60));
        }
        return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    }

    private static Map<String, String> flags(List<String> args) {
        Map<String, String> flags = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>(args);
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument " + arg);
            }
            String name = arg.substring(2);
            if (name.contains("=")) {
                flags.put(name.substring(0, name.indexOf('=')), name.substring(name.indexOf('=') + 1));
            } else if (name.equals("max") || name.equals("no-baselines") || name.equals("baselines-only")
                    || name.equals("jfr") || name.equals("no-solo-start") || name.equals("help")) {
                flags.put(name, "true");
            } else if (i + 1 < rest.size()) {
                flags.put(name, rest.get(++i));
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        if (flags.containsKey("help")) {
            throw new IllegalArgumentException("help");
        }
        for (String name : flags.keySet()) {
            if (!KNOWN_FLAGS.contains(name)) {
                throw new IllegalArgumentException("Unknown option --" + name);
            }
        }
        return flags;
    }

    private static String value(Map<String, String> flags, String flag, String fromEnv, String fallback) {
        String value = flags.get(flag);
        if (value != null) {
            return value;
        }
        return fromEnv != null ? fromEnv : fallback;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
