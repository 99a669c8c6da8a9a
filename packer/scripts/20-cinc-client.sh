#!/usr/bin/env bash
# Bake step 20: install Cinc Client (the free distribution of Chef Infra Client) at a pinned version. The
# omnitruck installer checks the package's SHA-256 before installing it.
set -euo pipefail

: "${CINC_VERSION:?CINC_VERSION is required (packer variable cinc_version)}"

installer=$(mktemp)
trap 'rm -f "$installer"' EXIT
curl -fsSL --proto '=https' --tlsv1.2 https://omnitruck.cinc.sh/install.sh -o "$installer"
bash "$installer" -v "$CINC_VERSION"

installed=$(cinc-client --version)
if [[ "$installed" != *"$CINC_VERSION"* ]]; then
  echo "20-cinc-client: wanted Cinc Client $CINC_VERSION, got '$installed'" >&2
  exit 1
fi
