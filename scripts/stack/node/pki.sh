# The real node's identities: certificates signed by the stack's CA for the kubelet and
# each agent, and the kubeconfigs that use them (sourced through scripts/stack/node.sh).

# A certificate signed by the stack's CA, with a random serial (the CA's serial file stays as it is).
sign_node_cert() { # name subject extensions
  local dir="$NODE_PKI"
  openssl req -newkey rsa:2048 -nodes -keyout "$dir/$1.key" -out "$dir/$1.csr" -subj "$2" 2>/dev/null
  printf '%b\n' "$3" >"$dir/$1.ext"
  openssl x509 -req -in "$dir/$1.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" \
    -set_serial "0x$(openssl rand -hex 16)" -days 3650 -extfile "$dir/$1.ext" -out "$dir/$1.crt" 2>/dev/null
  rm -f "$dir/$1.csr" "$dir/$1.ext"
}

# Identities of the node's agents. The apiserver's kubelet client certificate is made here
# too, before the apiserver starts, since its flags name it.
make_node_pki() {
  local ip; ip="$(node_ip)"
  mkdir -p "$NODE_PKI"
  [ -f "$NODE_PKI/apiserver-kubelet-client.crt" ] ||
    sign_node_cert apiserver-kubelet-client "/CN=canopy:apiserver-kubelet-client" "extendedKeyUsage=clientAuth"
  [ -f "$NODE_PKI/kubelet-client.crt" ] ||
    sign_node_cert kubelet-client "/O=system:nodes/CN=system:node:$NODE_NAME" "extendedKeyUsage=clientAuth"
  # The serving certificate names the node's address, which can change between machines.
  if ! openssl x509 -in "$NODE_PKI/kubelet-serving.crt" -noout -ext subjectAltName 2>/dev/null | grep -q "IP Address:$ip\b"; then
    sign_node_cert kubelet-serving "/O=system:nodes/CN=system:node:$NODE_NAME" \
      "subjectAltName=DNS:$NODE_NAME,IP:$ip\nextendedKeyUsage=serverAuth"
  fi
  local agent
  for agent in kube-proxy:system:kube-proxy kube-router:canopy:kube-router coredns:canopy:coredns; do
    [ -f "$NODE_PKI/${agent%%:*}.crt" ] || sign_node_cert "${agent%%:*}" "/CN=${agent#*:}" "extendedKeyUsage=clientAuth"
  done
}

node_kubeconfig() { # file cert-name
  cat >"$1" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: canopy-local
  cluster: {server: "https://127.0.0.1:$APISERVER_PORT", certificate-authority: "$PKI/ca.crt"}
users:
- name: $2
  user: {client-certificate: "$NODE_PKI/$2.crt", client-key: "$NODE_PKI/$2.key"}
contexts:
- name: canopy-local
  context: {cluster: canopy-local, user: $2}
current-context: canopy-local
KUBECONFIG
  chmod 600 "$1"
}
