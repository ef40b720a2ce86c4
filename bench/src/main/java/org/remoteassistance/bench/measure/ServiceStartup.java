package org.remoteassistance.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a service took from its JVM's start to ready: the process start time from /proc against the time stamp of
 * Quarkus's "started in X.XXXs" log line, and Quarkus's own figure (which counts from its main method, so leaves out
 * the JVM's own start-up and class loading before it).
 *
 * @param quarkusStartedInSeconds     Quarkus's own "started in" figure
 * @param jvmStartToReadyMillis       process start (/proc, 10 ms resolution) to the log line's time stamp
 */
public record ServiceStartup(Double quarkusStartedInSeconds, Long jvmStartToReadyMillis, Instant processStart) {

    private static final Pattern STARTED = Pattern.compile("started in (\\d+(?:\\.\\d+)?)s");
    private static final Pattern DATE_TIME = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2})[ T](\\d{2}:\\d{2}:\\d{2})[.,](\\d{3})");
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[;\\d]*m");
    private static final Pattern TIME = Pattern.compile("^(\\d{2}:\\d{2}:\\d{2})[.,](\\d{3})");

    public static ServiceStartup of(long pid, Path log) {
        Instant processStart = processStart(pid).orElse(null);
        Optional<String> line = startedLine(log);
        Double quarkus = line.map(STARTED::matcher).filter(Matcher::find).map(m -> Double.parseDouble(m.group(1)))
                .orElse(null);
        Long toReady = null;
        if (processStart != null && line.isPresent()) {
            toReady = logTime(line.get(), processStart, ZoneId.systemDefault())
                    .map(ready -> ready.toEpochMilli() - processStart.toEpochMilli()).orElse(null);
        }
        return new ServiceStartup(quarkus, toReady, processStart);
    }

    static Optional<Instant> processStart(long pid) {
        long boot = ProcFs.bootTimeEpochSeconds();
        return ProcFs.read(pid).filter(r -> boot > 0)
                .map(r -> Instant.ofEpochMilli(boot * 1000 + r.startTicksAfterBoot() * 1000 / ProcFs.clockTicks()));
    }

    static Optional<String> startedLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log).stream().map(l -> ANSI.matcher(l).replaceAll("")).toList();
            return lines.stream().filter(l -> STARTED.matcher(l).find() && l.contains("Listening on")).findFirst()
                    .or(() -> lines.stream().filter(l -> STARTED.matcher(l).find()).findFirst());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The log line's time stamp: "yyyy-MM-dd HH:mm:ss,SSS" (Quarkus's default) or "HH:mm:ss.SSS" (then on the day the
     * process started, or the next day if that is earlier than the start).
     */
    static Optional<Instant> logTime(String line, Instant processStart, ZoneId zone) {
        Matcher full = DATE_TIME.matcher(line);
        if (full.find()) {
            LocalDateTime at = LocalDateTime.of(LocalDate.parse(full.group(1)),
                    LocalTime.parse(full.group(2) + "." + full.group(3), DateTimeFormatter.ISO_LOCAL_TIME));
            return Optional.of(at.atZone(zone).toInstant());
        }
        Matcher time = TIME.matcher(line);
        if (time.find()) {
            LocalTime clock = LocalTime.parse(time.group(1) + "." + time.group(2), DateTimeFormatter.ISO_LOCAL_TIME);
            LocalDateTime start = LocalDateTime.ofInstant(processStart, zone);
            LocalDateTime at = start.toLocalDate().atTime(clock);
            if (at.isBefore(start.minusMinutes(1))) {
                at = at.plusDays(1);
            }
            return Optional.of(at.atZone(zone).toInstant());
        }
        return Optional.empty();
    }
}
