# InSpec controls for a baked image (the install suite): packages, files and modes, units; and no broker identity.
control 'kafka-aas-install-01' do
  impact 1.0
  title 'Java 17 and Confluent Platform are installed at the pinned version'
  describe command('java -version') do
    its('exit_status') { should eq 0 }
    its('stderr') { should match(/version "17\./) }
  end
  describe package('confluent-server') do
    it { should be_installed }
    its('version') { should match(/^7\.9\.0/) }
  end
end

control 'kafka-aas-install-02' do
  impact 1.0
  title 'The helper, its launcher and the boot scripts are root-owned and not writable by others'
  describe file('/opt/kafka-aas/kafka-aas.jar') do
    it { should be_file }
    it { should be_owned_by 'root' }
    its('mode') { should cmp '0644' }
  end
  %w(/usr/local/bin/kafka-aas /usr/local/sbin/kafka-aas-boot /usr/local/sbin/kafka-aas-termination-watch
     /usr/local/sbin/kafka-aas-release-on-poweroff).each do |path|
    describe file(path) do
      it { should be_file }
      it { should be_owned_by 'root' }
      its('mode') { should cmp '0755' }
    end
  end
  describe command('/usr/local/bin/kafka-aas --version') do
    its('exit_status') { should eq 0 }
    its('stdout') { should match(/^kafka-aas /) }
  end
end

control 'kafka-aas-install-03' do
  impact 1.0
  title 'The boot and termination units are enabled; Kafka is not (it waits for its identity)'
  %w(kafka-aas-boot kafka-aas-termination-watch kafka-aas-release).each do |unit|
    describe systemd_service(unit) do
      it { should be_installed }
      it { should be_enabled }
    end
  end
  describe service('confluent-server') do
    it { should_not be_enabled }
    it { should_not be_running }
  end
end

control 'kafka-aas-install-04' do
  impact 1.0
  title 'The image holds no broker identity'
  describe file('/etc/kafka-aas/kafka-aas.properties') do
    it { should_not exist }
  end
  describe file('/etc/kafka-aas/boot.json') do
    it { should_not exist }
  end
  describe command('grep -c kafka-aas /etc/fstab') do
    its('stdout') { should match(/^0$/) }
  end
end

control 'kafka-aas-install-05' do
  impact 1.0
  title 'Kafka runs with the rendered environment file and restarts on failure (the kafka-aas drop-in)'
  describe file('/etc/systemd/system/confluent-server.service.d/kafka-aas.conf') do
    it { should be_file }
    it { should be_owned_by 'root' }
    its('content') { should match(%r{^EnvironmentFile=/etc/default/kafka$}) }
    its('content') { should match(/^Restart=on-failure$/) }
  end
  describe command('systemctl show confluent-server -p EnvironmentFiles -p Restart') do
    its('stdout') { should match(%r{EnvironmentFiles=/etc/default/kafka}) }
    its('stdout') { should match(/^Restart=on-failure$/) }
  end
end

control 'kafka-aas-install-exporter' do
  impact 1.0
  title 'The pinned Prometheus JMX exporter and its rules are baked, root-owned'
  describe file('/opt/kafka-aas/jmx-exporter/jmx_prometheus_javaagent.jar') do
    it { should be_file }
    it { should be_owned_by 'root' }
    its('sha256sum') { should eq '7d61f737fd661610ccc14aea79764faa1ea94a340cbc8f0029b3d2edea3d80c1' }
  end
  describe file('/etc/kafka-aas/jmx-exporter.yml') do
    its('content') { should match(/kafka_server_replicamanager_\$1/) }
  end
end
