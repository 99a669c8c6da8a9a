#!/usr/bin/env bash
# Bake step 90: remove everything that belongs to the build instance rather than to the image, so that each
# broker launched from it gets its own identity (machine-id, SSH host keys, cloud-init instance data).
set -euo pipefail

: "${UPLOAD_DIR:?UPLOAD_DIR is required}"

rm -rf "$UPLOAD_DIR"
rm -rf /etc/cinc/client.pem /etc/chef/client.pem /root/.chef /root/.cinc /var/chef /var/cinc

# systemd creates a new machine-id on first boot when the file is empty (a missing file breaks some units).
truncate -s 0 /etc/machine-id
rm -f /var/lib/dbus/machine-id
rm -f /etc/ssh/ssh_host_*

cloud-init clean --logs --seed
rm -rf /var/lib/cloud/instances /var/lib/cloud/instance

apt-get clean
rm -rf /var/lib/apt/lists/*
rm -f /root/.bash_history /home/*/.bash_history
# The build user's SSH key (Packer's temporary key pair) must not open every broker: cloud-init writes the
# launch key pair's at first boot. Packer keeps its open connection for the remaining provisioners (99).
rm -f /root/.ssh/authorized_keys /home/*/.ssh/authorized_keys
find /var/log -type f -name '*.log' -exec truncate -s 0 {} +
journalctl --rotate >/dev/null 2>&1 || true
journalctl --vacuum-time=1s >/dev/null 2>&1 || true
