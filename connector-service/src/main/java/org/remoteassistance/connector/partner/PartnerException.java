package org.remoteassistance.connector.partner;

/** A partner call that did not succeed. The message is fit for an event or a problem detail: it holds no secret. */
public abstract class PartnerException extends RuntimeException {

    protected PartnerException(String message, Throwable cause) {
        super(message, cause);
    }
}
