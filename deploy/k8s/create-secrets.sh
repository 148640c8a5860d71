#!/usr/bin/env bash
# Creates (or updates) the Secrets the govgraph Deployments read, in namespace govgraph, from
# the files of `govgraph keys generate` and the connection URLs in the environment. Run it
# before `kubectl apply -k deploy/k8s` (README, "Deployment files"):
#
#   npx govgraph keys generate --out ./govgraph-keys        # on an administrator's machine
#   export GOVGRAPH_POPULATION_DB_URL=postgres://reader:…@rk-db:5432/rk \
#          GOVGRAPH_LEGAL_PERSON_DB_URL=mysql://reader:…@scjg-db:3306/scjg \
#          GOVGRAPH_GEOSPATIAL_DB_URL=postgres://reader:…@bdc-db:5432/bdc \
#          GOVGRAPH_SHARING_DB_URL=postgres://govgraph:…@platform-db:5432/govgraph \
#          GOVGRAPH_SOCIAL_SECURITY_DB_URL=mysql://reader:…@shbx-db:3306/shbx \
#          GOVGRAPH_REDIS_URL=redis://:…@redis:6379/0
#   deploy/k8s/create-secrets.sh ./govgraph-keys
#
# Each Secret holds only what its holder needs (lib/keys/keySources.ts): the gateway's signing
# key never reaches a subgraph, the anchor's signing key only the sharing subgraph, and the
# token issuer's private key stays with the identity provider — it is never uploaded.
# Prints the manifests instead of applying them with DRY_RUN=1.
set -euo pipefail
keys=${1:?usage: create-secrets.sh KEYS_DIR (the --out of govgraph keys generate)}
ns=${NAMESPACE:-govgraph}
for f in gateway.private.jwk.json gateway.public.jwk.json token-issuer.public.jwk.json \
         audit-anchor.private.jwk.json audit-anchor.public.jwk.json seal.key audit.key; do
  [ -f "$keys/$f" ] || { echo "create-secrets.sh: $keys/$f is missing (run govgraph keys generate --out $keys)" >&2; exit 2; }
done
for v in GOVGRAPH_POPULATION_DB_URL GOVGRAPH_LEGAL_PERSON_DB_URL GOVGRAPH_GEOSPATIAL_DB_URL \
         GOVGRAPH_SHARING_DB_URL GOVGRAPH_SOCIAL_SECURITY_DB_URL GOVGRAPH_REDIS_URL; do
  [ -n "${!v:-}" ] || { echo "create-secrets.sh: set $v" >&2; exit 2; }
done

apply() {
  if [ "${DRY_RUN:-}" = 1 ]; then cat; echo '---'; else kubectl apply -f -; fi
}
secret() { kubectl -n "$ns" create secret generic "$@" --dry-run=client -o yaml | apply; }

secret govgraph-gateway-keys \
  --from-file="$keys/gateway.private.jwk.json" \
  --from-file="$keys/token-issuer.public.jwk.json" \
  --from-file="$keys/seal.key"
secret govgraph-subgraph-keys \
  --from-file="$keys/gateway.public.jwk.json" \
  --from-file="$keys/audit-anchor.public.jwk.json" \
  --from-file="$keys/seal.key" \
  --from-file="$keys/audit.key"
secret govgraph-anchor-key \
  --from-file="$keys/audit-anchor.private.jwk.json"
secret govgraph-connections \
  --from-literal=population-db-url="$GOVGRAPH_POPULATION_DB_URL" \
  --from-literal=legal-person-db-url="$GOVGRAPH_LEGAL_PERSON_DB_URL" \
  --from-literal=geospatial-db-url="$GOVGRAPH_GEOSPATIAL_DB_URL" \
  --from-literal=sharing-db-url="$GOVGRAPH_SHARING_DB_URL" \
  --from-literal=social-security-db-url="$GOVGRAPH_SOCIAL_SECURITY_DB_URL" \
  --from-literal=redis-url="$GOVGRAPH_REDIS_URL"
