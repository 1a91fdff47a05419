#!/bin/bash
# First start of the PostgreSQL container only: one database and one owner per service, passwords from the
# environment (.env), never from this file.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" \
  -v catalog_pw="$CATALOG_DB_PASSWORD" -v orders_pw="$ORDERS_DB_PASSWORD" -v settlement_pw="$SETTLEMENT_DB_PASSWORD" -v keycloak_pw="$KEYCLOAK_DB_PASSWORD" <<'SQL'
CREATE ROLE catalog LOGIN PASSWORD :'catalog_pw';
CREATE DATABASE catalog OWNER catalog;
CREATE ROLE orders LOGIN PASSWORD :'orders_pw';
CREATE DATABASE orders OWNER orders;
CREATE ROLE settlement LOGIN PASSWORD :'settlement_pw';
CREATE DATABASE settlement OWNER settlement;
CREATE ROLE keycloak LOGIN PASSWORD :'keycloak_pw';
CREATE DATABASE keycloak OWNER keycloak;
SQL
