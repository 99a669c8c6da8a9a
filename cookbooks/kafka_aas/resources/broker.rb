# kafka_aas_broker: gives this instance a broker's identity in one helper run (kafka-aas bootstrap; DESIGN.md boot
# flow step 2): claim the id, attach the ENI, apply policy routing, attach and mount the volume, render the files.
# The helper validates every property and stops at the first failing step with that step's exit code; this
# resource only passes the attributes through, publishes each step's facts and reports the change.
unified_mode true
use '_partial/_helper'
provides :kafka_aas_broker

description 'Runs `kafka-aas bootstrap` once and publishes every step\'s facts in node.run_state["kafka_aas"] and ' \
            'node["kafka_aas"]["facts"]. Updated only when a step changed something.'

property :mount_point, String, name_property: true,
                               description: 'Where the broker\'s EBS volume is mounted.'
property :device, String, description: 'Device name the volume is attached under (NVMe is found by serial).'
property :filesystem, String, description: 'Filesystem of a new (provably empty) volume.'
property :log_dir, String, description: 'log.dirs, on the volume.'
property :local_volumes, String, description: 'The local cloud only: directory of its directory-backed volumes.'
property :kafka_mode, String, description: 'zookeeper (Confluent Platform 7.x) or kraft (8.x).'
property :controller_voters, String, description: 'KRaft: controller.quorum.voters (the controllers\' ENI IPs).'
property :cluster_id, String, description: 'KRaft: the cluster id storage is formatted with and meta.properties names.'
property :network_style, String, description: 'ifupdown, networkd or none (left to the OS).'
property :heap_size, String, description: 'Kafka\'s heap (--heap-size, e.g. 6g); nil: the helper\'s default.'
property :listener_port, Integer, description: 'Client and inter-broker port (--listener-port); nil: 9092.'
property :jmx_port, Integer, description: 'JMX port on loopback (--jmx-port); 0 turns JMX off; nil: 9999.'
property :broker_properties, Hash, default: {},
                                   description: 'Extra server.properties, each passed as --set key=value (the helper ' \
                                                'validates them and refuses the settings it owns).'
property :advertised_host_template, String,
         description: 'With a DNS zone: the name to advertise, {id} being the broker id (b{id}.prod.example.internal).'
property :security_protocol, String, description: 'The client listener: PLAINTEXT, SSL or SASL_SSL.'
property :inter_broker_security, String, description: 'The brokers\' own listener (INTERNAL, port 9094); nil: none.'
property :ssl_client_auth, String, description: 'ssl.client.auth (none, requested, required); nil: none.'
property :secret_store, String, description: 'Where the secrets are fetched from: ssm or secretsmanager; nil: none.'
property :scram_username, String, description: 'The brokers\' own SCRAM user on a SASL_SSL inter-broker listener.'
property :root, String, default: '/', description: 'Root the files are written under (/ on a broker).'

action :bootstrap do
  description 'Claim the id, attach the ENI and the volume, render the files: one helper run.'

  result = run_helper('bootstrap', mount_point: new_resource.mount_point, device: new_resource.device,
                                   filesystem: new_resource.filesystem, log_dir: new_resource.log_dir,
                                   local_volumes: new_resource.local_volumes, kafka_mode: new_resource.kafka_mode,
                                   controller_voters: new_resource.controller_voters,
                                   cluster_id: new_resource.cluster_id, network_style: new_resource.network_style,
                                   root: new_resource.root, heap_size: new_resource.heap_size,
                                   listener_port: new_resource.listener_port, jmx_port: new_resource.jmx_port,
                                   set: KafkaAas::Helper.broker_settings(new_resource.broker_properties),
                                   advertised_host_template: new_resource.advertised_host_template,
                                   security_protocol: new_resource.security_protocol,
                                   inter_broker_security: new_resource.inter_broker_security,
                                   ssl_client_auth: new_resource.ssl_client_auth,
                                   secret_store: new_resource.secret_store,
                                   scram_username: new_resource.scram_username)
  step_facts.each { |step, keys| publish(step, KafkaAas::Helper.facts(result, keys)) }
  steps = result['steps'] || {}
  publish('network', steps['network']) if steps['network']
  publish('config', steps['render'].reject { |key, _| key == 'changed' }) if steps['render']
  node.default['kafka_aas']['facts'] = node.run_state['kafka_aas'].to_h
  report(result, "give this instance broker #{result['brokerId']}'s identity (#{changed_steps(steps).join(', ')})")
end

action_class do
  # The facts of each step, under the names the single-step resources publish them.
  def step_facts
    {
      'broker_id' => %w(brokerId instanceId availabilityZone),
      'eni' => %w(eniId privateIp interface),
      'volume' => %w(volumeId device mountPoint formatted),
    }
  end

  def changed_steps(steps)
    changed = steps.select { |_, facts| facts.is_a?(Hash) && facts['changed'] }.keys
    changed.empty? ? ['no step changed'] : changed
  end
end
