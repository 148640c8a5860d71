-- Run once by the mariadb image on an empty data directory (deploy/compose.yaml). utf8mb4 with
-- a binary collation, as the test databases are: the legacy tables hold Chinese names and
-- case-sensitive codes. test/deploy/deploy-files.test.ts checks these are the databases
-- compose.yaml's URLs name.
CREATE DATABASE IF NOT EXISTS legal_person CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;     -- 市场监管: legal-person
CREATE DATABASE IF NOT EXISTS social_security CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;  -- 人社: social-security
