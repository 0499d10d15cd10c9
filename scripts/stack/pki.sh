# Creates, once, the certificates and keys of the local control plane (sourced by up.sh).
# A private CA signs the apiserver's serving certificate and the client certificates of
# the admin (system:masters), the controller manager and the scheduler; an RSA key pair
# signs ServiceAccount tokens (TokenRequest).

make_pki() {
  [ -f "$PKI/.complete" ] && return 0
  log "creating certificates in $PKI"
  mkdir -p "$PKI"
  (
    cd "$PKI"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 \
      -subj "/CN=canopy-local-ca" 2>/dev/null
    openssl genrsa -out sa.key 2048 2>/dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null

    sign() { # name subject [extensions]
      openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "$2" 2>/dev/null
      printf '%s\n' "${3:-extendedKeyUsage=clientAuth}" >"$1.ext"
      openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 \
        -extfile "$1.ext" -out "$1.crt" 2>/dev/null
      rm -f "$1.csr" "$1.ext"
    }
    sign apiserver "/CN=kube-apiserver" \
      "$(printf 'subjectAltName=IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local\nextendedKeyUsage=serverAuth')"
    sign admin "/O=system:masters/CN=canopy-admin"
    sign controller-manager "/CN=system:kube-controller-manager"
    sign scheduler "/CN=system:kube-scheduler"
  )
  touch "$PKI/.complete"
}

write_kubeconfig() { # file user-cert-name
  local file="$1" who="$2"
  cat >"$file" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: canopy-local
  cluster:
    server: https://127.0.0.1:$APISERVER_PORT
    certificate-authority-data: $(base64 -w0 "$PKI/ca.crt")
users:
- name: $who
  user:
    client-certificate-data: $(base64 -w0 "$PKI/$who.crt")
    client-key-data: $(base64 -w0 "$PKI/$who.key")
contexts:
- name: canopy-local
  context:
    cluster: canopy-local
    user: $who
current-context: canopy-local
KUBECONFIG
  chmod 600 "$file"
}
