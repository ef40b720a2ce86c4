#!/usr/bin/env bash
# Runs once, when the PostgreSQL volume is first initialised: one database, and for each service a login role and a
# schema that role owns. A role has rights on its own schema alone. Passwords come from the environment.
set -euo pipefail

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
CREATE DATABASE remote_assistance;
SQL

for service in device session notification connector; do
  var="$(echo "$service" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD"
  password="${!var:?$var must be set}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname remote_assistance <<SQL
CREATE ROLE ${service}_service LOGIN PASSWORD '${password}';
CREATE SCHEMA ${service} AUTHORIZATION ${service}_service;
ALTER ROLE ${service}_service SET search_path = ${service};
SQL
done

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname remote_assistance <<SQL
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON DATABASE remote_assistance FROM PUBLIC;
GRANT CONNECT ON DATABASE remote_assistance TO device_service, session_service, notification_service, connector_service;
SQL
