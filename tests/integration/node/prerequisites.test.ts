import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// stack:up refuses to start the real node when a prerequisite is missing, and says which
// one and what provides it. The check runs with a PATH that holds every command it looks
// for but two.

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const PRESENT = ["id", "grep", "iptables", "ipset", "conntrack", "umoci", "skopeo", "python3"];
const bin = mkdtempSync(path.join(tmpdir(), "canopy-prereq-"));

function which(command: string): string {
  const found = spawnSync("bash", ["-c", `command -v ${command}`], { encoding: "utf8" }).stdout.trim();
  if (!found) throw new Error(`${command} is not on this machine`);
  return found;
}

function check(pathDirs: string): { status: number | null; stderr: string } {
  const result = spawnSync(
    "/bin/bash",
    ["-c", "source scripts/stack/lib.sh; source scripts/stack/node.sh; check_node_prerequisites && echo ready"],
    { cwd: ROOT, encoding: "utf8", env: { ...process.env, PATH: pathDirs } },
  );
  return { status: result.status, stderr: result.stderr + result.stdout };
}

afterAll(() => rmSync(bin, { recursive: true, force: true }));

describe("the real node's prerequisites", () => {
  it("names each missing command and the package that provides it", () => {
    for (const command of PRESENT) symlinkSync(which(command), path.join(bin, command));
    const missing = check(bin);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("the real node cannot start; missing:");
    expect(missing.stderr).toContain("runc (apt-get install runc)");
    expect(missing.stderr).toContain("docker-registry (apt-get install docker-registry)");
    for (const command of PRESENT.slice(2)) expect(missing.stderr).not.toContain(`${command} (apt-get`);
  });

  it("passes on this machine, which has them all (positive control)", () => {
    const all = check(process.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin");
    expect(all.stderr).toContain("ready");
    expect(all.status).toBe(0);
  });
});
