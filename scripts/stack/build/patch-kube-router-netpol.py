"""Gives kube-router's pod chains the pods its policies were built from.

kube-router v2.1.0's full sync builds every policy's target and peer sets from the pod
list, spends seconds writing ipsets and chains, then lists the node's pods again to write
one chain per pod. A pod that got its address in between gets a chain that runs through
no policy, and a pod without policies is let through: for a few seconds a tenant pod
could reach what its egress policy refuses. The patch writes chains only for the pods
that were listed before the policies were built; a later pod waits for the next sync
(its address change already asked for one), refused meanwhile by the node's pod guard
(scripts/stack/node/network.sh). Fails loudly if upstream changed the code.
"""
import sys

root = sys.argv[1]


def patch(relative, original, patched):
    path = f"{root}/{relative}"
    source = open(path).read()
    if original not in source:
        sys.exit(f"{path}: upstream changed; update scripts/stack/build/patch-kube-router-netpol.py")
    open(path, "w").write(source.replace(original, patched, 1))


patch(
    "pkg/controllers/netpol/network_policy_controller.go",
    "\tnodeIPs             map[v1core.IPFamily]net.IP\n",
    "\tnodeIPs             map[v1core.IPFamily]net.IP\n\tpodsAtPolicyBuild   map[string]podInfo\n",
)
patch(
    "pkg/controllers/netpol/network_policy_controller.go",
    "\tnetworkPoliciesInfo, err = npc.buildNetworkPoliciesInfo()\n",
    "\tnpc.podsAtPolicyBuild = make(map[string]podInfo)\n"
    "\tfor _, nodeIP := range npc.nodeIPs {\n"
    "\t\tnpc.getLocalPods(npc.podsAtPolicyBuild, nodeIP.String())\n"
    "\t}\n"
    "\tnetworkPoliciesInfo, err = npc.buildNetworkPoliciesInfo()\n",
)
patch(
    "pkg/controllers/netpol/pod.go",
    "\tfor _, pod := range allLocalPods {\n\n",
    "\tfor ip := range allLocalPods {\n"
    "\t\tif _, known := npc.podsAtPolicyBuild[ip]; !known {\n"
    "\t\t\tdelete(allLocalPods, ip)\n"
    "\t\t}\n"
    "\t}\n"
    "\tfor _, pod := range allLocalPods {\n\n",
)
