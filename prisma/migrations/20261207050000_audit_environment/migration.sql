-- The environment an audit event happened in (issue 18): set on the events of actions that
-- act in one environment (runtimes, volumes, terminals, kubeconfigs) and on refusals in a
-- non-default one; NULL for workspace-wide events. A column, not a JSON detail, so the
-- audit log filters by it with an index.
ALTER TABLE "audit_events" ADD COLUMN "environment" TEXT;

CREATE INDEX "audit_events_workspace_id_environment_created_at_idx" ON "audit_events"("workspace_id", "environment", "created_at" DESC);
