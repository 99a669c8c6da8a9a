#!/usr/bin/env bash
# Bake step 99: fail the build when per-instance state or credentials leaked into the image. Every broker
# launched from the AMI must start without an identity: kafka_aas::configure gives it one at boot.
#   KAFKA_AAS_IMAGE_ROOT=/mnt/image 99-validate.sh   checks a mounted image instead of /.
set -euo pipefail

readonly ROOT=${KAFKA_AAS_IMAGE_ROOT:-}
problems=()

leak() {
  problems+=("$1")
}

if [[ -s "$ROOT/etc/machine-id" ]]; then
  leak "/etc/machine-id is not empty (each instance must generate its own)"
fi
for key in "$ROOT"/etc/ssh/ssh_host_*; do
  [[ -e "$key" ]] && leak "SSH host key $key is baked in"
done
if [[ -d "$ROOT/var/lib/cloud/instances" ]] && [[ -n "$(ls -A "$ROOT/var/lib/cloud/instances")" ]]; then
  leak "cloud-init instance data is left in /var/lib/cloud/instances"
fi
if [[ -e "$ROOT/var/lib/cloud/instance" ]]; then
  leak "cloud-init's /var/lib/cloud/instance link is left"
fi
if [[ -f "$ROOT/etc/fstab" ]] && grep -Eq 'kafka-aas|/var/lib/kafka' "$ROOT/etc/fstab"; then
  leak "/etc/fstab has a data-volume entry (the helper adds it at boot)"
fi
if [[ -d "$ROOT/var/lib/kafka" ]] && [[ -n "$(find "$ROOT/var/lib/kafka" -mindepth 1 -print -quit)" ]]; then
  leak "/var/lib/kafka is not empty (broker data belongs on the per-broker EBS volume)"
fi
if [[ -f "$ROOT/etc/kafka/server.properties" ]] && grep -Eq '^(broker|node)\.id=[0-9]+' "$ROOT/etc/kafka/server.properties" \
  && grep -Eq '^advertised\.listeners=' "$ROOT/etc/kafka/server.properties"; then
  leak "/etc/kafka/server.properties was rendered for a broker (render runs at boot)"
fi
for state in etc/kafka-aas/kafka-aas.properties etc/kafka-aas/boot.json; do
  [[ -e "$ROOT/$state" ]] && leak "/$state is per-instance and must not be in the image"
done
for pem in etc/chef/client.pem etc/cinc/client.pem; do
  [[ -e "$ROOT/$pem" ]] && leak "/$pem is a Chef client key"
done
for dir in root/.aws home/*/.aws; do
  for found in "$ROOT"/$dir; do
    [[ -e "$found" ]] && leak "AWS credentials directory $found is baked in"
  done
done
credential_pattern='(AKIA|ASIA)[A-Z0-9]{16}|aws_secret_access_key|-----BEGIN (RSA |EC |OPENSSH )?PRIVATE KEY-----'
while IFS= read -r hit; do
  leak "credential-looking content in $hit"
done < <(grep -rIlE "$credential_pattern" "$ROOT/etc" "$ROOT/opt" "$ROOT/root" "$ROOT/home" "$ROOT/var/lib/kafka-aas" 2>/dev/null \
  | grep -vE '/etc/ssl/|/usr/share/' || true)
# 40-appcds.sh trains on a real bootstrap in this scratch root, against the simulation jar's local cloud and
# ZooKeeper: none of it, and nothing that boot claimed or wrote, may reach the image.
if [[ -e "$ROOT/var/tmp/kafka-aas-appcds-training" ]]; then
  leak "the AppCDS training root /var/tmp/kafka-aas-appcds-training is left (a claim, a volume, rendered files)"
fi
while IFS= read -r found; do
  leak "the simulation jar ${found#"$ROOT"} is left (it is uploaded for AppCDS training only)"
done < <(find "$ROOT/opt" "$ROOT/tmp" "$ROOT/var/tmp" "$ROOT/root" "$ROOT/usr/local" -name 'kafka-aas-simulation*.jar' 2>/dev/null || true)
while IFS= read -r found; do
  leak "a broker identity ${found#"$ROOT"} is left (meta.properties belongs on the broker's volume)"
done < <(find "$ROOT/opt" "$ROOT/tmp" "$ROOT/var" "$ROOT/root" "$ROOT/etc" -name meta.properties 2>/dev/null || true)
while IFS= read -r found; do
  leak "ZooKeeper data ${found#"$ROOT"} is left (claims from a training or test run)"
done < <(find "$ROOT/opt" "$ROOT/tmp" "$ROOT/var" "$ROOT/root" -type d -name version-2 \
  -exec sh -c 'ls "$1" | grep -Eq "^(log|snapshot)\."' _ {} \; -print 2>/dev/null || true)
if [[ -e "$ROOT/tmp/kafka-aas" ]]; then
  leak "the Packer upload /tmp/kafka-aas is still there"
fi

if ((${#problems[@]} > 0)); then
  printf '99-validate: %s\n' "${problems[@]}" >&2
  echo "99-validate: ${#problems[@]} problem(s); the image would carry per-instance state, refusing to bake it" >&2
  exit 1
fi
echo "99-validate: no per-instance state or credentials found"
