package org.remoteassistance.support.http;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Every service's entry point: Quarkus, with its own check of the request target turned off so that
 * {@link RequestLimits} answers a target that is not a URI ({@code /api/%zz}) with a problem instead of an empty 400.
 * Quarkus reads the switch once, as its HTTP recorder class loads, before any bean or configuration exists; so it is
 * set here, and the test JVMs set it on their command line.
 */
@QuarkusMain
public final class ServiceMain {

    /** The system property that turns off Quarkus' URI check, which answers an empty 400. */
    public static final String OWN_URI_CHECK = "vertx.disableURIValidation";

    private ServiceMain() {
    }

    public static void main(String... args) {
        System.setProperty(OWN_URI_CHECK, "true");
        Quarkus.run(args);
    }
}
