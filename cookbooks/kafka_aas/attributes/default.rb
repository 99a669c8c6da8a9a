# Attributes of the kafka_aas cookbook. Bake-time ones are used by kafka_aas::install (Packer); boot-time ones by
# kafka_aas::configure, and come from /etc/kafka-aas/boot.json, which the launch template's user data writes.

# --- bake time -------------------------------------------------------------------------------------------------
# Confluent Platform from Confluent's package repository, pinned: a rebake never moves to a new release by itself.
default['kafka_aas']['confluent']['repo_version'] = '7.9'
default['kafka_aas']['confluent']['version'] = '7.9.0'
default['kafka_aas']['confluent']['package'] = 'confluent-server'
default['kafka_aas']['confluent']['repo_url'] = 'https://packages.confluent.io'
default['kafka_aas']['service'] = 'confluent-server'
default['kafka_aas']['user'] = 'cp-kafka'
default['kafka_aas']['group'] = 'confluent'

# The JDK that runs Kafka and the helper (Java 17).
default['kafka_aas']['java']['package'] =
  value_for_platform_family('amazon' => 'java-17-amazon-corretto-headless', 'default' => 'openjdk-17-jre-headless')

# Where Packer uploaded the helper jar and the templates before the install recipe runs.
default['kafka_aas']['helper']['source_dir'] = '/tmp/kafka-aas'
default['kafka_aas']['helper']['home'] = '/opt/kafka-aas'
default['kafka_aas']['helper']['bin'] = '/usr/local/bin/kafka-aas'
# What the resources run; nil means the launcher above. Only a test kitchen sets it (configure-local adds the
# simulation's storage platform to the class path for --local-volumes).
default['kafka_aas']['helper']['launcher'] = nil
default['kafka_aas']['helper']['config_dir'] = '/etc/kafka-aas'
default['kafka_aas']['helper']['config_file'] = '/etc/kafka-aas/kafka-aas.properties'
# How long one helper call may take (waiting for a dying instance's ENI or volume included).
default['kafka_aas']['helper']['timeout'] = 900

# The Prometheus JMX exporter, a Java agent in Kafka's JVM, pinned: Packer uploads the jar of this version from the
# build host's Maven repository (docs/operations.md), and the install recipe refuses any other content.
default['kafka_aas']['jmx_exporter']['version'] = '1.0.1'
default['kafka_aas']['jmx_exporter']['sha256'] = '7d61f737fd661610ccc14aea79764faa1ea94a340cbc8f0029b3d2edea3d80c1'
default['kafka_aas']['jmx_exporter']['home'] = '/opt/kafka-aas/jmx-exporter'

# The termination watcher polls instance metadata for the ASG's target lifecycle state every N seconds.
default['kafka_aas']['termination']['poll_seconds'] = 5

# --- boot time (from boot.json) ---------------------------------------------------------------------------------
default['kafka_aas']['cluster'] = nil
default['kafka_aas']['zookeeper'] = nil
# ZooKeeper mode: where the cluster's ZooKeeper digest user:password lives. With a secret store, bootstrap fetches it
# (zookeeper-auth under the cluster's prefix) before the claim; every command then authenticates with it.
default['kafka_aas']['zookeeper_auth_file'] = nil
default['kafka_aas']['broker_count'] = nil
default['kafka_aas']['tag_prefix'] = 'KAFKA-'
default['kafka_aas']['region'] = nil
# zookeeper (Confluent Platform 7.x: claims in ZooKeeper) or kraft (8.x: no ZooKeeper at all, the ENI attachment is
# the claim, so the zookeeper attribute is neither needed nor passed).
default['kafka_aas']['kafka_mode'] = 'zookeeper'
# KRaft (Confluent Platform 8.x) only: the controllers' static ENI IPs and the cluster id storage is formatted with.
default['kafka_aas']['kraft']['controller_voters'] = nil
default['kafka_aas']['kraft']['cluster_id'] = nil
# Listener security (docs/security.md); the helper validates each value. nil: the helper's default.
default['kafka_aas']['security']['protocol'] = 'PLAINTEXT'
default['kafka_aas']['security']['inter_broker'] = nil
default['kafka_aas']['security']['ssl_client_auth'] = nil
default['kafka_aas']['security']['secret_store'] = nil
default['kafka_aas']['security']['scram_username'] = nil
default['kafka_aas']['network_style'] = 'ifupdown'

# Broker settings (docs/configuration.md), passed to kafka-aas bootstrap, which validates them; nil means the
# helper's default.
default['kafka_aas']['broker']['heap_size'] = nil # --heap-size, e.g. 6g (helper default 1g)
default['kafka_aas']['broker']['listener_port'] = nil # --listener-port (9092)
default['kafka_aas']['broker']['jmx_port'] = nil # --jmx-port on loopback (9999); 0 turns JMX off
default['kafka_aas']['broker']['properties'] = {} # extra server.properties, each as --set key=value
# With a Route 53 zone: the name brokers advertise, {id} being the broker id (b{id}.prod.example.internal).
default['kafka_aas']['broker']['advertised_host_template'] = nil

# The JMX exporter's port (0: off), and whether to point the baked CloudWatch agent at it and at the data volume.
default['kafka_aas']['metrics']['prometheus_exporter_port'] = 0
# Where the exporter listens: loopback (the CloudWatch agent) unless a Prometheus server elsewhere scrapes it.
default['kafka_aas']['metrics']['prometheus_exporter_host'] = '127.0.0.1'
default['kafka_aas']['metrics']['cloudwatch_agent'] = true
default['kafka_aas']['render_root'] = '/'

default['kafka_aas']['data']['mount_point'] = '/var/lib/kafka'
default['kafka_aas']['data']['log_dir'] = '/var/lib/kafka/data'
default['kafka_aas']['data']['device'] = '/dev/xvdf'
default['kafka_aas']['data']['filesystem'] = 'xfs'
# The local cloud only (kitchen's configure-local): its volumes are directories under this path. Never on EC2.
default['kafka_aas']['data']['local_volumes'] = nil

# Endpoint overrides, for emulators only (moto, the local cloud of the simulation); nil on EC2.
default['kafka_aas']['aws']['ec2_endpoint'] = nil
default['kafka_aas']['aws']['imds_endpoint'] = nil
# bootstrap and claim-id ask Auto Scaling whether an id's owner is still in its termination hook; signal completes
# the launch hook and signals the stack. Without these, an emulator run would ask the real regional endpoints.
default['kafka_aas']['aws']['autoscaling_endpoint'] = nil
default['kafka_aas']['aws']['cloudformation_endpoint'] = nil
default['kafka_aas']['aws']['instance_id'] = nil
default['kafka_aas']['aws']['availability_zone'] = nil
