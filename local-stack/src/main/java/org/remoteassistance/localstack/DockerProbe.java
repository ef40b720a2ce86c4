package org.remoteassistance.localstack;

import java.nio.file.Files;
import java.nio.file.Path;

/** Asks Testcontainers about Docker only where a Docker socket or DOCKER_HOST exists: no cost and no noise elsewhere. */
final class DockerProbe {

    private DockerProbe() {
    }

    static boolean socketPresent() {
        return System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
    }

    static boolean engineAnswers() {
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
