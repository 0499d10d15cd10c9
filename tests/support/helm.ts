import { execFileSync, spawnSync } from "node:child_process";
import * as k8s from "@kubernetes/client-node";

// Helm 4, built once per machine by scripts/stack/build-helm.sh (cached after that).

let helmPath: string | undefined;

export function helm(): string {
  helmPath ??= execFileSync("bash", ["scripts/stack/build-helm.sh"], { encoding: "utf8" }).trim();
  return helmPath;
}

export const CHART = "charts/canopy";
export const LOCAL_VALUES = "charts/canopy/ci/local-values.yaml";

export interface Rendered {
  ok: boolean;
  objects: k8s.KubernetesObject[];
  stderr: string;
}

/** `helm template` of the chart with the local values and `--set` overrides. */
export function renderChart(
  sets: string[] = [],
  valuesFiles: string[] = [LOCAL_VALUES],
  { release = "canopy", namespace = "canopy-system" } = {},
): Rendered {
  const args = ["template", release, CHART, "--namespace", namespace];
  for (const file of valuesFiles) args.push("-f", file);
  for (const set of sets) args.push("--set", set);
  const result = spawnSync(helm(), args, { encoding: "utf8" });
  const ok = result.status === 0;
  return { ok, stderr: result.stderr, objects: ok ? (k8s.loadAllYaml(result.stdout) as k8s.KubernetesObject[]) : [] };
}
