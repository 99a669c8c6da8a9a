#!/usr/bin/env bash
# Bake step 30: converge kafka_aas::install from the uploaded cookbook (JDK, Confluent Platform at the pinned
# version, the helper jar and templates, the pinned JMX exporter, the boot and termination units), and keep the
# cookbook in the image
# for the configure recipe that runs at boot.
set -euo pipefail

: "${CONFLUENT_VERSION:?CONFLUENT_VERSION is required}"
: "${CONFLUENT_REPO_VERSION:?CONFLUENT_REPO_VERSION is required}"
: "${UPLOAD_DIR:?UPLOAD_DIR is required}"
: "${JMX_EXPORTER_VERSION:?JMX_EXPORTER_VERSION is required}"
: "${JMX_EXPORTER_SHA256:?JMX_EXPORTER_SHA256 is required}"

readonly COOKBOOKS=/opt/kafka-aas/cookbooks
readonly CHEF_STATE=$UPLOAD_DIR/chef-state

install -d -m 0755 /opt/kafka-aas "$COOKBOOKS"
rm -rf "${COOKBOOKS:?}/kafka_aas"
cp -R "$UPLOAD_DIR/cookbooks/kafka_aas" "$COOKBOOKS/kafka_aas"
chown -R root:root "$COOKBOOKS"

install -d -m 0700 "$CHEF_STATE"
cat >"$CHEF_STATE/attributes.json" <<JSON
{
  "kafka_aas": {
    "confluent": { "version": "$CONFLUENT_VERSION", "repo_version": "$CONFLUENT_REPO_VERSION" },
    "helper": { "source_dir": "$UPLOAD_DIR" },
    "jmx_exporter": { "version": "$JMX_EXPORTER_VERSION", "sha256": "$JMX_EXPORTER_SHA256" }
  }
}
JSON

# Local mode keeps its node object and cache under CHEF_STATE, which 90-cleanup.sh removes with the upload.
cinc-client --local-mode --chef-license accept-no-persist \
  --config-option "cookbook_path=$COOKBOOKS" \
  --config-option "node_path=$CHEF_STATE/nodes" \
  --config-option "file_cache_path=$CHEF_STATE/cache" \
  --config-option "file_backup_path=$CHEF_STATE/backup" \
  --json-attributes "$CHEF_STATE/attributes.json" \
  --override-runlist 'recipe[kafka_aas::install]'
