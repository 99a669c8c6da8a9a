#!/usr/bin/env bash
# Bake step 10: wait for cloud-init to finish its first boot, patch the OS, and add what the helper needs at
# boot (curl for the termination watcher, xfsprogs/e2fsprogs for the data volume, nvme-cli to find it).
set -euo pipefail

cloud-init status --wait >/dev/null || true

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get -y -qq -o Dpkg::Options::=--force-confold upgrade
apt-get install -y -qq --no-install-recommends \
  ca-certificates curl gnupg xfsprogs e2fsprogs nvme-cli iproute2 jq
