// CPU and memory in words, for the browser: the same rules as formatCpu/formatMemory in
// workspace-quota.ts, which cannot be imported into client components because that module
// also talks to the cluster.

export function formatCpu(millis: number): string {
  return millis % 1000 === 0 || millis >= 1000 ? `${+(millis / 1000).toFixed(3)} CPU` : `${millis}m CPU`;
}

export function formatMemory(mib: number): string {
  return mib >= 1024 ? `${+(mib / 1024).toFixed(2)} GiB` : `${mib} MiB`;
}
