"""Lets gVisor's containerd shim start where root may not lower an oom_score_adj.

The shim sets its own oom_score_adj to the minimum after starting and aborts when the
kernel says no; root on these VMs lacks CAP_SYS_RESOURCE, so it always says no. The patch
tolerates only a permission error there, silently: the shim's stdout at that point is the
bootstrap reply containerd parses. Fails loudly if upstream changed the code.
"""
import sys

path = sys.argv[1]
source = open(path).read()
original = """	if err := sys.SetOOMScore(cmd.Process.Pid, oomScoreMax); err != nil {
		return shim.BootstrapParams{}, fmt.Errorf("failed to set OOM Score on shim: %w", err)
	}"""
patched = """	if err := sys.SetOOMScore(cmd.Process.Pid, oomScoreMax); err != nil && !os.IsPermission(err) {
		return shim.BootstrapParams{}, fmt.Errorf("failed to set OOM Score on shim: %w", err)
	}"""
if original not in source:
    sys.exit(f"{path}: the shim's oom_score_adj code changed upstream; update scripts/stack/build/patch-runsc-shim.py")
open(path, "w").write(source.replace(original, patched))
