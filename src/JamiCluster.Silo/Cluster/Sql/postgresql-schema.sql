-- JamiCluster schema for PostgreSQL: Orleans ADO.NET clustering and grain storage.
-- Written from the providers' query contract (query keys, named parameters, result columns); applied by
-- `JamiCluster.Silo db init` or at start-up with JamiCluster:Cluster:ApplySchema=true. Idempotent: safe to re-run.

CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey  varchar(64) PRIMARY KEY,
    QueryText text NOT NULL
);

CREATE TABLE IF NOT EXISTS jc_membership_version (
    deployment_id varchar(150) PRIMARY KEY,
    changed_at    timestamptz  NOT NULL DEFAULT now(),
    version       integer      NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS jc_membership (
    deployment_id   varchar(150) NOT NULL REFERENCES jc_membership_version (deployment_id) ON DELETE CASCADE,
    address         varchar(45)  NOT NULL,
    port            integer      NOT NULL,
    generation      integer      NOT NULL,
    silo_name       varchar(150) NOT NULL,
    host_name       varchar(150) NOT NULL,
    status          integer      NOT NULL,
    proxy_port      integer,
    suspect_times   text,
    start_time      timestamptz  NOT NULL,
    i_am_alive_time timestamptz  NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Grain state as JSON text in a bytea column (System.Text.Json serializer: readable, survives class renames).
CREATE TABLE IF NOT EXISTS jc_grain_state (
    service_id        varchar(150) NOT NULL,
    grain_type_hash   integer      NOT NULL,
    grain_type_string varchar(512) NOT NULL,
    grain_id_hash     integer      NOT NULL,
    grain_id_n0       bigint       NOT NULL,
    grain_id_n1       bigint       NOT NULL,
    grain_id_ext      varchar(512) NOT NULL DEFAULT '',
    payload_binary    bytea,
    modified_on       timestamptz  NOT NULL,
    version           integer      NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS jc_grain_state_key
    ON jc_grain_state (service_id, grain_type_string, grain_id_n0, grain_id_n1, grain_id_ext);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', $q$
    WITH ins AS (
        INSERT INTO jc_membership_version (deployment_id) VALUES (@DeploymentId)
        ON CONFLICT DO NOTHING RETURNING 1)
    SELECT count(*)::int FROM ins;
$q$),
('MembershipReadAllKey', $q$
    SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
           m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
           m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime,
           v.version AS Version
    FROM jc_membership_version v
    LEFT JOIN jc_membership m ON m.deployment_id = v.deployment_id
    WHERE v.deployment_id = @DeploymentId;
$q$),
('MembershipReadRowKey', $q$
    SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
           m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
           m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime,
           v.version AS Version
    FROM jc_membership_version v
    LEFT JOIN jc_membership m ON m.deployment_id = v.deployment_id
        AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    WHERE v.deployment_id = @DeploymentId;
$q$),
-- Membership writes bump the version row first (taking its lock) and only if it still equals @Version, then touch
-- the silo row from the bump's output: one statement, so both happen or neither does.
('InsertMembershipKey', $q$
    WITH bump AS (
        UPDATE jc_membership_version SET version = version + 1, changed_at = now()
        WHERE deployment_id = @DeploymentId AND version = @Version
        RETURNING deployment_id),
    ins AS (
        INSERT INTO jc_membership (deployment_id, address, port, generation, silo_name, host_name, status,
                                   proxy_port, start_time, i_am_alive_time)
        SELECT bump.deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
               @ProxyPort, @StartTime, @IAmAliveTime
        FROM bump
        ON CONFLICT DO NOTHING RETURNING 1)
    SELECT count(*)::int FROM ins;
$q$),
('UpdateMembershipKey', $q$
    WITH bump AS (
        UPDATE jc_membership_version SET version = version + 1, changed_at = now()
        WHERE deployment_id = @DeploymentId AND version = @Version
        RETURNING deployment_id),
    upd AS (
        UPDATE jc_membership m
        SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
        FROM bump
        WHERE m.deployment_id = bump.deployment_id AND m.address = @Address AND m.port = @Port
          AND m.generation = @Generation
        RETURNING 1)
    SELECT count(*)::int FROM upd;
$q$),
('UpdateIAmAlivetimeKey', $q$
    UPDATE jc_membership SET i_am_alive_time = @IAmAliveTime
    WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;
$q$),
('GatewaysQueryKey', $q$
    SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
    FROM jc_membership
    WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0;
$q$),
('DeleteMembershipTableEntriesKey', $q$
    DELETE FROM jc_membership_version WHERE deployment_id = @DeploymentId;
$q$),
('CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM jc_membership
    WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3;
$q$),
-- Grain state: optimistic concurrency on version. The first write (no version) inserts; a later write must name the
-- current version. A conflict returns the caller's version unchanged, which Orleans reports as inconsistent state.
('WriteToStorageKey', $q$
    WITH upd AS (
        UPDATE jc_grain_state
        SET payload_binary = @PayloadBinary, modified_on = now(), version = version + 1
        WHERE @GrainStateVersion IS NOT NULL AND version = @GrainStateVersion
          AND service_id = @ServiceId AND grain_type_string = @GrainTypeString
          AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
          AND grain_id_ext = coalesce(@GrainIdExtensionString, '')
        RETURNING version),
    ins AS (
        INSERT INTO jc_grain_state (service_id, grain_type_hash, grain_type_string, grain_id_hash, grain_id_n0,
                                    grain_id_n1, grain_id_ext, payload_binary, modified_on, version)
        SELECT @ServiceId, @GrainTypeHash, @GrainTypeString, @GrainIdHash, @GrainIdN0,
               @GrainIdN1, coalesce(@GrainIdExtensionString, ''), @PayloadBinary, now(), 1
        WHERE @GrainStateVersion IS NULL
        ON CONFLICT DO NOTHING RETURNING version)
    SELECT coalesce((SELECT version FROM upd), (SELECT version FROM ins), @GrainStateVersion) AS NewGrainStateVersion;
$q$),
('ReadFromStorageKey', $q$
    SELECT payload_binary AS PayloadBinary, modified_on AS ModifiedOn, version AS Version
    FROM jc_grain_state
    WHERE service_id = @ServiceId AND grain_type_string = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_id_ext = coalesce(@GrainIdExtensionString, '');
$q$),
('ClearStorageKey', $q$
    WITH upd AS (
        UPDATE jc_grain_state
        SET payload_binary = NULL, modified_on = now(), version = version + 1
        WHERE version = @GrainStateVersion
          AND service_id = @ServiceId AND grain_type_string = @GrainTypeString
          AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
          AND grain_id_ext = coalesce(@GrainIdExtensionString, '')
        RETURNING version)
    SELECT coalesce((SELECT version FROM upd), @GrainStateVersion) AS NewGrainStateVersion;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- DHT values, journaled by the keyspace bucket grains before a put is acknowledged (docs/design/durability.md):
-- one row per value, exact bytes, so a bucket re-activated on another silo after a crash reloads them.
CREATE TABLE IF NOT EXISTS jc_dht_values (
    bucket      integer     NOT NULL,
    key         bytea       NOT NULL,
    value_id    bigint      NOT NULL,
    raw         bytea       NOT NULL,
    created     timestamptz NOT NULL,
    expires     timestamptz NOT NULL,
    quota_owner text        NOT NULL,
    PRIMARY KEY (key, value_id)
);
CREATE INDEX IF NOT EXISTS jc_dht_values_bucket ON jc_dht_values (bucket);
CREATE INDEX IF NOT EXISTS jc_dht_values_expires ON jc_dht_values (expires);

-- The name directory. One row per name; the partial unique index is what makes "one registered name per
-- address" hold even if two silos race. Records are never deleted: revoked names keep their row and reason.
CREATE TABLE IF NOT EXISTS jc_names (
    name        text        NOT NULL PRIMARY KEY,
    status      text        NOT NULL CHECK (status IN ('registered', 'reserved', 'revoked')),
    addr        char(40),
    publickey   text,
    signature   text,
    owner       char(40),
    created_at  timestamptz NOT NULL,
    reason      text,
    changed_at  timestamptz,
    version     integer     NOT NULL
);

CREATE UNIQUE INDEX IF NOT EXISTS jc_names_registered_addr ON jc_names (addr) WHERE status = 'registered';
