import { DEFAULT_ENVIRONMENT } from "@/lib/environments/environment-param";

// Which environment an audit event is filed under (audit_events.environment): actions that
// act inside one environment's namespace are filed under it, the default one included;
// workspace-wide actions (members, billing, settings, environments themselves) under none,
// unless they were attempted in a non-default environment (a refusal there).

const IN_ONE_ENVIRONMENT = ["runtime.", "volume.", "terminal.", "kubeconfig.issue"];

export function auditEnvironment(action: string, environment: string | null | undefined): string | null {
  if (!environment) return null;
  if (environment !== DEFAULT_ENVIRONMENT) return environment;
  return IN_ONE_ENVIRONMENT.some((prefix) => action.startsWith(prefix)) ? environment : null;
}
