#!/usr/bin/env bash
# Bake step 35: the Amazon CloudWatch agent, which kafka_aas::configure points at the data volume (disk use) and at
# the JMX exporter (partition gauges) for the stack's alarms. The package is installed only if its signature
# verifies against Amazon's published key, whose fingerprint is pinned here.
set -euo pipefail

: "${CLOUDWATCH_AGENT_VERSION:?CLOUDWATCH_AGENT_VERSION is required}"

readonly BASE=https://amazoncloudwatch-agent.s3.amazonaws.com
readonly FINGERPRINT=937616F3450B7D806CBD9725D58167303B789C72
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GNUPGHOME="$work/gnupg"
install -d -m 0700 "$GNUPGHOME"

curl -fsSL --retry 3 -o "$work/agent.gpg" "$BASE/assets/amazon-cloudwatch-agent.gpg"
curl -fsSL --retry 3 -o "$work/agent.deb" "$BASE/debian/amd64/$CLOUDWATCH_AGENT_VERSION/amazon-cloudwatch-agent.deb"
curl -fsSL --retry 3 -o "$work/agent.deb.sig" "$BASE/debian/amd64/$CLOUDWATCH_AGENT_VERSION/amazon-cloudwatch-agent.deb.sig"

gpg --batch --quiet --import "$work/agent.gpg"
if ! gpg --batch --with-colons --fingerprint | grep -q "^fpr:::::::::$FINGERPRINT:"; then
  echo "35-cloudwatch-agent: the downloaded key is not Amazon's CloudWatch agent key $FINGERPRINT" >&2
  exit 1
fi
gpg --batch --verify "$work/agent.deb.sig" "$work/agent.deb"

dpkg -i "$work/agent.deb"
# Configured (it needs the cluster's name) and started at boot by kafka_aas::configure.
echo "35-cloudwatch-agent: installed $(dpkg-query -W -f '${Version}' amazon-cloudwatch-agent)"
