# kafka_aas_volume: attaches and mounts the broker's EBS volume (kafka-aas attach-volume; boot flow step 4).
unified_mode true
use '_partial/_helper'
provides :kafka_aas_volume

description 'Attaches the EBS volume tagged <prefix><broker id> with `kafka-aas attach-volume`, formats it only when ' \
            'it was never formatted, mounts it by UUID, and publishes volume id, device and mount point as ' \
            'node.run_state["kafka_aas"]["volume"]. Updated only when something changed.'

property :mount_point, String,
         name_property: true,
         regex: %r{\A/\S*\z},
         description: 'Where the volume is mounted (absolute path).'
property :broker_id, Integer,
         required: true,
         callbacks: { 'must be between 0 and 4095' => ->(id) { id.between?(0, 4095) } },
         description: 'The claimed broker id.'
property :device, String,
         regex: %r{\A/dev/[a-z0-9]+\z},
         description: 'Device name requested at attach time (used on Xen; Nitro is matched by NVMe serial).'
property :filesystem, String,
         equal_to: %w(xfs ext4),
         description: 'Filesystem for a volume that was never formatted.'
property :log_dir, String,
         regex: %r{\A/\S*\z},
         description: 'Kafka log directory on the volume; its meta.properties must match the broker id.'
property :local_volumes, String,
         regex: %r{\A/\S*\z},
         description: 'The local cloud only (kitchen): directory whose subdirectories are the volumes. Never on EC2.'

action :attach do
  description 'Attach, (format once,) and mount the broker\'s data volume.'

  result = run_helper('attach-volume', broker_id: new_resource.broker_id, mount_point: new_resource.mount_point,
                                       device: new_resource.device, filesystem: new_resource.filesystem,
                                       log_dir: new_resource.log_dir, local_volumes: new_resource.local_volumes)
  publish('volume', KafkaAas::Helper.facts(result, %w(volumeId device mountPoint formatted)))
  report(result, "attach volume #{result['volumeId']} on #{result['device']} at #{result['mountPoint']}")
end
