#
# Cookbook:: kafka_aas
# Recipe:: install
#
# Bake time (Packer): the JDK, Confluent Platform at a pinned version, the helper jar and its templates, and the
# systemd units of the boot and termination flows. Nothing here knows which broker the image will become.

helper = node['kafka_aas']['helper']
confluent = node['kafka_aas']['confluent']
repo = "#{confluent['repo_url']}/#{platform_family?('debian') ? 'deb' : 'rpm'}/#{confluent['repo_version']}"

package node['kafka_aas']['java']['package']

if platform_family?('debian')
  apt_repository 'confluent' do
    uri repo
    distribution 'stable'
    components ['main']
    arch 'amd64'
    key "#{repo}/archive.key"
  end
else
  yum_repository 'confluent' do
    description "Confluent Platform #{confluent['repo_version']}"
    baseurl repo
    gpgkey "#{repo}/archive.key"
    gpgcheck true
  end
end

package confluent['package'] do
  version "#{confluent['version']}-1"
end

# The broker never starts on its own: kafka_aas::configure starts it once the instance has its identity.
service node['kafka_aas']['service'] do
  action [:disable, :stop]
end

[helper['home'], helper['config_dir'], "#{helper['config_dir']}/templates"].each do |dir|
  directory dir do
    owner 'root'
    group 'root'
    mode '0755'
  end
end

# Packer uploaded the jar and the templates to source_dir; file:// copies are idempotent (checksum compare).
remote_file "#{helper['home']}/kafka-aas.jar" do
  source "file://#{helper['source_dir']}/kafka-aas.jar"
  owner 'root'
  group 'root'
  mode '0644'
end

# The Prometheus JMX exporter (a Java agent; kafka_aas::configure turns it on): Packer uploaded the pinned version, and
# a jar with any other content fails the bake here.
exporter = node['kafka_aas']['jmx_exporter']
directory exporter['home'] do
  owner 'root'
  group 'root'
  mode '0755'
end

remote_file "#{exporter['home']}/jmx_prometheus_javaagent.jar" do
  source "file://#{helper['source_dir']}/jmx_prometheus_javaagent-#{exporter['version']}.jar"
  checksum exporter['sha256']
  owner 'root'
  group 'root'
  mode '0644'
end

cookbook_file "#{helper['config_dir']}/jmx-exporter.yml" do
  source 'jmx-exporter.yml'
  owner 'root'
  group 'root'
  mode '0644'
end

# The helper's JVM flags, in the one file the launcher reads (and 40-appcds.sh trains with).
cookbook_file "#{helper['home']}/jvm.options" do
  source 'kafka-aas.jvm-options'
  owner 'root'
  group 'root'
  mode '0644'
end

templates_source = "#{helper['source_dir']}/templates"
Dir.glob("#{templates_source}/**/*").sort.each do |source_path|
  target = "#{helper['config_dir']}/templates/#{source_path.delete_prefix("#{templates_source}/")}"
  if ::File.directory?(source_path)
    directory target do
      owner 'root'
      group 'root'
      mode '0755'
    end
  else
    remote_file target do
      source "file://#{source_path}"
      owner 'root'
      group 'root'
      mode '0644'
    end
  end
end

{
  helper['bin'] => 'kafka-aas.sh',
  '/usr/local/sbin/kafka-aas-boot' => 'kafka-aas-boot.sh',
  '/usr/local/sbin/kafka-aas-termination-watch' => 'kafka-aas-termination-watch.sh',
  '/usr/local/sbin/kafka-aas-release-on-poweroff' => 'kafka-aas-release-on-poweroff.sh',
}.each do |path, script|
  cookbook_file path do
    source script
    owner 'root'
    group 'root'
    mode '0755'
  end
end

# chef-client --local-mode converges kafka_aas::configure from the copy of this cookbook baked into the image.
template "#{helper['config_dir']}/client.rb" do
  source 'client.rb.erb'
  owner 'root'
  group 'root'
  mode '0644'
  variables(cookbook_path: "#{helper['home']}/cookbooks")
end

execute 'systemctl daemon-reload' do
  action :nothing
end

# Kafka runs with the rendered environment file and restarts on failure (DESIGN.md boot flow step 3).
directory "/etc/systemd/system/#{node['kafka_aas']['service']}.service.d" do
  owner 'root'
  group 'root'
  mode '0755'
end

template "/etc/systemd/system/#{node['kafka_aas']['service']}.service.d/kafka-aas.conf" do
  source 'kafka-aas-kafka.conf.erb'
  owner 'root'
  group 'root'
  mode '0644'
  variables(service: node['kafka_aas']['service'], environment_file: '/etc/default/kafka',
            mount_point: node['kafka_aas']['data']['mount_point'])
  notifies :run, 'execute[systemctl daemon-reload]', :immediately
end

%w(kafka-aas-boot kafka-aas-termination-watch kafka-aas-release).each do |unit|
  template "/etc/systemd/system/#{unit}.service" do
    source "#{unit}.service.erb"
    owner 'root'
    group 'root'
    mode '0644'
    variables(helper: helper, service: node['kafka_aas']['service'],
              poll_seconds: node['kafka_aas']['termination']['poll_seconds'])
    notifies :run, 'execute[systemctl daemon-reload]', :immediately
  end

  service unit do
    action :enable
  end
end
