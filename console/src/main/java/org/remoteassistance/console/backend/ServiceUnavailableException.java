package org.remoteassistance.console.backend;

/** A service did not answer (down, unreachable or too slow): the page says so instead of failing. */
public class ServiceUnavailableException extends RuntimeException {

    private final String service;

    public ServiceUnavailableException(String service, Throwable cause) {
        super(service + "-service did not answer: " + cause, cause);
        this.service = service;
    }

    public String service() {
        return service;
    }
}
