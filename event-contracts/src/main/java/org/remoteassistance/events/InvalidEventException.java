package org.remoteassistance.events;

/**
 * An event that cannot be processed: malformed, invalid or of an unsupported version. The message is the reason; it
 * goes into a Kafka header and a log line, so it is kept short and free of control characters whatever it quotes.
 */
public class InvalidEventException extends RuntimeException {

    static final int MAX_REASON = 500;

    public InvalidEventException(String reason) {
        super(harmless(reason));
    }

    public InvalidEventException(String reason, Throwable cause) {
        super(harmless(reason), cause);
    }

    private static String harmless(String reason) {
        return reason == null ? null : EventRules.fit(reason.replaceAll("[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Zl}\\p{Zp}]", "?"),
                MAX_REASON);
    }
}
