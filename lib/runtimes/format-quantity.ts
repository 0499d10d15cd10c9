// CPU and memory in words. Kept apart from workspace-quota.ts (which talks to the
// cluster) so that client components can use them too.

export function formatCpu(millis: number): string {
  return millis % 1000 === 0 || millis >= 1000 ? `${+(millis / 1000).toFixed(3)} CPU` : `${millis}m CPU`;
}

export function formatMemory(mib: number): string {
  return mib >= 1024 ? `${+(mib / 1024).toFixed(2)} GiB` : `${mib} MiB`;
}
