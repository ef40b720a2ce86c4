package org.remoteassistance.console.backend;

import com.fasterxml.jackson.databind.JsonNode;

/** A service's answer: its status and JSON body (a problem document when it refused). */
public record Reply(int status, JsonNode body) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The problem's detail (or title) when the service refused, as it wrote it. */
    public String problem() {
        if (body == null) {
            return "";
        }
        String detail = body.path("detail").asText("");
        return detail.isBlank() ? body.path("title").asText("") : detail;
    }
}
