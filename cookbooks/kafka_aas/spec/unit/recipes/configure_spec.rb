require 'spec_helper'

describe 'kafka_aas::configure' do
  platform 'debian', '12'
  step_into :kafka_aas_broker

  default_attributes['kafka_aas']['cluster'] = 'prod'
  default_attributes['kafka_aas']['zookeeper'] = 'zk1:2181,zk2:2181/kafka'
  default_attributes['kafka_aas']['broker_count'] = 3

  let(:helper) { ['/usr/local/bin/kafka-aas'] }
  let(:config) { ['--output', 'json', '--config', '/etc/kafka-aas/kafka-aas.properties'] }
  let(:bootstrap_args) do
    %w(--mount-point /var/lib/kafka --device /dev/xvdf --filesystem xfs --log-dir /var/lib/kafka/data
       --kafka-mode zookeeper --network-style ifupdown --root /)
  end

  def bootstrap_result(changed, broker_id)
    {
      changed: changed, brokerId: broker_id, cluster: 'prod', instanceId: 'i-0abc', availabilityZone: 'us-east-1a',
      eniId: "eni-#{broker_id}", privateIp: "10.0.1.1#{broker_id}", interface: 'ens6', volumeId: "vol-#{broker_id}",
      device: '/dev/nvme1n1', mountPoint: '/var/lib/kafka', formatted: false,
      steps: {
        claim: { changed: changed, brokerId: broker_id }, eni: { changed: changed }, volume: { changed: false },
        network: { changed: false, interface: 'ens6', table: 100, actions: [] },
        render: { changed: changed, brokerId: broker_id, files: [] },
      },
    }.to_json
  end

  # Kafka is not running before the converge (a boot) unless a context says otherwise.
  let(:kafka_running) { false }
  before { allow(KafkaAas::Helper).to receive(:unit_active?).with('confluent-server').and_return(kafka_running) }

  def stub_bootstrap(stdout, exitstatus: 0)
    stubs_for_provider('kafka_aas_broker[/var/lib/kafka]') do |provider|
      allow(provider).to receive_shell_out(*helper, 'bootstrap', *config, *bootstrap_args,
                                           timeout: 900, stdout: stdout, exitstatus: exitstatus)
    end
  end

  context 'on a first boot' do
    before { stub_bootstrap(bootstrap_result(true, 2)) }

    it 'writes the helper options file readable by root only' do
      is_expected.to create_template('/etc/kafka-aas/kafka-aas.properties').with(mode: '0640', owner: 'root')
      is_expected.to render_file('/etc/kafka-aas/kafka-aas.properties')
        .with_content(/^cluster=prod$/).with_content(%r{^zookeeper=zk1:2181,zk2:2181/kafka$}).with_content(/^broker-count=3$/)
    end

    it 'gives the instance its identity with one bootstrap call and no single-step resource' do
      is_expected.to bootstrap_kafka_aas_broker('/var/lib/kafka').with(device: '/dev/xvdf', filesystem: 'xfs')
      %w(kafka_aas_broker_id kafka_aas_eni kafka_aas_volume kafka_aas_config).each do |type|
        expect(chef_run.resource_collection.select { |r| r.resource_name.to_s == type }).to be_empty
      end
    end

    it 'publishes every step\'s facts' do
      chef_run
      facts = chef_run.node.run_state['kafka_aas']
      expect(facts['broker_id']).to include('broker_id' => 2, 'availability_zone' => 'us-east-1a')
      expect(facts['eni']).to include('private_ip' => '10.0.1.12', 'interface' => 'ens6')
      expect(facts['volume']).to include('volume_id' => 'vol-2', 'mount_point' => '/var/lib/kafka')
      expect(facts['config']).to include('brokerId' => 2)
      expect(chef_run.node['kafka_aas']['facts']['eni']['eni_id']).to eq('eni-2')
    end

    it 'starts Kafka once, without enabling it, and queues no restart' do
      expect(chef_run.kafka_aas_broker('/var/lib/kafka')).not_to notify('service[confluent-server]').to(:restart)
      is_expected.to start_service('confluent-server')
      is_expected.not_to enable_service('confluent-server')
    end
  end

  context 'on a re-converge of a running broker whose identity changed' do
    let(:kafka_running) { true }
    before { stub_bootstrap(bootstrap_result(true, 2)) }

    it 'restarts Kafka at the end of the run' do
      expect(chef_run.kafka_aas_broker('/var/lib/kafka')).to notify('service[confluent-server]').to(:restart).delayed
    end
  end

  context 'on a reboot, where the helper reports no change' do
    before { stub_bootstrap(bootstrap_result(false, 1)) }

    it 'marks the broker resource not updated, so Kafka is not restarted' do
      expect(chef_run.kafka_aas_broker('/var/lib/kafka')).not_to be_updated_by_last_action
    end
  end

  context 'in KRaft mode' do
    default_attributes['kafka_aas']['kafka_mode'] = 'kraft'
    default_attributes['kafka_aas']['kraft']['controller_voters'] = '0@10.0.1.10:9093'
    default_attributes['kafka_aas']['kraft']['cluster_id'] = 'MkU3OEVBNTcwNTJENDM2Qk'

    before do
      stubs_for_provider('kafka_aas_broker[/var/lib/kafka]') do |provider|
        args = bootstrap_args.map { |a| a == 'zookeeper' ? 'kraft' : a }
        args.insert(args.index('--network-style'), '--controller-voters', '0@10.0.1.10:9093',
                    '--cluster-id', 'MkU3OEVBNTcwNTJENDM2Qk')
        allow(provider).to receive_shell_out(*helper, 'bootstrap', *config, *args, timeout: 900,
                                                                                   stdout: bootstrap_result(true, 0))
      end
    end

    it 'formats storage as the Kafka service user, not root' do
      is_expected.to run_execute('kafka-storage format').with(user: 'cp-kafka', group: 'confluent')
    end

    it 'passes no ZooKeeper: the claims are on the ENIs' do
      is_expected.to(render_file('/etc/kafka-aas/kafka-aas.properties')
        .with_content { |c| expect(c).not_to match(/^zookeeper=/) })
    end

    it 'names the Kafka mode, so release-id and status with this file alone use the ENI store' do
      is_expected.to render_file('/etc/kafka-aas/kafka-aas.properties').with_content(/^kafka-mode=kraft$/)
    end
  end

  context 'with broker settings, a DNS name and the exporter' do
    default_attributes['kafka_aas']['broker']['heap_size'] = '6g'
    default_attributes['kafka_aas']['broker']['jmx_port'] = 0
    default_attributes['kafka_aas']['broker']['properties'] = { 'num.partitions' => '6', 'min.insync.replicas' => '2' }
    default_attributes['kafka_aas']['broker']['advertised_host_template'] = 'b{id}.prod.example.internal'
    default_attributes['kafka_aas']['metrics']['prometheus_exporter_port'] = 7071

    before do
      stubs_for_provider('kafka_aas_broker[/var/lib/kafka]') do |provider|
        args = bootstrap_args + %w(--heap-size 6g --jmx-port 0 --set min.insync.replicas=2 --set num.partitions=6
                                   --advertised-host-template b{id}.prod.example.internal)
        allow(provider).to receive_shell_out(*helper, 'bootstrap', *config, *args, timeout: 900,
                                                                                   stdout: bootstrap_result(true, 0))
      end
    end

    it 'hands every setting to the helper, which validates them' do
      is_expected.to bootstrap_kafka_aas_broker('/var/lib/kafka').with(heap_size: '6g', jmx_port: 0)
    end

    it 'runs the JMX exporter as a Java agent of Kafka' do
      is_expected.to render_file('/etc/systemd/system/confluent-server.service.d/kafka-aas-jmx-exporter.conf')
        .with_content('KAFKA_OPTS=-javaagent:/opt/kafka-aas/jmx-exporter/jmx_prometheus_javaagent.jar=127.0.0.1:7071:' \
                      '/etc/kafka-aas/jmx-exporter.yml')
    end
  end

  context 'when bootstrap fails' do
    before do
      stub_bootstrap('{"changed":false,"exitCode":3,"error":"bootstrap: no eligible free broker id","failedStep":"claim"}',
                     exitstatus: 3)
    end

    it 'fails the run with the helper\'s exit code and line' do
      expect { chef_run }.to raise_error(KafkaAas::HelperError, /exit 3\): bootstrap: no eligible free broker id/)
    end
  end

  context 'against an emulator (kitchen\'s local cloud)' do
    default_attributes['kafka_aas']['aws']['ec2_endpoint'] = 'http://127.0.0.1:8999'
    default_attributes['kafka_aas']['aws']['autoscaling_endpoint'] = 'http://127.0.0.1:8999'
    default_attributes['kafka_aas']['aws']['cloudformation_endpoint'] = 'http://127.0.0.1:8999'
    before { stub_bootstrap(bootstrap_result(false, 1)) }

    it 'points every AWS call of the helper at it, the Auto Scaling look-up and the stack signal included' do
      is_expected.to render_file('/etc/kafka-aas/kafka-aas.properties')
        .with_content(%r{^ec2-endpoint=http://127\.0\.0\.1:8999$})
        .with_content(%r{^autoscaling-endpoint=http://127\.0\.0\.1:8999$})
        .with_content(%r{^cloudformation-endpoint=http://127\.0\.0\.1:8999$})
    end
  end

  context 'without the boot attributes' do
    default_attributes['kafka_aas']['cluster'] = nil
    before { stub_bootstrap(bootstrap_result(false, 1)) }

    it 'leaves the missing option out of the options file, so the helper names it' do
      is_expected.to(render_file('/etc/kafka-aas/kafka-aas.properties').with_content { |c| expect(c).not_to match(/^cluster=/) })
    end
  end
end
