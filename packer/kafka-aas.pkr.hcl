# The kafka-aas AMI: Debian, Java 17, Confluent Platform (pinned), Cinc Client, the kafka-aas helper with an
# AppCDS archive per boot command, and the kafka_aas cookbook whose configure recipe runs at boot. No broker identity and no
# credentials are baked in: the build instance has no instance profile, and 99-validate.sh fails the build if
# per-instance state is left behind.
#
#   ./mvnw -B package
#   ./mvnw -B dependency:copy -Dartifact=io.prometheus.jmx:jmx_prometheus_javaagent:1.0.1 -DoutputDirectory=packer/target
#   packer init packer/ && packer build packer/              (-var confluent_version=8.0.0 for a KRaft image)

locals {
  build_stamp      = formatdate("YYYYMMDDhhmmss", timestamp())
  repo_version     = join(".", slice(split(".", var.confluent_version), 0, 2))
  upload_dir       = "/tmp/kafka-aas"
  helper_jar       = var.helper_jar != "" ? var.helper_jar : "${path.root}/../java-helper/target/kafka-aas.jar"
  simulation_jar   = var.simulation_jar != "" ? var.simulation_jar : "${path.root}/../simulation/target/kafka-aas-simulation.jar"
  jmx_exporter_jar = var.jmx_exporter_jar != "" ? var.jmx_exporter_jar : "${path.root}/target/jmx_prometheus_javaagent-${var.jmx_exporter_version}.jar"
  run_as_root      = "sudo -E bash '{{ .Path }}'"
  bake_env_vars    = ["CONFLUENT_VERSION=${var.confluent_version}", "CONFLUENT_REPO_VERSION=${local.repo_version}", "CINC_VERSION=${var.cinc_version}", "UPLOAD_DIR=${local.upload_dir}", "JMX_EXPORTER_VERSION=${var.jmx_exporter_version}", "JMX_EXPORTER_SHA256=${var.jmx_exporter_sha256}", "CLOUDWATCH_AGENT_VERSION=${var.cloudwatch_agent_version}"]
}

source "amazon-ebs" "kafka_aas" {
  region          = var.region
  instance_type   = var.instance_type
  subnet_id       = var.subnet_id
  ssh_username    = var.ssh_username
  ami_name        = "${var.ami_name_prefix}-cp${var.confluent_version}-${local.build_stamp}"
  ami_description = "kafka-aas broker image: Confluent Platform ${var.confluent_version}, kafka-aas helper, kafka_aas cookbook"
  encrypt_boot    = true
  kms_key_id      = var.kms_key_id

  source_ami_filter {
    filters = {
      name                = var.source_ami_name
      architecture        = "x86_64"
      root-device-type    = "ebs"
      virtualization-type = "hvm"
    }
    owners      = [var.source_ami_owner]
    most_recent = true
  }

  launch_block_device_mappings {
    device_name           = var.root_device_name
    volume_size           = var.root_volume_size
    volume_type           = "gp3"
    iops                  = 3000
    throughput            = 125
    encrypted             = true
    kms_key_id            = var.kms_key_id
    delete_on_termination = true
  }

  # No metadata_options/imds_support here: packer 1.6.6's built-in amazon-ebs rejects them, and CI validates
  # with it. The build instance has no instance profile, so its metadata holds no credentials; the brokers'
  # launch template (cloudformation/kafka-aas.yaml) requires IMDSv2.

  tags = {
    Name             = "${var.ami_name_prefix}-cp${var.confluent_version}"
    Project          = "kafka-aas"
    ConfluentVersion = var.confluent_version
    BaseImage        = "{{ .SourceAMIName }}"
  }
  run_tags = {
    Name    = "packer-${var.ami_name_prefix}"
    Project = "kafka-aas"
  }
}

build {
  sources = ["source.amazon-ebs.kafka_aas"]

  provisioner "shell" {
    inline = ["mkdir -p ${local.upload_dir}/cookbooks"]
  }

  provisioner "file" {
    source      = local.helper_jar
    destination = "${local.upload_dir}/kafka-aas.jar"
  }

  # For the AppCDS training (bootstrap and signal) only: 40-appcds.sh deletes it, and 99-validate.sh fails the bake if it is left.
  provisioner "file" {
    source      = local.simulation_jar
    destination = "${local.upload_dir}/kafka-aas-simulation.jar"
  }

  # The pinned Prometheus JMX exporter; the install recipe checks its sha256.
  provisioner "file" {
    source      = local.jmx_exporter_jar
    destination = "${local.upload_dir}/jmx_prometheus_javaagent-${var.jmx_exporter_version}.jar"
  }

  provisioner "file" {
    source      = "${path.root}/../templates"
    destination = local.upload_dir
  }

  provisioner "file" {
    source      = "${path.root}/../cookbooks/kafka_aas"
    destination = "${local.upload_dir}/cookbooks"
  }

  # One script per concern; each runs as root with set -euo pipefail.
  provisioner "shell" {
    execute_command  = local.run_as_root
    environment_vars = local.bake_env_vars
    script           = "${path.root}/scripts/10-os-packages.sh"
  }

  provisioner "shell" {
    execute_command  = local.run_as_root
    environment_vars = local.bake_env_vars
    script           = "${path.root}/scripts/20-cinc-client.sh"
  }

  provisioner "shell" {
    execute_command  = local.run_as_root
    environment_vars = local.bake_env_vars
    script           = "${path.root}/scripts/30-install-recipe.sh"
  }

  provisioner "shell" {
    execute_command  = local.run_as_root
    environment_vars = local.bake_env_vars
    script           = "${path.root}/scripts/35-cloudwatch-agent.sh"
  }

  provisioner "shell" {
    execute_command  = local.run_as_root
    environment_vars = local.bake_env_vars
    script           = "${path.root}/scripts/40-appcds.sh"
  }

  provisioner "shell" {
    execute_command  = local.run_as_root
    environment_vars = local.bake_env_vars
    script           = "${path.root}/scripts/90-cleanup.sh"
  }

  provisioner "shell" {
    execute_command  = local.run_as_root
    environment_vars = local.bake_env_vars
    script           = "${path.root}/scripts/99-validate.sh"
  }

  post-processor "manifest" {
    output     = "packer-manifest.json"
    strip_path = true
    custom_data = {
      confluent_version        = var.confluent_version
      cinc_version             = var.cinc_version
      jmx_exporter_version     = var.jmx_exporter_version
      cloudwatch_agent_version = var.cloudwatch_agent_version
    }
  }
}
