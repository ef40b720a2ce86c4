package org.remoteassistance.connector.service;

/** The stored token, ready for a partner call, or why there is none. */
public sealed interface ConnectorToken {

    /** The default reason, in the words the contract uses. */
    String NOT_CONNECTED = "The TeamViewer connector is not connected";

    record Usable(String token) implements ConnectorToken {

        @Override
        public String toString() {
            return "Usable[token hidden]";
        }
    }

    /** @param detail why, for a rejection or a log line; never holds the token */
    record Unusable(String detail) implements ConnectorToken {
    }
}
