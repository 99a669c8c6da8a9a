# kafka_aas_broker_id: claims this instance's broker id in ZooKeeper (kafka-aas claim-id; boot flow step 2).
unified_mode true
use '_partial/_helper'
provides :kafka_aas_broker_id

description 'Claims a broker id for this instance with `kafka-aas claim-id` and publishes it as ' \
            'node.run_state["kafka_aas"]["broker_id"]["broker_id"]. Updated only when a new claim was made.'

property :cluster, String,
         name_property: true,
         regex: /\A[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}\z/,
         description: 'Cluster name; claims live under /kafka-aas/NAME/claims/.'
property :zookeeper, String,
         regex: %r{\A[^\s,]+:\d+(,[^\s,]+:\d+)*(/\S*)?\z},
         description: 'ZooKeeper connect string host:port[,host:port][/chroot]; default: the config file.'
property :broker_count, Integer,
         callbacks: { 'must be between 1 and 4096' => ->(n) { n.between?(1, 4096) } },
         description: 'Number of broker slots (ids 0..N-1); default: the config file.'

action :claim do
  description 'Claim (or confirm) this instance\'s broker id.'

  result = run_helper('claim-id', cluster: new_resource.cluster, zookeeper: new_resource.zookeeper,
                                  broker_count: new_resource.broker_count)
  publish('broker_id', KafkaAas::Helper.facts(result, %w(brokerId eniId takenOverFrom availabilityZone)))
  report(result, "claim broker id #{result['brokerId']}")
end
