require 'spec_helper'

describe 'kafka_aas::install' do
  context 'on Debian 12' do
    platform 'debian', '12'

    it { is_expected.to install_package('openjdk-17-jre-headless') }
    it { is_expected.to add_apt_repository('confluent').with(uri: 'https://packages.confluent.io/deb/7.9', distribution: 'stable') }
    it { is_expected.to install_package('confluent-server').with(version: '7.9.0-1') }
    it { is_expected.to disable_service('confluent-server') }
    it { is_expected.to stop_service('confluent-server') }

    it 'installs the helper jar from what Packer uploaded' do
      is_expected.to create_remote_file('/opt/kafka-aas/kafka-aas.jar')
        .with(source: ['file:///tmp/kafka-aas/kafka-aas.jar'], mode: '0644', owner: 'root')
    end

    it 'installs the pinned JMX exporter only with its checksum' do
      is_expected.to create_remote_file('/opt/kafka-aas/jmx-exporter/jmx_prometheus_javaagent.jar')
        .with(source: ['file:///tmp/kafka-aas/jmx_prometheus_javaagent-1.0.1.jar'],
              checksum: '7d61f737fd661610ccc14aea79764faa1ea94a340cbc8f0029b3d2edea3d80c1')
    end

    it 'installs the launcher and the boot and termination scripts as root-owned executables' do
      %w(/usr/local/bin/kafka-aas /usr/local/sbin/kafka-aas-boot /usr/local/sbin/kafka-aas-termination-watch
         /usr/local/sbin/kafka-aas-release-on-poweroff).each do |path|
        is_expected.to create_cookbook_file(path).with(mode: '0755', owner: 'root', group: 'root')
      end
    end

    %w(kafka-aas-boot kafka-aas-termination-watch kafka-aas-release).each do |unit|
      it { is_expected.to create_template("/etc/systemd/system/#{unit}.service").with(mode: '0644') }
      it { is_expected.to enable_service(unit) }
      # The launcher picks each command's AppCDS archive; a flag in the unit would come after it and override it.
      it { is_expected.not_to render_file("/etc/systemd/system/#{unit}.service").with_content(/SharedArchiveFile/) }
    end

    it 'installs the short-lived CLI JVM flags where the launcher reads them' do
      is_expected.to create_cookbook_file('/opt/kafka-aas/jvm.options').with(source: 'kafka-aas.jvm-options', mode: '0644')
    end

    it 'runs the boot flow, leaving the AppCDS archive to the launcher' do
      is_expected.to render_file('/etc/systemd/system/kafka-aas-boot.service')
        .with_content(%r{^ExecStart=/usr/local/sbin/kafka-aas-boot$})
      is_expected.not_to render_file('/etc/systemd/system/kafka-aas-boot.service').with_content(/SharedArchiveFile/)
    end

    it 'runs Kafka with the rendered environment file and restarts it on failure (a systemd drop-in)' do
      is_expected.to create_directory('/etc/systemd/system/confluent-server.service.d')
      is_expected.to render_file('/etc/systemd/system/confluent-server.service.d/kafka-aas.conf')
        .with_content(%r{^EnvironmentFile=/etc/default/kafka$})
        .with_content(/^Restart=on-failure$/)
        .with_content(%r{^RequiresMountsFor=/var/lib/kafka$})
    end

    it 'releases the broker id only after Kafka has stopped' do
      is_expected.to render_file('/etc/systemd/system/kafka-aas-release.service')
        .with_content(/^Before=confluent-server\.service$/)
    end
  end

  context 'on Amazon Linux 2023' do
    platform 'amazon', '2023'

    it { is_expected.to install_package('java-17-amazon-corretto-headless') }
    it { is_expected.to create_yum_repository('confluent').with(baseurl: 'https://packages.confluent.io/rpm/7.9', gpgcheck: true) }
  end
end
