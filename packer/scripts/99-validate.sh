#!/usr/bin/env bash
# Bake step 99: fail the build when per-instance state or credentials leaked into the image. Every broker
# launched from the AMI must start without an identity: kafka_aas::configure gives it one at boot, and every
# secret (keystores, passwords, JAAS) is fetched at boot by kafka-aas fetch-secrets, never baked.
#   99-validate.sh [ROOT]   checks a mounted image or a scratch tree at ROOT instead of /
#                           (KAFKA_AAS_IMAGE_ROOT=ROOT works too; the argument wins).
set -euo pipefail

ROOT=${1:-${KAFKA_AAS_IMAGE_ROOT:-}}
ROOT=${ROOT%/}
if [[ -n "$ROOT" && ! -d "$ROOT" ]]; then
  echo "99-validate: image root $ROOT is not a directory: mount the image there or pass its path" >&2
  exit 2
fi
readonly ROOT
problems=()

leak() {
  problems+=("$1")
}

# Every place a person, a build user or a service account keeps dotfiles: /root, /home/*, and each home
# /etc/passwd names (a service account's home can be anywhere, e.g. /var/lib/<service>).
homes() {
  {
    echo /root
    for home in "$ROOT"/home/*; do
      [[ -d "$home" ]] && echo "${home#"$ROOT"}"
    done
    if [[ -f "$ROOT/etc/passwd" ]]; then
      cut -d: -f6 "$ROOT/etc/passwd" | grep -vxE '/|/nonexistent|/dev/null|/bin|/usr/sbin|/sbin|/usr/bin|/proc|/run.*' || true
    fi
  } | sort -u | while IFS= read -r home; do
    [[ -n "$home" && -d "$ROOT$home" ]] && echo "$ROOT$home"
  done
}

# Where configuration and build leftovers live. Package-owned trees (/usr except /usr/local, apt and dpkg
# state, the CA bundle) are not searched for content.
readonly -a CONTENT_DIRS=(etc opt root home srv usr/local var/lib var/tmp tmp)
content_files() {
  local dirs=()
  for dir in "${CONTENT_DIRS[@]}"; do
    [[ -d "$ROOT/$dir" ]] && dirs+=("$ROOT/$dir")
  done
  ((${#dirs[@]} > 0)) || return 0
  find "${dirs[@]}" \( -path "$ROOT/var/lib/apt" -o -path "$ROOT/var/lib/dpkg" -o -path "$ROOT/var/lib/ucf" \
    -o -path "$ROOT/etc/ssl/certs" -o -path "$ROOT/etc/pam.d" \) -prune -o -type f -print0 2>/dev/null
}
grep_content() {
  content_files | xargs -0 -r grep -IlE "$@" 2>/dev/null || true
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

# Per home: SSH access and keys, shell histories, AWS credentials. 90-cleanup.sh removes the build user's
# authorized_keys; cloud-init writes the launch key pair's at first boot.
while IFS= read -r home; do
  shown=${home#"$ROOT"}
  for keys in "$home"/.ssh/authorized_keys "$home"/.ssh/authorized_keys2; do
    [[ -s "$keys" ]] && leak "SSH access ${keys#"$ROOT"} is baked in (clear it in 90-cleanup.sh; cloud-init adds the launch key at boot)"
  done
  for key in "$home"/.ssh/id_*; do
    [[ -f "$key" && "$key" != *.pub ]] && leak "SSH private key ${key#"$ROOT"} is baked in"
  done
  while IFS= read -r history; do
    leak "shell history ${history#"$ROOT"} is baked in (it can hold commands with secrets)"
  done < <(find "$home" -maxdepth 1 -type f -size +0 \( -name '.*_history' -o -name '.history' -o -name '.*hist' \) 2>/dev/null || true)
  [[ -e "$home/.aws" ]] && leak "AWS credentials directory $shown/.aws is baked in"
done < <(homes)

# Secrets are fetched at boot by kafka-aas fetch-secrets; none may be in the image.
while IFS= read -r found; do
  leak "keystore ${found#"$ROOT"} is baked in (keystores are fetched at boot from SSM or Secrets Manager)"
done < <(find "$ROOT/" \( -path "$ROOT/proc" -o -path "$ROOT/sys" -o -path "$ROOT/dev" -o -path "$ROOT/run" \) -prune \
  -o -type f \( -iname '*.jks' -o -iname '*.p12' -o -iname '*.pfx' -o -iname '*.keystore' -o -iname '*.bcfks' \) -print 2>/dev/null || true)
# The helper's and the cookbook's templates (*.ftl, *.erb) carry the JAAS line with placeholders only: a literal
# password in them is the password check's.
while IFS= read -r found; do
  leak "JAAS file ${found#"$ROOT"} is baked in (SASL credentials go into server.properties at boot)"
done < <({ content_files | tr '\0' '\n' | grep -iE '/[^/]*jaas[^/]*$' || true
  grep_content 'LoginModule[[:space:]]+(required|requisite|sufficient|optional)'; } | grep -vE '\.(ftl|erb)$' | sort -u)
# A key that names a password, set to a literal value: a template's placeholder (${...}, <%= ... %>) is not a
# value, code (the cookbook's Ruby) assigns variables rather than settings, and openssl.cnf's challengePassword
# is the prompt for a certificate request attribute.
readonly PASSWORD_SETTING='^[[:space:]]*[A-Za-z0-9_.-]*password[A-Za-z0-9_.-]*[[:space:]]*=[[:space:]]*[^[:space:]$<%{]|password="[^"$<%{]+"'
while IFS= read -r found; do
  if grep -iE "$PASSWORD_SETTING" "$found" | grep -qviE '^[[:space:]]*challengePassword'; then
    leak "a password setting in ${found#"$ROOT"} is baked in (passwords are fetched at boot)"
  fi
done < <(content_files | tr '\0' '\n' | grep -vE '\.rb$' | tr '\n' '\0' | xargs -0 -r grep -IilE "$PASSWORD_SETTING" 2>/dev/null || true)
while IFS= read -r hit; do
  leak "private key in ${hit#"$ROOT"}"
done < <(grep_content -- '-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----|PuTTY-User-Key-File')
while IFS= read -r hit; do
  leak "AWS credential-looking content in ${hit#"$ROOT"}"
done < <(grep_content '(AKIA|ASIA)[A-Z0-9]{16}|aws_secret_access_key|AWS_SECRET_ACCESS_KEY|aws_session_token')

# 40-appcds.sh trains in this scratch root: a real bootstrap and signal against the simulation jar's local cloud and
# ZooKeeper, and wait-healthy against a throwaway KRaft broker (its config, log dir and logs in the scratch root
# too). None of it, and nothing those runs claimed or wrote, may reach the image.
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
while IFS= read -r found; do
  leak "Kafka broker data ${found#"$ROOT"} is left (the KRaft metadata log of a training or test broker)"
done < <(find "$ROOT/opt" "$ROOT/tmp" "$ROOT/var" "$ROOT/root" "$ROOT/usr/local" \( -type d -name '__cluster_metadata-*' \
  -o -type f -name bootstrap.checkpoint \) -print 2>/dev/null || true)
while IFS= read -r found; do
  leak "Kafka's own log ${found#"$ROOT"} is left (a broker ran at bake time; the training broker logs to its scratch root)"
done < <(find "$ROOT/var/log/kafka" "$ROOT/usr/logs" "$ROOT/opt" -type f \( -name 'server.log*' -o -name 'controller.log*' \
  -o -name 'state-change.log*' \) -print 2>/dev/null || true)
if [[ -e "$ROOT/tmp/kafka-aas" ]]; then
  leak "the Packer upload /tmp/kafka-aas is still there"
fi

if ((${#problems[@]} > 0)); then
  printf '99-validate: %s\n' "${problems[@]}" >&2
  echo "99-validate: ${#problems[@]} problem(s); the image would carry per-instance state, refusing to bake it" >&2
  exit 1
fi
echo "99-validate: no per-instance state or credentials found"
