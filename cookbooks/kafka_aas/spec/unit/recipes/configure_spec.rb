require 'spec_helper'

describe 'kafka_aas::configure' do
  platform 'debian', '12'
  step_into :kafka_aas_broker_id, :kafka_aas_eni, :kafka_aas_volume, :kafka_aas_config

  default_attributes['kafka_aas']['cluster'] = 'prod'
  default_attributes['kafka_aas']['zookeeper'] = 'zk1:2181,zk2:2181/kafka'
  default_attributes['kafka_aas']['broker_count'] = 3

  let(:helper) { ['/usr/local/bin/kafka-aas'] }
  let(:config) { ['--output', 'json', '--config', '/etc/kafka-aas/kafka-aas.properties'] }
  let(:volume_args) { %w(--mount-point /var/lib/kafka --device /dev/xvdf --filesystem xfs --log-dir /var/lib/kafka/data) }

  def stub_helper(resource, command, args, stdout)
    stubs_for_provider(resource) do |provider|
      allow(provider).to receive_shell_out(*helper, command, *config, *args, timeout: 900, stdout: stdout)
    end
  end

  context 'on a first boot' do
    before do
      stub_helper('kafka_aas_broker_id[prod]', 'claim-id', %w(--cluster prod), '{"brokerId":2,"changed":true}')
      stub_helper('kafka_aas_eni[broker]', 'attach-eni', %w(--broker-id 2),
                  '{"eniId":"eni-2","privateIp":"10.0.1.12","macAddress":"02:00:00:00:00:02","interface":"ens6","changed":true}')
      stub_helper('kafka_aas_volume[/var/lib/kafka]', 'attach-volume',
                  ['--broker-id', '2', *volume_args],
                  '{"volumeId":"vol-2","device":"/dev/nvme1n1","mountPoint":"/var/lib/kafka","formatted":false,"changed":true}')
      stub_helper('kafka_aas_config[broker]', 'render',
                  %w(--broker-id 2 --private-ip 10.0.1.12 --interface ens6 --log-dir /var/lib/kafka/data
                     --kafka-mode zookeeper --network-style ifupdown --root /),
                  '{"changed":true,"files":["/etc/kafka/server.properties"]}')
    end

    it 'writes the helper options file readable by root only' do
      is_expected.to create_template('/etc/kafka-aas/kafka-aas.properties').with(mode: '0640', owner: 'root')
      is_expected.to render_file('/etc/kafka-aas/kafka-aas.properties')
        .with_content(/^cluster=prod$/).with_content(%r{^zookeeper=zk1:2181,zk2:2181/kafka$}).with_content(/^broker-count=3$/)
    end

    it 'passes each step the facts of the steps before it' do
      is_expected.to claim_kafka_aas_broker_id('prod')
      is_expected.to attach_kafka_aas_eni('broker').with(broker_id: 2)
      is_expected.to attach_kafka_aas_volume('/var/lib/kafka').with(broker_id: 2, filesystem: 'xfs')
      is_expected.to render_kafka_aas_config('broker').with(private_ip: '10.0.1.12', interface: 'ens6')
    end

    it 'restarts Kafka when the configuration changed, and starts it without enabling it' do
      expect(chef_run.kafka_aas_config('broker')).to notify('service[confluent-server]').to(:restart).delayed
      is_expected.to start_service('confluent-server')
      is_expected.not_to enable_service('confluent-server')
    end
  end

  context 'on a reboot, where the helper reports no change' do
    before do
      stub_helper('kafka_aas_broker_id[prod]', 'claim-id', %w(--cluster prod), '{"brokerId":1,"changed":false}')
      stub_helper('kafka_aas_eni[broker]', 'attach-eni', %w(--broker-id 1),
                  '{"eniId":"eni-1","privateIp":"10.0.1.11","macAddress":"02:00:00:00:00:01","interface":"ens6","changed":false}')
      stub_helper('kafka_aas_volume[/var/lib/kafka]', 'attach-volume',
                  ['--broker-id', '1', *volume_args],
                  '{"volumeId":"vol-1","device":"/dev/nvme1n1","mountPoint":"/var/lib/kafka","formatted":false,"changed":false}')
      stub_helper('kafka_aas_config[broker]', 'render',
                  %w(--broker-id 1 --private-ip 10.0.1.11 --interface ens6 --log-dir /var/lib/kafka/data
                     --kafka-mode zookeeper --network-style ifupdown --root /),
                  '{"changed":false}')
    end

    it 'marks no kafka-aas resource updated, so Kafka is not restarted' do
      chef_run
      %w(kafka_aas_broker_id[prod] kafka_aas_eni[broker] kafka_aas_volume[/var/lib/kafka] kafka_aas_config[broker]).each do |name|
        expect(chef_run.find_resource(*name.match(/\A(\w+)\[(.*)\]\z/).captures)).not_to be_updated_by_last_action
      end
    end
  end

  context 'when no broker id is free' do
    before do
      failure = '{"changed":false,"exitCode":3,"error":"claim-id: no eligible free broker id"}'
      stubs_for_provider('kafka_aas_broker_id[prod]') do |provider|
        claim = [*helper, 'claim-id', *config, '--cluster', 'prod']
        allow(provider).to receive_shell_out(*claim, timeout: 900, exitstatus: 3, stdout: failure)
      end
    end

    it 'fails the run with the helper\'s exit code and line' do
      expect { chef_run }.to raise_error(KafkaAas::HelperError, /exit 3\): claim-id: no eligible free broker id/)
    end
  end

  context 'without the boot attributes' do
    default_attributes['kafka_aas']['cluster'] = nil

    it 'refuses with the attribute to set' do
      expect { chef_run }.to raise_error(RuntimeError, /node\['kafka_aas'\]\['cluster'\] is not set/)
    end
  end
end
