package org.remoteassistance.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.remoteassistance.localstack.ServiceProcess;

/**
 * Starts one more instance of a service, alone, on a free port against the same Kafka and PostgreSQL, and measures
 * from just before its JVM is launched to its first successful {@code /q/health/ready} (database and Kafka checked),
 * then its resident memory a few seconds later; then stops it. {@code bin/run} starts four services and the stack at
 * once, which on two cores measures the contention more than any one service's start-up.
 */
public final class SoloStartup {

    /**
     * @param readyMillis     launch → first ready answer, polled every 50 ms
     * @param rssAtRestKiB    resident memory 5 s after ready
     */
    public record Result(String service, Long readyMillis, Double quarkusStartedInSeconds, Long rssAtRestKiB,
            String failure) {
    }

    private static final Pattern STARTED = Pattern.compile("started in (\\d+(?:\\.\\d+)?)s");

    private SoloStartup() {
    }

    public static Result measure(String service, Path app, String javaOptions, Map<String, String> environment,
            Path log, Duration timeout) {
        if (!Files.exists(app.resolve("quarkus-run.jar"))) {
            return new Result(service, null, null, null, "no " + app.resolve("quarkus-run.jar"));
        }
        ServiceProcess process = null;
        try {
            // as bin/run starts it: the same launcher, with the class-data archive when bin/run --build made one
            process = ServiceProcess.launch(new ServiceProcess.Spec(service.replaceFirst("-service$", ""),
                    app.toAbsolutePath(), ServiceProcess.freePort(), Arrays.stream(javaOptions.trim().split("\\s+"))
                            .filter(option -> !option.isEmpty()).toList(),
                    environment, log.toAbsolutePath()), false);
            long readyMillis;
            try {
                readyMillis = process.awaitReady(timeout).toMillis();
            } catch (IllegalStateException e) {
                return new Result(service, null, startedIn(log), null, e.getMessage());
            }
            Thread.sleep(5_000);
            Long rss = ProcFs.read(process.pid()).map(ProcFs.ProcessReading::rssKiB).orElse(null);
            return new Result(service, readyMillis, startedIn(log), rss, null);
        } catch (RuntimeException e) {
            return new Result(service, null, null, null, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(service, null, null, null, "interrupted");
        } finally {
            if (process != null) {
                process.terminate(Duration.ofSeconds(30));
            }
        }
    }

    private static Double startedIn(Path log) {
        try {
            Matcher matcher = STARTED.matcher(Files.readString(log));
            return matcher.find() ? Double.parseDouble(matcher.group(1)) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
