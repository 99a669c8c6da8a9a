#
# Cookbook:: kafka_aas
# Recipe:: _metrics
#
# Boot time, before Kafka starts (included by configure): the signals an operator watches (docs/operations.md).
# The Prometheus JMX exporter runs as a Java agent when its port is set, through a drop-in that Kafka's unit reads
# at its next start (Kafka is never running yet when this converges at boot). The baked CloudWatch agent, when
# present, sends the data volume's disk use and the exporter's partition gauges, which the stack's alarms read.

settings = node['kafka_aas']
metrics = settings['metrics']
port = metrics['prometheus_exporter_port'].to_i
exporter = settings['jmx_exporter']

execute 'kafka_aas metrics: systemctl daemon-reload' do
  command %w(systemctl daemon-reload)
  action :nothing
end

template "/etc/systemd/system/#{settings['service']}.service.d/kafka-aas-jmx-exporter.conf" do
  source 'kafka-aas-jmx-exporter.conf.erb'
  owner 'root'
  group 'root'
  mode '0644'
  variables(service: settings['service'], host: metrics['prometheus_exporter_host'], port: port,
            jar: "#{exporter['home']}/jmx_prometheus_javaagent.jar",
            config: "#{settings['helper']['config_dir']}/jmx-exporter.yml")
  action port.positive? ? :create : :delete
  notifies :run, 'execute[kafka_aas metrics: systemctl daemon-reload]', :immediately
end

agent_home = '/opt/aws/amazon-cloudwatch-agent'
agent_ctl = "#{agent_home}/bin/amazon-cloudwatch-agent-ctl"
agent_config = "#{agent_home}/etc/kafka-aas.json"
prometheus_config = "#{agent_home}/etc/kafka-aas-prometheus.yaml"
cloudwatch = metrics['cloudwatch_agent'] && ::File.exist?(agent_ctl)

if cloudwatch && port.positive?
  template prometheus_config do
    source 'cloudwatch-agent-prometheus.yaml.erb'
    owner 'root'
    group 'root'
    mode '0644'
    variables(port: port, cluster: settings['cluster'])
    notifies :run, 'execute[kafka_aas metrics: load the CloudWatch agent configuration]', :delayed
  end
end

agent = {
  'agent' => { 'metrics_collection_interval' => 60 },
  'metrics' => {
    'namespace' => 'CWAgent',
    'append_dimensions' => { 'AutoScalingGroupName' => '${aws:AutoScalingGroupName}', 'InstanceId' => '${aws:InstanceId}' },
    # The alarm reads the group-wide series: the fullest data volume of the cluster.
    'aggregation_dimensions' => [%w(AutoScalingGroupName path)],
    'metrics_collected' => {
      'disk' => { 'measurement' => ['used_percent'], 'resources' => [settings['data']['mount_point']], 'drop_device' => true },
    },
  },
}
if port.positive?
  agent['logs'] = { 'metrics_collected' => { 'prometheus' => {
    'log_group_name' => "/kafka-aas/#{settings['cluster']}/prometheus",
    'prometheus_config_path' => prometheus_config,
    'emf_processor' => {
      'metric_namespace' => 'kafka-aas',
      'metric_declaration_dedup' => true,
      'metric_declaration' => [{
        'source_labels' => ['job'], 'label_matcher' => '^kafka-aas$', 'dimensions' => [['cluster']],
        'metric_selectors' => %w(^kafka_server_replicamanager_underreplicatedpartitions$
                                 ^kafka_controller_kafkacontroller_offlinepartitionscount$),
      }],
    },
  } } }
end

template agent_config do
  source 'cloudwatch-agent.json.erb'
  owner 'root'
  group 'root'
  mode '0644'
  variables(config: agent)
  only_if { cloudwatch }
  notifies :run, 'execute[kafka_aas metrics: load the CloudWatch agent configuration]', :delayed
end

execute 'kafka_aas metrics: load the CloudWatch agent configuration' do
  command [agent_ctl, '-a', 'fetch-config', '-m', 'ec2', '-s', '-c', "file:#{agent_config}"]
  action :nothing
end

service 'amazon-cloudwatch-agent' do
  action [:enable, :start]
  only_if { cloudwatch }
end
