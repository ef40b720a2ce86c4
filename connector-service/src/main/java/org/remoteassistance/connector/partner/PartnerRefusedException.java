package org.remoteassistance.connector.partner;

/**
 * The partner answered and said no: the token is refused (401/403), the code is unknown or closed, the request is
 * invalid. Repeating the call would change nothing.
 */
public class PartnerRefusedException extends PartnerException {

    private final int status;
    private final String error;

    public PartnerRefusedException(int status, String error, String message) {
        super(message, null);
        this.status = status;
        this.error = error;
    }

    /** The partner's HTTP status. */
    public int status() {
        return status;
    }

    /** The partner's {@code error} code, e.g. {@code invalid_token}; may be null. */
    public String error() {
        return error;
    }

    /** The token itself was refused, not the request. */
    public boolean tokenRefused() {
        return status == 401 || status == 403;
    }
}
