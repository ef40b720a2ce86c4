#!/usr/bin/env bash
# Runs once, when the PostgreSQL volume is first initialised: one database, and for each service a login role and a
# schema that role owns. A role has rights on its own schema alone. Passwords come from the environment.
# Nothing is pasted into SQL by the shell (the here-documents are quoted): psql reads each password from the
# environment (\getenv) and quotes it as a literal (:'password'), and the names as identifiers (:"role").
set -euo pipefail

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<'SQL'
CREATE DATABASE remote_assistance;
SQL

for service in device session notification connector; do
  var="$(echo "$service" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD"
  : "${!var:?$var must be set}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname remote_assistance \
    -v role="${service}_service" -v schema="$service" -v password_variable="$var" <<'SQL'
\getenv password :password_variable
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE SCHEMA :"schema" AUTHORIZATION :"role";
ALTER ROLE :"role" SET search_path = :"schema";
SQL
done

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname remote_assistance <<'SQL'
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON DATABASE remote_assistance FROM PUBLIC;
GRANT CONNECT ON DATABASE remote_assistance TO device_service, session_service, notification_service, connector_service;
SQL
