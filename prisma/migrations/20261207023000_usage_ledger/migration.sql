-- The metering ledger's new storage (docs/metering.md, "The ledger's storage"): one narrow
-- row per object and minute carrying all its resources, the object's identity in a table
-- of its own referenced by a compact id, no per-row foreign key, daily partitions. The old
-- table's rows move over and it becomes a read-only view of the same shape.

-- What a metered object is, written once (first identity wins) and referenced by id.
CREATE TABLE "usage_objects" (
    "id" BIGSERIAL NOT NULL,
    "object_uid" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "object_kind" "MeteredKind" NOT NULL,
    "namespace" TEXT NOT NULL,
    "object_name" TEXT NOT NULL,
    "runtime_name" TEXT NOT NULL DEFAULT '',
    "runtime_class" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "usage_objects_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "usage_objects_object_uid_key" ON "usage_objects"("object_uid");
CREATE INDEX "usage_objects_workspace_id_idx" ON "usage_objects"("workspace_id");
ALTER TABLE "usage_objects" ADD CONSTRAINT "usage_objects_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One object's use of each resource during one minute; NULL where it has no such use.
CREATE TABLE "usage_ledger" (
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "object_id" BIGINT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cpu" BIGINT,
    "memory" BIGINT,
    "storage" BIGINT,
    "endpoint" BIGINT,
    "egress" BIGINT,

    CONSTRAINT "usage_ledger_pkey" PRIMARY KEY ("object_id","minute")
) PARTITION BY RANGE ("minute");

CREATE INDEX "usage_ledger_minute_idx" ON "usage_ledger" USING BRIN ("minute");

-- The partition of one UTC day, created if missing (the worker creates them ahead).
CREATE FUNCTION usage_ledger_partition(day DATE) RETURNS TEXT LANGUAGE plpgsql AS $$
DECLARE
  name TEXT := 'usage_ledger_' || to_char(day, 'YYYYMMDD');
BEGIN
  IF to_regclass(name) IS NULL THEN
    EXECUTE format('CREATE TABLE %I PARTITION OF usage_ledger FOR VALUES FROM (%L) TO (%L)',
                   name, day::timestamp AT TIME ZONE 'UTC', (day + 1)::timestamp AT TIME ZONE 'UTC');
  END IF;
  RETURN name;
END
$$;

-- The existing rows. An object's identity is the one of its earliest row.
INSERT INTO "usage_objects" ("object_uid", "workspace_id", "object_kind", "namespace", "object_name",
                             "runtime_name", "runtime_class")
SELECT DISTINCT ON ("object_uid") "object_uid", "workspace_id", "object_kind", "namespace", "object_name",
       "runtime_name", "runtime_class"
  FROM "usage_minutes"
 ORDER BY "object_uid", "minute", "resource";

SELECT usage_ledger_partition(d)
  FROM (SELECT DISTINCT ("minute" AT TIME ZONE 'UTC')::date AS d FROM "usage_minutes") AS days;

INSERT INTO "usage_ledger" ("minute", "object_id", "recorded_at", "cpu", "memory", "storage", "endpoint", "egress")
SELECT u."minute", o."id", MIN(u."recorded_at"),
       SUM(u."quantity") FILTER (WHERE u."resource" = 'CPU'),
       SUM(u."quantity") FILTER (WHERE u."resource" = 'MEMORY'),
       SUM(u."quantity") FILTER (WHERE u."resource" = 'STORAGE'),
       SUM(u."quantity") FILTER (WHERE u."resource" = 'ENDPOINT'),
       SUM(u."quantity") FILTER (WHERE u."resource" = 'EGRESS')
  FROM "usage_minutes" u JOIN "usage_objects" o ON o."object_uid" = u."object_uid"
 GROUP BY u."minute", o."id";

DROP TABLE "usage_minutes";

-- The ledger in its old shape, one row per object, resource and minute, for queries and tools.
CREATE VIEW "usage_minutes" AS
SELECT o."object_uid", r."resource", l."minute", o."workspace_id", o."object_kind", o."namespace",
       o."object_name", o."runtime_name", o."runtime_class", r."quantity", l."recorded_at"
  FROM "usage_ledger" l
  JOIN "usage_objects" o ON o."id" = l."object_id"
 CROSS JOIN LATERAL (VALUES ('CPU'::"UsageResource", l."cpu"), ('MEMORY', l."memory"), ('STORAGE', l."storage"),
                            ('ENDPOINT', l."endpoint"), ('EGRESS', l."egress")) AS r("resource", "quantity")
 WHERE r."quantity" IS NOT NULL;
