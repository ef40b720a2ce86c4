package org.remoteassistance.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.remoteassistance.localstack.ServiceProcess;

/**
 * The services' builds ({@code <module>/target/quarkus-app}) the end-to-end tests run. These tests do not wait for the
 * services' modules in the Maven reactor: they start beside the services' own tests, and the services build their
 * application before those tests run. So a build is taken once it is complete and, when the services are part of
 * this Maven run, once it is this run's build, not one left from an earlier run. A copy is run, so that a rebuild
 * meanwhile (other work on the same checkout) can neither break a restart nor change the code under test halfway.
 */
final class Builds {

    /** When this Maven run started ({@code -De2e.build-started}, set by the pom); absent outside Maven. */
    private static final Optional<Instant> RUN_STARTED = Optional.ofNullable(System.getProperty("e2e.build-started"))
            .filter(value -> !value.isBlank() && !value.contains("$")).map(Instant::parse);
    /** A module whose files have not changed for this long is not being built: waiting longer would be in vain. */
    private static final Duration IDLE = Duration.ofMinutes(2);
    private static final Duration AT_MOST = Duration.ofMinutes(10);

    private Builds() {
    }

    /** Waits for the service's build, then copies it to {@code work/apps/<module>}; returns the copy. */
    static Path copy(Path root, String service, Path work) {
        Path build = ServiceProcess.app(root, service);
        awaitBuilt(build);
        Path copy = work.resolve("apps/" + ServiceProcess.module(service));
        try {
            deleteRecursively(copy);
            try (Stream<Path> walk = Files.walk(build)) {
                for (Path source : walk.toList()) {
                    Path target = copy.resolve(build.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }

    /**
     * Waits for the service's build, then returns the Helm chart it generated ({@code <module>/target/helm/kubernetes/
     * <module>}, written by the same build as the application).
     */
    static Path chart(Path root, String service) {
        Path build = ServiceProcess.app(root, service);
        awaitBuilt(build);
        String module = ServiceProcess.module(service);
        return build.getParent().resolve("helm/kubernetes/" + module);
    }

    private static void awaitBuilt(Path build) {
        Path target = build.getParent();
        Instant began = Instant.now();
        while (!complete(build) || beingRebuilt(build, target)) {
            Instant now = Instant.now();
            if (now.isAfter(began.plus(AT_MOST))
                    || now.isAfter(began.plus(IDLE)) && lastChange(target).isBefore(now.minus(IDLE))) {
                throw new IllegalStateException(build.resolve("quarkus-run.jar") + " is missing or incomplete and "
                        + "nothing is building it: build the services first (./mvnw verify does; or "
                        + "./mvnw -B package -DskipTests)");
            }
            RunningSystem.pause(500);
        }
    }

    /**
     * This Maven run is building the module (its target folder changed since the run started) and the build there is
     * older: the run's own build is yet to come. Run on its own, the end-to-end tests take the build they find.
     */
    private static boolean beingRebuilt(Path build, Path target) {
        return RUN_STARTED.filter(started -> modified(build.resolve("quarkus-run.jar")).isBefore(started)
                && lastChange(target).isAfter(started)).isPresent();
    }

    /** All parts of a fast-jar build are there and none was written in the last seconds. */
    private static boolean complete(Path build) {
        if (!(Files.exists(build.resolve("quarkus-run.jar"))
                && Files.exists(build.resolve("quarkus/quarkus-application.dat"))
                && Files.isDirectory(build.resolve("lib/main")))) {
            return false;
        }
        try (Stream<Path> files = Files.walk(build)) {
            Instant settled = Instant.now().minusSeconds(3);
            List<Path> all = files.filter(Files::isRegularFile).toList();
            return all.stream().anyMatch(file -> file.startsWith(build.resolve("app"))
                            && file.toString().endsWith(".jar"))
                    && all.stream().allMatch(file -> modified(file).isBefore(settled));
        } catch (IOException | UncheckedIOException e) {
            return false; // files vanishing under us: a build is replacing them
        }
    }

    /** The newest change to any file or folder under a module's {@code target}, or the epoch when there is none. */
    private static Instant lastChange(Path target) {
        if (!Files.isDirectory(target)) {
            return Instant.EPOCH;
        }
        try (Stream<Path> files = Files.walk(target)) {
            return files.map(Builds::modified).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        } catch (IOException | UncheckedIOException e) {
            return Instant.now(); // files vanishing under us: a build is at work
        }
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
