package org.remoteassistance.localstack;

import java.util.List;

/** One service's share of the PostgreSQL server: its own schema and a login role with rights on that schema alone. */
public record ServiceDatabase(String schema, String role, String password) {

    public static final String DATABASE = "remote_assistance";

    public static final List<ServiceDatabase> ALL = List.of(
            of("device"), of("session"), of("notification"), of("connector"));

    /** The local stack's convention: schema {@code x}, role and password {@code x_service}. */
    static ServiceDatabase of(String schema) {
        return new ServiceDatabase(schema, schema + "_service", schema + "_service");
    }
}
