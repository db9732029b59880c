# Keyswitch appliance image: Debian 12 + OpenVPN, nftables, MariaDB and the portal.
# Built with Debian's packer 1.6.6 (builders built in, no plugins), qemu under TCG (nested KVM
# hangs on the build machines), starting from the disk packer/base-image.sh makes.
# Run through packer/build.sh, which makes the base disk and the per-build SSH key, and seals,
# tests and packs the result into the OVA.

variable "version" {
  type        = string
  description = "Appliance version (the Maven project version)."
}

variable "base_image" {
  type        = string
  description = "Raw base disk made by packer/base-image.sh."
}

variable "ssh_private_key_file" {
  type        = string
  description = "Per-build SSH key (made by build.sh, deleted after the build)."
}

variable "war" {
  type        = string
  description = "The portal WAR (webapp/target/keyswitch.war)."
}

variable "payara_micro_jar" {
  type        = string
  description = "Payara Micro (webapp/target/payara-micro.jar)."
}

variable "output_directory" {
  type    = string
  default = "packer/output"
}

variable "serial_log" {
  type        = string
  description = "File that receives the build VM's serial console."
}

source "qemu" "keyswitch" {
  accelerator      = "tcg"
  disk_image       = true
  iso_url          = var.base_image
  iso_checksum     = "none"
  use_backing_file = false
  skip_resize_disk = true
  format           = "raw"
  disk_interface   = "virtio"
  disk_cache       = "unsafe"
  disk_discard     = "unmap"
  net_device       = "virtio-net"
  cpus             = 2
  memory           = 2048
  headless         = true
  vnc_bind_address = "127.0.0.1"
  output_directory = var.output_directory
  vm_name          = "keyswitch-${var.version}.raw"
  # Host forwards bind to 127.0.0.1 only; the guest reaches Debian's mirror through user networking.
  qemuargs = [
    ["-netdev", "user,id=user.0,hostfwd=tcp:127.0.0.1:{{ .SSHHostPort }}-:22"],
    ["-serial", "file:${var.serial_log}"],
  ]
  communicator         = "ssh"
  ssh_username         = "ksbuild"
  ssh_private_key_file = var.ssh_private_key_file
  ssh_timeout          = "20m"
  boot_wait            = "5s"
  shutdown_command     = "sudo sh -eu /tmp/ks-build/90-cleanup.sh"
  shutdown_timeout     = "10m"
}

build {
  sources = ["source.qemu.keyswitch"]

  provisioner "shell" {
    inline = ["mkdir -p /tmp/ks-build"]
  }

  provisioner "file" {
    source      = "appliance"
    destination = "/tmp/ks-build"
  }

  provisioner "file" {
    source      = "docs/install/appliance.md"
    destination = "/tmp/ks-build/install.md"
  }

  provisioner "file" {
    source      = "packer/scripts/90-cleanup.sh"
    destination = "/tmp/ks-build/90-cleanup.sh"
  }

  provisioner "file" {
    source      = var.war
    destination = "/tmp/ks-build/keyswitch.war"
  }

  provisioner "file" {
    source      = var.payara_micro_jar
    destination = "/tmp/ks-build/payara-micro.jar"
  }

  provisioner "shell" {
    execute_command  = "sudo env {{ .Vars }} sh -eu '{{ .Path }}'"
    environment_vars = ["KEYSWITCH_VERSION=${var.version}", "DEBIAN_FRONTEND=noninteractive"]
    scripts = [
      "packer/scripts/10-packages.sh",
      "packer/scripts/20-keyswitch.sh",
      "packer/scripts/30-hardening.sh",
    ]
  }
}
