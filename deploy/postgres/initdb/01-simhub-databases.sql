-- Runs once, when docker-compose.yml's PostgreSQL starts on an empty volume.
-- One database per service, each owned by its own role, and no role may
-- connect to another service's database: no service reads another's tables.
-- The passwords are for a local stack only.
CREATE ROLE org_service LOGIN PASSWORD 'org_service';
CREATE ROLE company_service LOGIN PASSWORD 'company_service';
CREATE ROLE identity_service LOGIN PASSWORD 'identity_service';
CREATE ROLE sim_service LOGIN PASSWORD 'sim_service';
CREATE ROLE webhook_service LOGIN PASSWORD 'webhook_service';
CREATE ROLE usage_service LOGIN PASSWORD 'usage_service';
CREATE ROLE rule_service LOGIN PASSWORD 'rule_service';

CREATE DATABASE simhub_org OWNER org_service;
CREATE DATABASE simhub_company OWNER company_service;
CREATE DATABASE simhub_identity OWNER identity_service;
CREATE DATABASE simhub_sim OWNER sim_service;
CREATE DATABASE simhub_webhook OWNER webhook_service;
CREATE DATABASE simhub_usage OWNER usage_service;
CREATE DATABASE simhub_rule OWNER rule_service;

REVOKE CONNECT, TEMPORARY ON DATABASE simhub_org FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE simhub_company FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE simhub_identity FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE simhub_sim FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE simhub_webhook FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE simhub_usage FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE simhub_rule FROM PUBLIC;
