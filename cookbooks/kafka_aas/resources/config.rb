# kafka_aas_config: renders server.properties and the network files (kafka-aas render; boot flow step 5).
unified_mode true
use '_partial/_helper'
provides :kafka_aas_config

description 'Renders server.properties, the network files and the Kafka environment file with `kafka-aas render`. ' \
            'Updated only when a file\'s content changed, so a notification restarts Kafka only then.'

property :broker_id, Integer,
         required: true,
         callbacks: { 'must be between 0 and 4095' => ->(id) { id.between?(0, 4095) } },
         description: 'The claimed broker id.'
property :private_ip, String,
         required: true,
         regex: /\A\d{1,3}(\.\d{1,3}){3}\z/,
         description: 'The ENI\'s private IP: listeners and advertised.listeners.'
property :interface, String,
         regex: /\A[a-z0-9]{1,15}\z/,
         description: 'Kernel name of the ENI interface (found by MAC, e.g. ens6).'
property :gateway, String,
         regex: /\A\d{1,3}(\.\d{1,3}){3}\z/,
         description: 'Gateway of the ENI\'s subnet, for its policy-routing table.'
property :subnet_cidr, String,
         regex: %r{\A\d{1,3}(\.\d{1,3}){3}/\d{1,2}\z},
         description: 'CIDR of the ENI\'s subnet.'
property :availability_zone, String,
         regex: /\A[a-z]{2}(-[a-z0-9]+)+\z/,
         description: 'broker.rack; default: instance metadata.'
property :log_dir, String,
         regex: %r{\A/\S*\z},
         description: 'log.dirs, on the broker\'s volume.'
property :zookeeper, String,
         description: 'zookeeper.connect; default: the config file.'
property :kafka_mode, String,
         equal_to: %w(zookeeper kraft),
         description: 'ZooKeeper mode (Confluent Platform 7.x) or KRaft (8.x).'
property :controller_voters, String,
         regex: /\A\d+@[0-9.]+:\d+(,\d+@[0-9.]+:\d+)*\z/,
         description: 'KRaft: controller.quorum.voters, id@ip:port of every controller (their static ENI IPs).'
property :cluster_id, String,
         description: 'KRaft: the cluster id storage is formatted with (kafka-storage random-uuid); the helper checks it.'
property :network_style, String,
         equal_to: %w(ifupdown networkd none),
         description: 'How the ENI\'s routing is written: ifupdown, systemd-networkd, or left to the OS.'
property :root, String,
         default: '/',
         regex: %r{\A/\S*\z},
         description: 'Root directory the files are written under (/ on a broker; a scratch dir in tests).'

action :render do
  description 'Render the broker\'s configuration files.'

  result = run_helper('render', broker_id: new_resource.broker_id, private_ip: new_resource.private_ip,
                                interface: new_resource.interface, gateway: new_resource.gateway,
                                subnet_cidr: new_resource.subnet_cidr,
                                availability_zone: new_resource.availability_zone, log_dir: new_resource.log_dir,
                                zookeeper: new_resource.zookeeper, kafka_mode: new_resource.kafka_mode,
                                controller_voters: new_resource.controller_voters, cluster_id: new_resource.cluster_id,
                                network_style: new_resource.network_style, root: new_resource.root)
  publish('config', result.reject { |key, _| key == 'changed' })
  report(result, "render the configuration of broker #{new_resource.broker_id}")
end
