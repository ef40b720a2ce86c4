package org.remoteassistance.bench.baseline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Kafka's own figures on the same broker: {@code org.apache.kafka.tools.EndToEndLatency} (one message at a time,
 * produced with acks=all and consumed, round after round) and {@code org.apache.kafka.tools.ProducerPerformance}
 * (as many records as the producer can send, acks=all). Each runs as a child JVM on the benchmark's classpath, and
 * its printed result is parsed.
 */
public final class KafkaToolsBaseline {

    public static final String LATENCY_TOPIC = "bench.kafka-end-to-end-latency";
    public static final String PRODUCER_TOPIC = "bench.kafka-producer-performance";
    private static final int RECORD_SIZE = 512;

    private static final Pattern AVERAGE = Pattern.compile("Avg latency: ([\\d.]+) ms");
    private static final Pattern PERCENTILES = Pattern.compile(
            "Percentiles: 50th = (\\d+), 99th = (\\d+), 99\\.9th = (\\d+)");
    private static final Pattern PRODUCER_SUMMARY = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, "
                    + "([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99\\.9th");

    /** EndToEndLatency's result; its percentiles are whole milliseconds (the tool truncates). */
    public record EndToEndLatency(int messages, int recordSize, double averageMillis, long p50Millis, long p99Millis,
            long p999Millis, String command) {
    }

    /** ProducerPerformance's final summary line. */
    public record ProducerPerformance(long records, int recordSize, double recordsPerSecond, double megabytesPerSecond,
            double averageMillis, double maxMillis, long p50Millis, long p95Millis, long p99Millis, long p999Millis,
            String command) {
    }

    private final String bootstrapServers;
    private final Path logDirectory;

    public KafkaToolsBaseline(String bootstrapServers, Path logDirectory) {
        this.bootstrapServers = bootstrapServers;
        this.logDirectory = logDirectory;
    }

    public EndToEndLatency endToEndLatency(int messages) throws IOException, InterruptedException {
        createTopic(LATENCY_TOPIC, 1);
        List<String> args = List.of(bootstrapServers, LATENCY_TOPIC, Integer.toString(messages), "all",
                Integer.toString(RECORD_SIZE));
        String output = runTool("org.apache.kafka.tools.EndToEndLatency", args, "kafka-end-to-end-latency.log");
        return parseEndToEndLatency(output, messages, command("EndToEndLatency", args));
    }

    public ProducerPerformance producerPerformance(long records) throws IOException, InterruptedException {
        createTopic(PRODUCER_TOPIC, 4);
        List<String> args = List.of("--topic", PRODUCER_TOPIC, "--num-records", Long.toString(records),
                "--record-size", Integer.toString(RECORD_SIZE), "--throughput", "-1", "--producer-props",
                "bootstrap.servers=" + bootstrapServers, "acks=all");
        String output = runTool("org.apache.kafka.tools.ProducerPerformance", args, "kafka-producer-performance.log");
        return parseProducerPerformance(output, command("ProducerPerformance", args));
    }

    static EndToEndLatency parseEndToEndLatency(String output, int messages, String command) {
        Matcher average = AVERAGE.matcher(output);
        Matcher percentiles = PERCENTILES.matcher(output);
        if (!average.find() || !percentiles.find()) {
            throw new IllegalStateException("EndToEndLatency printed no result:\n" + tail(output));
        }
        return new EndToEndLatency(messages, RECORD_SIZE, Double.parseDouble(average.group(1)),
                Long.parseLong(percentiles.group(1)), Long.parseLong(percentiles.group(2)),
                Long.parseLong(percentiles.group(3)), command);
    }

    static ProducerPerformance parseProducerPerformance(String output, String command) {
        Matcher summary = PRODUCER_SUMMARY.matcher(output);
        if (!summary.find()) {
            throw new IllegalStateException("ProducerPerformance printed no summary:\n" + tail(output));
        }
        return new ProducerPerformance(Long.parseLong(summary.group(1)), RECORD_SIZE,
                Double.parseDouble(summary.group(2)), Double.parseDouble(summary.group(3)),
                Double.parseDouble(summary.group(4)), Double.parseDouble(summary.group(5)),
                Long.parseLong(summary.group(6)), Long.parseLong(summary.group(7)), Long.parseLong(summary.group(8)),
                Long.parseLong(summary.group(9)), command);
    }

    private void createTopic(String topic, int partitions) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            if (!existing.contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30,
                        TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not create the topic " + topic + ": " + e.getMessage(), e);
        }
    }

    private String runTool(String mainClass, List<String> args, String logName)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
        command.add(mainClass);
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(mainClass + " did not finish");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (logDirectory != null) {
            java.nio.file.Files.createDirectories(logDirectory);
            java.nio.file.Files.writeString(logDirectory.resolve(logName), text);
        }
        return text;
    }

    private static String command(String tool, List<String> args) {
        return "org.apache.kafka.tools." + tool + " " + String.join(" ", args);
    }

    private static String tail(String output) {
        String[] lines = output.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 15), lines.length));
    }
}
