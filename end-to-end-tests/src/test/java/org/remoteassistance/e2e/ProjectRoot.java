package org.remoteassistance.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root, whether the tests run from it or from this module. */
final class ProjectRoot {

    private ProjectRoot() {
    }

    static Path find() {
        String configured = System.getProperty("project.root");
        if (configured != null && Files.exists(Path.of(configured, "docker-compose.yml"))) {
            return Path.of(configured);
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("docker-compose.yml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no docker-compose.yml above " + here);
    }
}
