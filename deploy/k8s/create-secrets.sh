#!/usr/bin/env bash
# Creates the Secrets FlopX's manifests reference that no operator makes, from values you give in the
# environment: nothing secret is ever committed. The operators make the rest: CloudNativePG makes
# catalog-db-app, orders-db-app, settlement-db-app and keycloak-db-app; the Keycloak operator makes flopx-keycloak-initial-admin.
#
#   NAMESPACE=flopx PUBLIC_URL=https://flopx.example DASHBOARD_CLIENT_SECRET=$(openssl rand -hex 32) \
#   BACKUP_S3_ACCESS_KEY_ID=... BACKUP_S3_SECRET_ACCESS_KEY=... deploy/k8s/create-secrets.sh
#
# flopx-gateway-tls (the gateway's certificate) comes from cert-manager or from
#   kubectl -n "$NAMESPACE" create secret tls flopx-gateway-tls --cert=... --key=...
set -euo pipefail
: "${NAMESPACE:?set NAMESPACE (flopx-dev or flopx)}"
: "${PUBLIC_URL:?set PUBLIC_URL, e.g. https://flopx.example}"
: "${DASHBOARD_CLIENT_SECRET:?set DASHBOARD_CLIENT_SECRET, e.g. \$(openssl rand -hex 32)}"

apply() { kubectl -n "$NAMESPACE" apply -f -; }

# The dashboard's OIDC client: the gateway signs operators in with it, and the realm import puts the same
# secret and public address into Keycloak.
kubectl -n "$NAMESPACE" create secret generic flopx-dashboard-oidc \
  --from-literal=client-secret="$DASHBOARD_CLIENT_SECRET" \
  --from-literal=public-url="$PUBLIC_URL" \
  --dry-run=client -o yaml | apply

# Object storage for PostgreSQL's base backups and WAL archive (prod overlay).
if [[ -n "${BACKUP_S3_ACCESS_KEY_ID:-}" ]]; then
  kubectl -n "$NAMESPACE" create secret generic flopx-backup-s3 \
    --from-literal=ACCESS_KEY_ID="$BACKUP_S3_ACCESS_KEY_ID" \
    --from-literal=ACCESS_SECRET_KEY="${BACKUP_S3_SECRET_ACCESS_KEY:?set BACKUP_S3_SECRET_ACCESS_KEY}" \
    --dry-run=client -o yaml | apply
fi
