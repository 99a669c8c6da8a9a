# Plugin requirements, read by Packer >= 1.7 (`packer init packer/`). Debian's packer 1.6.6 rejects the
# required_plugins block, and it has the amazon builder built in: CI validates with this file moved aside.
packer {
  required_version = ">= 1.7.0"
  required_plugins {
    amazon = {
      source  = "github.com/hashicorp/amazon"
      version = ">= 1.3.0"
    }
  }
}
