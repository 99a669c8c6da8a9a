#
# Cookbook:: kafka_aas
# Recipe:: configure
#
# Boot time (kafka-aas-boot.service): give this instance a broker's identity in one helper run (kafka-aas bootstrap),
# then start Kafka. The helper validates every setting and reports "changed" only when a step changed something, so
# a reboot converges to no change. The boot script then runs kafka-aas wait-healthy and signals (DESIGN.md).

settings = node['kafka_aas']
broker = settings['broker']
kraft = settings['kafka_mode'] == 'kraft'
# Kafka's unit is never enabled, so it runs before this converge only on a re-converge of a booted broker: only then
# does a changed identity need a restart. On a boot, the start at the end is Kafka's only one; a restart queued as
# well would stop it while it loads its logs, and it would start again.
kafka_running = KafkaAas::Helper.unit_active?(settings['service'])

template settings['helper']['config_file'] do
  source 'kafka-aas.properties.erb'
  owner 'root'
  group 'root'
  mode '0640'
  # KRaft claims on the ENI store (the helper's default there): ZooKeeper is not required, so not passed.
  variables(settings: settings, zookeeper: kraft ? nil : settings['zookeeper'])
end

include_recipe 'kafka_aas::_metrics'

kafka_aas_broker settings['data']['mount_point'] do
  device settings['data']['device']
  filesystem settings['data']['filesystem']
  log_dir settings['data']['log_dir']
  local_volumes settings['data']['local_volumes']
  kafka_mode settings['kafka_mode']
  controller_voters settings['kraft']['controller_voters']
  cluster_id settings['kraft']['cluster_id']
  network_style settings['network_style']
  root settings['render_root']
  heap_size broker['heap_size']
  listener_port broker['listener_port']
  jmx_port broker['jmx_port']
  broker_properties broker['properties'].to_h
  advertised_host_template broker['advertised_host_template']
  security_protocol settings['security']['protocol']
  inter_broker_security settings['security']['inter_broker']
  ssl_client_auth settings['security']['ssl_client_auth']
  secret_store settings['security']['secret_store']
  scram_username settings['security']['scram_username']
  notifies :restart, "service[#{settings['service']}]", :delayed if kafka_running
  action :bootstrap
end

# KRaft: a new volume's log directory is formatted once with the cluster id, as the Kafka service user who owns it
# and runs the broker; a reattached one is left as it is.
execute 'kafka-storage format' do
  command [
    'kafka-storage', 'format', '--ignore-formatted', '-t', settings['kraft']['cluster_id'].to_s,
    '-c', ::File.join(settings['render_root'], 'etc/kafka/server.properties'),
  ]
  user settings['user']
  group settings['group']
  only_if { settings['kafka_mode'] == 'kraft' }
  not_if { ::File.exist?(::File.join(settings['data']['log_dir'], 'meta.properties')) }
end

# Started, never enabled: after a reboot Kafka must wait for this recipe to give the instance its identity again.
service settings['service'] do
  action :start
end
