package org.remoteassistance.events;

/** An event that cannot be processed: malformed, invalid or of an unsupported version. The message is the reason. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String reason) {
        super(reason);
    }

    public InvalidEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
