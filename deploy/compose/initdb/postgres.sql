-- Run once by the postgres image on an empty data directory (deploy/compose.yaml mounts it in
-- /docker-entrypoint-initdb.d/). One server holds three departments' databases in this demo;
-- a province gives each department its own server (README, "Pointing a department at its real
-- database"). test/deploy/deploy-files.test.ts checks these are the databases compose.yaml's
-- URLs name.
CREATE DATABASE population;   -- 公安: population (public-security)
CREATE DATABASE geospatial;   -- 自然资源: geospatial (natural-resources), PostGIS
CREATE DATABASE sharing;      -- 大数据中心: the platform database (access log, grants)
\connect geospatial
CREATE EXTENSION IF NOT EXISTS postgis;
