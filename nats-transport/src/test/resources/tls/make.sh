#!/bin/sh
# Makes the test certificates of this folder (run once, from it; the results are committed):
# a CA, a server certificate for localhost and 127.0.0.1, one for another name, and a client
# certificate, all signed by the CA and valid for 100 years. EC P-256 keys in PKCS#8 PEM (what
# `openssl genpkey` writes and what SHOP_NATS_TLS_KEY_FILE reads).
set -e
days=36500
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }
sign() { # name, subject, extensions
  key "$1-key.pem"
  openssl req -new -key "$1-key.pem" -subj "$2" -out "$1.csr"
  printf '%s\n' "$3" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days $days -sha256 \
    -extfile "$1.ext" -out "$1.pem"
  rm "$1.csr" "$1.ext"
}
key ca-key.pem
openssl req -x509 -new -key ca-key.pem -subj "/CN=shop test CA" -days $days -sha256 \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.pem
sign server "/CN=localhost" "subjectAltName=DNS:localhost,IP:127.0.0.1
extendedKeyUsage=serverAuth"
sign wrong-name "/CN=nats.example.invalid" "subjectAltName=DNS:nats.example.invalid
extendedKeyUsage=serverAuth"
sign client "/CN=shop-client" "extendedKeyUsage=clientAuth"
# The same client key in the traditional (PKCS#1-like, SEC1 for EC) form, which the platform refuses
# with a message saying how to convert it.
openssl ec -in client-key.pem -out client-key-sec1.pem
rm -f ca.srl
