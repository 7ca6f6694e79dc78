-- The engine's own database (task store), next to Temporal's on the same server.
CREATE USER bpo WITH PASSWORD 'bpo';
CREATE DATABASE bpo OWNER bpo;
