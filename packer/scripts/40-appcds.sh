#!/usr/bin/env bash
# Bake step 40: an AppCDS archive of the helper, so each of the five helper calls at boot starts faster (see
# bench/startup-appcds.sh). The training run builds the EC2, Auto Scaling and CloudFormation clients and fails
# fast against a closed port; the dummy keys exist only in this process, never on disk.
set -euo pipefail

readonly HOME_DIR=/opt/kafka-aas
readonly ARCHIVE=$HOME_DIR/kafka-aas.jsa

rm -f "$ARCHIVE"
java -XX:TieredStopAtLevel=1 -Xshare:auto -XX:ArchiveClassesAtExit="$ARCHIVE" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -Daws.accessKeyId=appcds-training -Daws.secretAccessKey=appcds-training \
  -jar "$HOME_DIR/kafka-aas.jar" signal --failure \
  --instance-id i-0appcdstraining --availability-zone us-east-1a --region us-east-1 \
  --ec2-endpoint http://127.0.0.1:9 --autoscaling-endpoint http://127.0.0.1:9 \
  --cloudformation-endpoint http://127.0.0.1:9 --aws-max-attempts 1 >/dev/null 2>&1 || true

if [[ ! -s "$ARCHIVE" ]]; then
  echo "40-appcds: the JVM wrote no archive at $ARCHIVE" >&2
  exit 1
fi
chmod 0644 "$ARCHIVE"

# The archive must be usable by the launcher the boot units run (same jar path, same JVM): count the classes
# that really come from it.
shared=$(KAFKA_AAS_JAVA_OPTS="-XX:SharedArchiveFile=$ARCHIVE -Xshare:auto -Xlog:class+load=info" \
  /usr/local/bin/kafka-aas --version | grep -c 'shared objects file (top)' || true)
if [[ "$shared" -eq 0 ]]; then
  echo "40-appcds: the launcher loads no class from $ARCHIVE; the archive does not match the jar or the JVM" >&2
  exit 1
fi
echo "40-appcds: $ARCHIVE serves $shared helper classes at start-up"
