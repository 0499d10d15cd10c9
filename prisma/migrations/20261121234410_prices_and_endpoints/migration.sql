-- CreateEnum
CREATE TYPE "PriceResource" AS ENUM ('CPU_CORE_HOUR', 'MEMORY_GIB_HOUR', 'STORAGE_GIB_MONTH', 'ENDPOINT_HOUR', 'RUNTIME_CLASS_CORE_HOUR');

-- CreateTable
CREATE TABLE "prices" (
    "id" TEXT NOT NULL,
    "plan_id" TEXT NOT NULL,
    "resource" "PriceResource" NOT NULL,
    "runtime_class" TEXT NOT NULL DEFAULT '',
    "unit_price_micros" BIGINT NOT NULL,
    "effective_from" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "prices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "public_endpoints" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "runtime_name" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "public_endpoints_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "prices_plan_id_resource_runtime_class_effective_from_key" ON "prices"("plan_id", "resource", "runtime_class", "effective_from");

-- CreateIndex
CREATE UNIQUE INDEX "public_endpoints_host_key" ON "public_endpoints"("host");

-- CreateIndex
CREATE UNIQUE INDEX "public_endpoints_workspace_id_runtime_name_key" ON "public_endpoints"("workspace_id", "runtime_name");

-- AddForeignKey
ALTER TABLE "prices" ADD CONSTRAINT "prices_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "public_endpoints" ADD CONSTRAINT "public_endpoints_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Seed prices (micro-units of the portal's currency), in force from the start.
INSERT INTO "prices" ("id", "plan_id", "resource", "runtime_class", "unit_price_micros", "effective_from")
SELECT 'seed-' || p.id || '-' || lower(r.resource::text) || CASE WHEN r.runtime_class = '' THEN '' ELSE '-' || r.runtime_class END,
       p.id, r.resource, r.runtime_class, r.micros, TIMESTAMPTZ '2026-01-01 00:00:00+00'
FROM "plans" p
CROSS JOIN (VALUES
  ('CPU_CORE_HOUR'::"PriceResource", '', 20000),
  ('MEMORY_GIB_HOUR'::"PriceResource", '', 2500),
  ('STORAGE_GIB_MONTH'::"PriceResource", '', 100000),
  ('ENDPOINT_HOUR'::"PriceResource", '', 5000),
  ('RUNTIME_CLASS_CORE_HOUR'::"PriceResource", 'kata', 5000)
) AS r(resource, runtime_class, micros)
WHERE p.id IN ('personal', 'team')
ON CONFLICT DO NOTHING;
