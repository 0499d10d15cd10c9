import type { BadgeState } from "@/components/ui/badge";

// What each domain state looks like as a badge, in one place.

export const WORKSPACE_STATES: Record<string, BadgeState> = {
  PROVISIONING: { tone: "warning", label: "Provisioning" },
  READY: { tone: "success", label: "Ready" },
  DELETING: { tone: "danger", label: "Deleting" },
  DELETED: { tone: "neutral", label: "Deleted" },
};

export const AUDIT_OUTCOMES: Record<string, BadgeState> = {
  SUCCESS: { tone: "success", label: "Success" },
  DENIED: { tone: "warning", label: "Denied" },
  FAILED: { tone: "danger", label: "Failed" },
};

export const RUNTIME_PHASES: Record<string, BadgeState> = {
  Running: { tone: "success", dot: true },
  Starting: { tone: "info", dot: "pulse" },
  Updating: { tone: "info", dot: "pulse" },
  Stopped: { tone: "neutral", dot: true },
  Suspended: { tone: "warning", dot: true },
  Deleting: { tone: "neutral", dot: "pulse" },
  Failing: { tone: "danger", dot: true },
};

export const VOLUME_STATES: Record<string, BadgeState> = {
  Bound: { tone: "success" },
  Pending: { tone: "warning" },
  Lost: { tone: "danger" },
  Terminating: { tone: "neutral" },
};

export const KUBECONFIG_STATES: Record<string, BadgeState> = {
  active: { tone: "success" },
  expired: { tone: "neutral" },
  revoked: { tone: "danger" },
};

export const INVITATION_STATES: Record<string, BadgeState> = {
  pending: { tone: "success", label: "Pending" },
  expired: { tone: "warning", label: "Expired" },
};

export const QUOTA_REQUEST_STATES: Record<string, BadgeState> = {
  PENDING: { tone: "warning", label: "Waiting for a decision" },
  APPROVED: { tone: "success", label: "Approved" },
  AUTO_APPROVED: { tone: "success", label: "Approved automatically" },
  DENIED: { tone: "danger", label: "Denied" },
};

/** API tokens live, expire and are revoked like kubeconfigs. */
export const API_TOKEN_STATES = KUBECONFIG_STATES;
