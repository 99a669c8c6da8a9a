# kafka_aas_eni: attaches the broker's ENI and sets up its policy routing (kafka-aas attach-eni; boot flow step 3).
unified_mode true
provides :kafka_aas_eni

description 'Attaches the ENI tagged <prefix><broker id> with `kafka-aas attach-eni` and publishes its id, IP, MAC ' \
            'and kernel interface as node.run_state["kafka_aas"]["eni"]. Updated only when something was attached.'

property :broker_id, Integer,
         required: true,
         callbacks: { 'must be between 0 and 4095' => ->(id) { id.between?(0, 4095) } },
         description: 'The claimed broker id; usually lazy { node.run_state["kafka_aas"]["broker_id"]["broker_id"] }.'
property :config_file, String,
         default: lazy { node['kafka_aas']['helper']['config_file'] },
         description: 'The helper options file written by kafka_aas::configure.'
property :helper, String,
         default: lazy { node['kafka_aas']['helper']['bin'] },
         description: 'Path of the kafka-aas launcher.'
property :timeout, Integer,
         default: lazy { node['kafka_aas']['helper']['timeout'] },
         callbacks: { 'must be positive' => ->(t) { t.positive? } },
         description: 'Seconds one helper run may take (waiting for a dying owner to let go included).'

action :attach do
  description 'Attach the broker\'s ENI to this instance.'

  result = run_helper('attach-eni', broker_id: new_resource.broker_id)
  publish('eni', KafkaAas::Helper.facts(result, %w(eniId privateIp macAddress interface subnetCidr gateway)))
  report(result, "attach ENI #{result['eniId']} (#{result['privateIp']}) as #{result['interface']}")
end

action_class do
  include KafkaAas::ResourceHelpers
end
