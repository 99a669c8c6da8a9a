# Shared by every kafka_aas_* resource (`use '_partial/_helper'`): how to run the helper, and the action helpers
# that run it, publish its facts and report a change.
property :config_file, String,
         default: lazy { node['kafka_aas']['helper']['config_file'] },
         description: 'The helper options file written by kafka_aas::configure.'
property :helper, String,
         default: lazy { node['kafka_aas']['helper']['launcher'] || node['kafka_aas']['helper']['bin'] },
         description: 'Path of the kafka-aas launcher.'
property :timeout, Integer,
         default: lazy { node['kafka_aas']['helper']['timeout'] },
         callbacks: { 'must be positive' => ->(t) { t.positive? } },
         description: 'Seconds one helper run may take (waiting for a dying owner to let go included).'

action_class do
  include KafkaAas::ResourceHelpers
end
