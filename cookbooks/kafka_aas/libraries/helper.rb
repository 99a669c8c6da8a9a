require 'json'

# Runs the kafka-aas helper from the cookbook's custom resources. The logic lives in the helper, where it is
# tested; this file only builds the command line, reads the one JSON object the helper prints, and turns a
# non-zero exit into an exception that names the step and keeps the helper's exit code (DESIGN.md).
module KafkaAas
  # The helper failed; exit_code is the contract's code (2 usage, 3 no free id, 4 timeout, 5 data safety, 6 unreachable).
  class HelperError < StandardError
    attr_reader :command, :exit_code

    def initialize(command, exit_code, message)
      @command = command
      @exit_code = exit_code
      super("kafka-aas #{command} failed (exit #{exit_code}): #{message}")
    end
  end

  # Pure functions, so they can be tested without Chef.
  module Helper
    module_function

    # [executable, command, --output, json, --config, FILE, --flag, value, ...]; nil and false options are left
    # out, true ones become bare flags, an array repeats its flag once per element (set: [a, b] -> --set a --set b),
    # and option names use dashes (broker_id: 1 -> --broker-id 1).
    def argv(executable, command, config_file: nil, options: {})
      args = [executable, command, '--output', 'json']
      args.push('--config', config_file) if config_file
      options.each { |name, value| args.concat(option_args("--#{name.to_s.tr('_', '-')}", value)) }
      args
    end

    def option_args(flag, value)
      return [] if value.nil? || value == false
      return [flag] if value == true
      return value.flat_map { |element| [flag, element.to_s] } if value.is_a?(Array)

      [flag, value.to_s]
    end

    # Extra broker properties (a map) as the helper's repeatable --set KEY=VALUE, in a stable order. The helper
    # validates each and refuses the settings it owns; nothing is checked here.
    def broker_settings(properties)
      (properties || {}).sort_by { |key, _| key.to_s }.map { |key, value| "#{key}=#{value}" }
    end

    # The helper's JSON object on success; a HelperError carrying its exit code and one-line error otherwise.
    def parse(command, stdout, stderr, exit_code)
      result = json_object(stdout)
      unless exit_code.zero?
        message = result && result['error'] ? result['error'] : last_error_line(stderr)
        raise HelperError.new(command, exit_code, message)
      end
      return result if result&.key?('changed')

      raise HelperError.new(command, 1, "printed no JSON result with \"changed\" on stdout: #{stdout.to_s.strip[0, 200]}")
    end

    def json_object(stdout)
      parsed = JSON.parse(stdout.to_s.strip)
      parsed.is_a?(Hash) ? parsed : nil
    rescue JSON::ParserError
      nil
    end

    def last_error_line(stderr)
      lines = stderr.to_s.lines.map(&:strip).reject(&:empty?)
      lines.reverse.find { |l| l.start_with?('kafka-aas:') } || lines.last || 'no output'
    end

    # Whether a systemd unit runs now: systemctl is-active exits 0 only for an active unit; any other answer, or no
    # systemctl at all (the runner's nil), is "not running".
    def unit_active?(unit, runner: ->(*command) { system(*command, out: File::NULL, err: File::NULL) })
      runner.call('systemctl', 'is-active', '--quiet', unit) ? true : false
    end

    # The facts later resources read (node.run_state['kafka_aas']), with the helper's camelCase keys in snake_case.
    def facts(result, keys)
      keys.each_with_object({}) do |key, facts|
        facts[key.gsub(/([A-Z])/) { "_#{Regexp.last_match(1).downcase}" }] = result[key] if result.key?(key)
      end
    end
  end

  # Mixed into the custom resources' action classes: run a helper command, publish its facts, report a change.
  module ResourceHelpers
    def run_helper(command, options)
      argv = KafkaAas::Helper.argv(new_resource.helper, command, config_file: new_resource.config_file, options: options)
      # The helper both decides and acts (ZooKeeper, EC2), so there is nothing it could preview safely.
      if Chef::Config[:why_run]
        raise "kafka-aas #{command} changes ZooKeeper and EC2 and cannot run in why-run mode; converge without --why-run"
      end

      result = shell_out(*argv, timeout: new_resource.timeout)
      KafkaAas::Helper.parse(command, result.stdout, result.stderr, result.exitstatus)
    end

    def publish(step, facts)
      node.run_state['kafka_aas'] ||= {}
      node.run_state['kafka_aas'][step] = facts
    end

    # The resource counts as updated only when the helper changed something, so notifications fire on real change.
    def report(result, description)
      return unless result['changed']

      converge_by(description) { Chef::Log.info("kafka-aas: #{description}") }
    end
  end
end
