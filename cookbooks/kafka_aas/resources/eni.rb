# kafka_aas_eni: attaches the broker's ENI and sets up its policy routing (kafka-aas attach-eni; boot flow step 3).
unified_mode true
use '_partial/_helper'
provides :kafka_aas_eni

description 'Attaches the ENI tagged <prefix><broker id> with `kafka-aas attach-eni`, brings its policy routing up ' \
            'with `kafka-aas apply-network` (unless the network style is none), and publishes its id, IP, MAC, ' \
            'kernel interface and subnet as node.run_state["kafka_aas"]["eni"]. Updated only when something changed.'

property :broker_id, Integer,
         required: true,
         callbacks: { 'must be between 0 and 4095' => ->(id) { id.between?(0, 4095) } },
         description: 'The claimed broker id; usually lazy { node.run_state["kafka_aas"]["broker_id"]["broker_id"] }.'
property :network_style, String,
         default: lazy { node['kafka_aas']['network_style'] },
         equal_to: %w(ifupdown networkd none),
         description: 'none leaves the routing to the OS (Amazon Linux 2023); otherwise apply-network sets it up now.'
property :root, String,
         default: lazy { node['kafka_aas']['render_root'] },
         regex: %r{\A/\S*\z},
         description: 'Root under which apply-network names its table in etc/iproute2/rt_tables.'

action :attach do
  description 'Attach the broker\'s ENI to this instance.'

  result = run_helper('attach-eni', broker_id: new_resource.broker_id)
  publish('eni', KafkaAas::Helper.facts(result, %w(eniId privateIp macAddress interface subnetCidr)))
  report(result, "attach ENI #{result['eniId']} (#{result['privateIp']}) as #{result['interface']}")
  next if new_resource.network_style == 'none'

  if result['interface'].nil?
    raise KafkaAas::HelperError.new('apply-network', 4, "ENI #{result['eniId']} is attached but no kernel interface " \
                                                        "with MAC #{result['macAddress']} appeared; check the ENA driver")
  end

  routing = run_helper('apply-network', interface: result['interface'], private_ip: result['privateIp'],
                                        subnet_cidr: result['subnetCidr'], root: new_resource.root)
  report(routing, "policy routing for #{result['privateIp']} on #{result['interface']}")
end
