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
  action :attach
end

kafka_aas_config 'broker' do
  broker_id lazy { facts.call('broker_id', 'broker_id') }
  private_ip lazy { facts.call('eni', 'private_ip') }
  interface lazy { facts.call('eni', 'interface') }
  subnet_cidr lazy { facts.call('eni', 'subnet_cidr') }
  gateway lazy { facts.call('eni', 'gateway') }
  log_dir settings['data']['log_dir']
  kafka_mode settings['kafka_mode']
  network_style settings['network_style']
  root settings['render_root']
  notifies :restart, "service[#{settings['service']}]", :delayed
  action :render
end

# Started, never enabled: after a reboot Kafka must wait for this recipe to give the instance its identity again.
service settings['service'] do
  action :start
end
