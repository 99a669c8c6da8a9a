#
# Cookbook:: kafka_aas
# Recipe:: configure
#
# Boot time (kafka-aas-boot.service): give this instance a broker's identity, then start Kafka. Each step is the
# helper; each resource is updated only when the helper changed something, so a reboot converges to no change.

settings = node['kafka_aas']
facts = ->(step, key) { node.run_state.dig('kafka_aas', step, key) }

%w(cluster zookeeper broker_count).each do |required|
  next unless settings[required].nil?

  raise "kafka_aas: node['kafka_aas']['#{required}'] is not set; put it in /etc/kafka-aas/boot.json (user data)"
end

if settings['kafka_mode'] == 'kraft' && (settings['kraft']['controller_voters'].nil? || settings['kraft']['cluster_id'].nil?)
  raise "kafka_aas: KRaft mode needs node['kafka_aas']['kraft']['controller_voters'] and ['cluster_id'] " \
        'in /etc/kafka-aas/boot.json'
end

template settings['helper']['config_file'] do
  source 'kafka-aas.properties.erb'
  owner 'root'
  group 'root'
  mode '0640'
  variables(settings: settings)
end

kafka_aas_broker_id settings['cluster'] do
  action :claim
end

kafka_aas_eni 'broker' do
  broker_id lazy { facts.call('broker_id', 'broker_id') }
  action :attach
end

kafka_aas_volume settings['data']['mount_point'] do
  broker_id lazy { facts.call('broker_id', 'broker_id') }
  device settings['data']['device']
  filesystem settings['data']['filesystem']
  log_dir settings['data']['log_dir']
  local_volumes settings['data']['local_volumes']
  action :attach
end

kafka_aas_config 'broker' do
  broker_id lazy { facts.call('broker_id', 'broker_id') }
  private_ip lazy { facts.call('eni', 'private_ip') }
  interface lazy { facts.call('eni', 'interface') }
  subnet_cidr lazy { facts.call('eni', 'subnet_cidr') }
  availability_zone lazy { facts.call('broker_id', 'availability_zone') }
  log_dir settings['data']['log_dir']
  kafka_mode settings['kafka_mode']
  controller_voters settings['kraft']['controller_voters']
  cluster_id settings['kraft']['cluster_id']
  network_style settings['network_style']
  root settings['render_root']
  notifies :restart, "service[#{settings['service']}]", :delayed
  action :render
end

# KRaft: a new volume's log directory is formatted once with the cluster id; a reattached one is left as it is.
execute 'kafka-storage format' do
  command [
    'kafka-storage', 'format', '--ignore-formatted', '-t', settings['kraft']['cluster_id'].to_s,
    '-c', ::File.join(settings['render_root'], 'etc/kafka/server.properties'),
  ]
  only_if { settings['kafka_mode'] == 'kraft' }
  not_if { ::File.exist?(::File.join(settings['data']['log_dir'], 'meta.properties')) }
end

# Started, never enabled: after a reboot Kafka must wait for this recipe to give the instance its identity again.
service settings['service'] do
  action :start
end
