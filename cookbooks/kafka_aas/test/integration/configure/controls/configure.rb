# InSpec controls for a configured broker (the configure suite): options file, data mount, Kafka running.
data_dir = input('mount_point')

control 'kafka-aas-configure-01' do
  impact 1.0
  title 'The helper options file exists and is readable by root only'
  describe file('/etc/kafka-aas/kafka-aas.properties') do
    it { should be_file }
    it { should be_owned_by 'root' }
    its('mode') { should cmp '0640' }
    its('content') { should match(/^cluster=\S+$/) }
    its('content') { should match(/^zookeeper=\S+$/) }
  end
end

control 'kafka-aas-configure-02' do
  impact 1.0
  title 'The broker\'s EBS volume is mounted by UUID with nofail'
  only_if('this suite runs without a real volume') { input('check_mount') }
  describe mount(data_dir) do
    it { should be_mounted }
  end
  describe(etc_fstab.where { mount_point == data_dir }) do
    its('device_name') { should all(match(/^UUID=/)) }
    its('mount_options.flatten') { should include 'nofail' }
  end
end

control 'kafka-aas-configure-03' do
  impact 1.0
  title 'server.properties names the claimed broker and Kafka runs'
  describe file('/etc/kafka/server.properties') do
    it { should be_file }
    its('content') { should match(/^(broker|node)\.id=\d+$/) }
  end
  describe service('confluent-server') do
    it { should be_running }
    it { should_not be_enabled }
  end
  describe processes(/kafka\.Kafka/) do
    its('users') { should_not include 'root' }
  end
end

control 'kafka-aas-configure-04' do
  impact 0.7
  title 'A second converge changes nothing (the helper reports "changed": false)'
  describe command('/usr/local/bin/kafka-aas claim-id --output json --config /etc/kafka-aas/kafka-aas.properties') do
    its('exit_status') { should eq 0 }
    its('stdout') { should match(/"changed":false/) }
  end
end

control 'kafka-aas-configure-05' do
  impact 1.0
  title 'The broker is healthy: registered, in the ISR of every partition it hosts, none under-replicated'
  describe command('/usr/local/bin/kafka-aas wait-healthy --output json --timeout 300 ' \
                   '--config /etc/kafka-aas/kafka-aas.properties') do
    its('exit_status') { should eq 0 }
    its('stdout') { should match(/"registered":true/) }
    its('stdout') { should match(/"outOfIsr":\[\]/) }
  end
end
