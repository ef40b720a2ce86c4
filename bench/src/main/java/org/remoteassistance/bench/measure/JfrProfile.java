package org.remoteassistance.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JDK Flight Recorder recording of a running service (started and stopped with {@code jcmd}), and what it shows:
 * where the CPU samples fall, by subsystem (the first frame from a known library, counted from the top of the stack)
 * and by method, how much the garbage collector paused, and how long the JIT compilers worked (a JVM still
 * compiling is not warm).
 */
public final class JfrProfile {

    /** The summary of one recording. */
    public record Summary(String service, Path file, long cpuSamples, Map<String, Double> subsystemsPercent,
            Map<String, Double> topMethodsPercent, long gcPauses, double gcPauseMillis, double longestGcPauseMillis,
            long jitCompilations, double jitCompileMillis) {
    }

    private static final String[][] SUBSYSTEMS = {
        {"org.postgresql.", "PostgreSQL JDBC driver"},
        {"io.agroal.", "Agroal connection pool"},
        {"com.arjuna.", "Narayana transactions"},
        {"io.quarkus.narayana.", "Narayana transactions"},
        {"org.hibernate.", "Hibernate ORM"},
        {"org.apache.kafka.", "Kafka client"},
        {"io.smallrye.reactive.messaging.", "SmallRye Reactive Messaging"},
        {"io.smallrye.mutiny.", "Mutiny"},
        {"com.fasterxml.jackson.", "Jackson"},
        {"org.jboss.resteasy.", "Quarkus REST"},
        {"io.vertx.", "Vert.x / Netty (HTTP, event loop)"},
        {"io.netty.", "Vert.x / Netty (HTTP, event loop)"},
        {"org.jboss.logmanager.", "logging"},
        {"org.jboss.logging.", "logging"},
        {"org.remoteassistance.", "the service's own code"},
        {"io.quarkus.", "Quarkus (Arc, runtime)"},
        {"io.smallrye.", "SmallRye (config, health, metrics)"},
        {"io.micrometer.", "Micrometer"},
    };

    private final long pid;
    private final String name;
    private final Path file;

    private JfrProfile(long pid, String name, Path file) {
        this.pid = pid;
        this.name = name;
        this.file = file;
    }

    /** Starts a profiling recording in the process; null (and a message) if jcmd cannot. */
    public static JfrProfile start(String service, long pid, Path directory) {
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(service + ".jfr").toAbsolutePath();
            Files.deleteIfExists(file);
            String out = jcmd(pid, "JFR.start", "name=bench", "settings=" + settings(directory),
                    "filename=" + file);
            if (!out.contains("Started recording")) {
                System.out.println("  (JFR did not start in " + service + ": " + out.trim() + ")");
                return null;
            }
            return new JfrProfile(pid, service, file);
        } catch (IOException e) {
            System.out.println("  (JFR did not start in " + service + ": " + e.getMessage() + ")");
            return null;
        }
    }

    /**
     * The JDK's "profile" settings, except that every JIT compilation is recorded (not only those over 100 ms), so
     * that the summary can tell how much of the CPU went to compiling.
     */
    private static String settings(Path directory) throws IOException {
        Path profile = Path.of(System.getProperty("java.home"), "lib", "jfr", "profile.jfc");
        if (!Files.exists(profile)) {
            return "profile";
        }
        String jfc = Files.readString(profile).replaceFirst(
                "(<event name=\"jdk.Compilation\">\\s*<setting name=\"enabled\"[^<]*</setting>\\s*"
                        + "<setting name=\"threshold\"[^>]*>)[^<]*(</setting>)", "$10 ms$2");
        Path settings = directory.resolve("bench-profile.jfc").toAbsolutePath();
        Files.writeString(settings, jfc);
        return settings.toString();
    }

    /** Stops the recording (the JVM writes the file) and summarises it. */
    public Summary stop() throws IOException {
        jcmd(pid, "JFR.stop", "name=bench");
        for (int i = 0; i < 50 && !Files.exists(file); i++) {
            sleep(Duration.ofMillis(100));
        }
        return summarise(name, file);
    }

    static Summary summarise(String service, Path file) throws IOException {
        Map<String, Long> subsystems = new HashMap<>();
        Map<String, Long> methods = new HashMap<>();
        long samples = 0;
        long pauses = 0;
        double pauseMillis = 0;
        double longest = 0;
        long compilations = 0;
        double compileMillis = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            if (type.equals("jdk.ExecutionSample")) {
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = stack.getFrames();
                RecordedFrame top = frames.get(0);
                methods.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1L, Long::sum);
                subsystems.merge(subsystem(frames), 1L, Long::sum);
            } else if (type.equals("jdk.GarbageCollection")) {
                pauses++;
                double millis = event.getDuration("sumOfPauses").toNanos() / 1e6;
                pauseMillis += millis;
                longest = Math.max(longest, millis);
            } else if (type.equals("jdk.Compilation")) {
                compilations++;
                compileMillis += event.getDuration().toNanos() / 1e6;
            }
        }
        return new Summary(service, file, samples, top(subsystems, samples, 12), top(methods, samples, 10), pauses,
                pauseMillis, longest, compilations, compileMillis);
    }

    private static String subsystem(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            for (String[] known : SUBSYSTEMS) {
                if (type.startsWith(known[0])) {
                    return known[1];
                }
            }
        }
        return "JDK only (threads, I/O, GC support)";
    }

    private static Map<String, Double> top(Map<String, Long> counts, long total, int limit) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        Map<String, Double> top = new LinkedHashMap<>();
        for (Map.Entry<String, Long> entry : entries.subList(0, Math.min(limit, entries.size()))) {
            top.put(entry.getKey(), Math.round(1000.0 * entry.getValue() / Math.max(1, total)) / 10.0);
        }
        return top;
    }

    private static String jcmd(long pid, String... command) throws IOException {
        List<String> args = new ArrayList<>();
        args.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        args.add(Long.toString(pid));
        args.addAll(List.of(command));
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
