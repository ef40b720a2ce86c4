package org.remoteassistance.localstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates the database, and for each service its login role and a schema that role owns. Safe to run again. */
final class DatabaseProvisioner {

    private DatabaseProvisioner() {
    }

    static void provision(String serverJdbcUrl, String adminUser, String adminPassword, String databaseJdbcUrl)
            throws SQLException {
        try (Connection admin = DriverManager.getConnection(serverJdbcUrl, adminUser, adminPassword);
                Statement statement = admin.createStatement()) {
            var exists = statement.executeQuery(
                    "SELECT 1 FROM pg_database WHERE datname = '" + ServiceDatabase.DATABASE + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + ServiceDatabase.DATABASE);
            }
        }
        try (Connection database = DriverManager.getConnection(databaseJdbcUrl, adminUser, adminPassword);
                Statement statement = database.createStatement()) {
            statement.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            for (ServiceDatabase service : ServiceDatabase.ALL) {
                statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + service.role()
                        + "') THEN CREATE ROLE " + service.role() + " LOGIN PASSWORD '" + service.password()
                        + "'; END IF; END $$");
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + service.schema() + " AUTHORIZATION " + service.role());
                statement.execute("ALTER ROLE " + service.role() + " SET search_path = " + service.schema());
            }
        }
    }
}
