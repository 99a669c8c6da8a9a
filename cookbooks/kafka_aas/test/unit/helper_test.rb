# Plain-Ruby tests of libraries/helper.rb (no Chef needed): the command line it builds, and how it reads the
# helper's results and failures. The tooling checks also run it against the real jar (KAFKA_AAS_JAR).
require 'minitest/autorun'
require 'open3'
require_relative '../../libraries/helper'

class HelperArgvTest < Minitest::Test
  def test_builds_dashed_flags_and_leaves_out_nil_and_false
    argv = KafkaAas::Helper.argv('/usr/local/bin/kafka-aas', 'attach-volume',
                                 config_file: '/etc/kafka-aas/kafka-aas.properties',
                                 options: { broker_id: 2, mount_point: '/var/lib/kafka', device: nil, no_mount: false })
    assert_equal ['/usr/local/bin/kafka-aas', 'attach-volume', '--output', 'json',
                  '--config', '/etc/kafka-aas/kafka-aas.properties',
                  '--broker-id', '2', '--mount-point', '/var/lib/kafka',], argv
  end

  def test_an_array_repeats_its_flag
    assert_equal %w(kafka-aas render --output json --set num.partitions=6 --set min.insync.replicas=2),
                 KafkaAas::Helper.argv('kafka-aas', 'render', options: { set: %w(num.partitions=6 min.insync.replicas=2) })
  end

  def test_an_empty_array_adds_nothing
    assert_equal %w(kafka-aas render --output json), KafkaAas::Helper.argv('kafka-aas', 'render', options: { set: [] })
  end

  def test_broker_properties_become_sorted_settings
    assert_equal ['min.insync.replicas=2', 'num.partitions=6'],
                 KafkaAas::Helper.broker_settings('num.partitions' => 6, 'min.insync.replicas' => '2')
    assert_equal [], KafkaAas::Helper.broker_settings(nil)
  end

  def test_true_becomes_a_bare_flag
    assert_equal %w(kafka-aas signal --output json --success),
                 KafkaAas::Helper.argv('kafka-aas', 'signal', options: { success: true })
  end
end

class HelperUnitActiveTest < Minitest::Test
  def test_asks_systemctl_is_active_about_the_unit
    asked = nil
    runner = lambda do |*command|
      asked = command
      true
    end
    assert KafkaAas::Helper.unit_active?('confluent-server', runner: runner)
    assert_equal %w(systemctl is-active --quiet confluent-server), asked
  end

  def test_any_other_answer_or_no_systemctl_is_not_running
    refute KafkaAas::Helper.unit_active?('confluent-server', runner: ->(*) { false })
    refute KafkaAas::Helper.unit_active?('confluent-server', runner: ->(*) {})
  end

  def test_a_unit_that_does_not_exist_is_not_running_with_the_real_runner
    refute KafkaAas::Helper.unit_active?('kafka-aas-no-such-unit-for-tests')
  end
end

class HelperParseTest < Minitest::Test
  def test_returns_the_result_object
    result = KafkaAas::Helper.parse('claim-id', %({"brokerId":1,"changed":true}\n), '', 0)
    assert_equal 1, result['brokerId']
    assert result['changed']
  end

  def test_a_failure_keeps_the_exit_code_and_the_helpers_one_line_error
    error = assert_raises(KafkaAas::HelperError) do
      KafkaAas::Helper.parse('claim-id', %({"changed":false,"exitCode":3,"error":"no free broker id: 0 i-1 alive"}),
                             "2026-01-01T00:00:00Z [INFO] x\nkafka-aas: claim-id: no free broker id\n", 3)
    end
    assert_equal 3, error.exit_code
    assert_equal 'kafka-aas claim-id failed (exit 3): no free broker id: 0 i-1 alive', error.message
  end

  def test_without_json_the_error_line_comes_from_stderr
    error = assert_raises(KafkaAas::HelperError) do
      KafkaAas::Helper.parse('render', '', "log line\nkafka-aas: render: template missing\n", 2)
    end
    assert_includes error.message, 'kafka-aas: render: template missing'
  end

  def test_success_without_changed_is_an_error
    assert_raises(KafkaAas::HelperError) { KafkaAas::Helper.parse('render', '{"ok":true}', '', 0) }
    assert_raises(KafkaAas::HelperError) { KafkaAas::Helper.parse('render', 'not json', '', 0) }
  end

  def test_facts_are_snake_case
    facts = KafkaAas::Helper.facts({ 'eniId' => 'eni-1', 'privateIp' => '10.0.1.10', 'changed' => true },
                                   %w(eniId privateIp macAddress))
    assert_equal({ 'eni_id' => 'eni-1', 'private_ip' => '10.0.1.10' }, facts)
  end
end

# The library against the real helper: a bad invocation must come back as exit 2 with the helper's own line.
class HelperAgainstTheJarTest < Minitest::Test
  def test_reads_a_real_usage_error
    jar = ENV.fetch('KAFKA_AAS_JAR', nil)
    skip 'KAFKA_AAS_JAR is not set' unless jar && File.exist?(jar)
    argv = KafkaAas::Helper.argv('java', 'claim-id', options: { cluster: 'c', broker_count: 3 })
    stdout, stderr, status = Open3.capture3('java', '-jar', jar, *argv.drop(1))
    error = assert_raises(KafkaAas::HelperError) { KafkaAas::Helper.parse('claim-id', stdout, stderr, status.exitstatus) }
    assert_equal 2, error.exit_code
    assert_includes error.message, '--zookeeper'
  end
end
