# Validation uses regex_replace(...) == "": Debian's packer 1.6.6 has no regex() function, newer Packer has both.
variable "region" {
  type        = string
  default     = "us-east-1"
  description = "AWS region the AMI is built in."

  validation {
    condition     = regex_replace(var.region, "^[a-z]{2}(-[a-z]+)+-[0-9]$", "") == ""
    error_message = "The region must be an AWS region name such as us-east-1."
  }
}

variable "instance_type" {
  type        = string
  default     = "m6i.large"
  description = "Instance type of the build instance."

  validation {
    condition     = regex_replace(var.instance_type, "^[a-z][a-z0-9-]*[0-9][a-z0-9-]*\\.[a-z0-9]+$", "") == ""
    error_message = "The instance_type must be an EC2 instance type such as m6i.large."
  }
}

variable "source_ami_name" {
  type        = string
  default     = "debian-12-amd64-*"
  description = "Name filter of the base image; the newest match is used."
}

variable "source_ami_owner" {
  type        = string
  default     = "136693071363"
  description = "Account that publishes the base image (136693071363: Debian)."

  validation {
    condition     = regex_replace(var.source_ami_owner, "^[0-9]{12}$", "") == ""
    error_message = "The source_ami_owner must be a 12-digit AWS account id."
  }
}

variable "ssh_username" {
  type        = string
  default     = "admin"
  description = "Login user of the base image (admin on Debian, ubuntu on Ubuntu)."
}

variable "root_device_name" {
  type        = string
  default     = "/dev/xvda"
  description = "Root device of the base image."

  validation {
    condition     = regex_replace(var.root_device_name, "^/dev/[a-z0-9]+$", "") == ""
    error_message = "The root_device_name must be a device path such as /dev/xvda."
  }
}

variable "root_volume_size" {
  type        = number
  default     = 20
  description = "Root volume size in GiB (Kafka data lives on the per-broker EBS volumes, not here)."

  validation {
    condition     = var.root_volume_size >= 8 && var.root_volume_size <= 200
    error_message = "The root_volume_size must be between 8 and 200 GiB."
  }
}

variable "kms_key_id" {
  type        = string
  default     = ""
  description = "KMS key for the encrypted root volume and AMI snapshot; empty means the account's aws/ebs key."
}

variable "subnet_id" {
  type        = string
  default     = ""
  description = "Subnet of the build instance; empty lets Packer use the default VPC."
}

variable "ami_name_prefix" {
  type        = string
  default     = "kafka-aas"
  description = "Prefix of the AMI name; the Confluent version and a timestamp follow."

  validation {
    condition     = regex_replace(var.ami_name_prefix, "^[A-Za-z0-9][A-Za-z0-9()./_-]{2,80}$", "") == ""
    error_message = "The ami_name_prefix must be 3-81 characters of letters, digits and ( ) . / _ -."
  }
}

variable "confluent_version" {
  type        = string
  default     = "7.9.0"
  description = "Confluent Platform version, pinned (the package repository is <major>.<minor>): 7.9.x for ZooKeeper mode, 8.x for KRaft (the stack's KafkaMode)."

  validation {
    condition     = regex_replace(var.confluent_version, "^[0-9]+\\.[0-9]+\\.[0-9]+$", "") == ""
    error_message = "The confluent_version must be a full version such as 7.9.0."
  }
}

variable "cinc_version" {
  type        = string
  default     = "18.4.12"
  description = "Cinc Client (the free build of Chef Infra Client) version that converges the cookbook."

  validation {
    condition     = regex_replace(var.cinc_version, "^[0-9]+\\.[0-9]+\\.[0-9]+$", "") == ""
    error_message = "The cinc_version must be a full version such as 18.4.12."
  }
}

variable "helper_jar" {
  type        = string
  default     = ""
  description = "The shaded helper jar; empty means java-helper/target/kafka-aas.jar of this repository (./mvnw -B package)."
}

variable "simulation_jar" {
  type        = string
  default     = ""
  description = "The simulation jar (local cloud, embedded ZooKeeper), uploaded only to train the AppCDS archives on a real bootstrap and signal and deleted by 40-appcds.sh; empty means simulation/target/kafka-aas-simulation.jar of this repository."
}

variable "jmx_exporter_version" {
  type        = string
  default     = "1.0.1"
  description = "Prometheus JMX exporter (io.prometheus.jmx:jmx_prometheus_javaagent) version; fetch it first with ./mvnw dependency:copy (docs/operations.md)."

  validation {
    condition     = regex_replace(var.jmx_exporter_version, "^[0-9]+\\.[0-9]+\\.[0-9]+$", "") == ""
    error_message = "The jmx_exporter_version must be a full version such as 1.0.1."
  }
}

variable "jmx_exporter_sha256" {
  type        = string
  default     = "7d61f737fd661610ccc14aea79764faa1ea94a340cbc8f0029b3d2edea3d80c1"
  description = "SHA-256 of that exporter jar; the install recipe refuses a jar with any other content."

  validation {
    condition     = regex_replace(var.jmx_exporter_sha256, "^[0-9a-f]{64}$", "") == ""
    error_message = "The jmx_exporter_sha256 must be 64 lowercase hex digits."
  }
}

variable "jmx_exporter_jar" {
  type        = string
  default     = ""
  description = "The exporter jar to upload; empty means packer/target/jmx_prometheus_javaagent-<jmx_exporter_version>.jar (./mvnw dependency:copy puts it there)."
}

variable "cloudwatch_agent_version" {
  type        = string
  default     = "latest"
  description = "Amazon CloudWatch agent package version (a version directory of its download site, or latest); its signature is verified against Amazon's published key either way."

  validation {
    condition     = regex_replace(var.cloudwatch_agent_version, "^(latest|[0-9]+\\.[0-9]+\\.[0-9a-z]+)$", "") == ""
    error_message = "The cloudwatch_agent_version must be latest or a version such as 1.300051.0b992."
  }
}
