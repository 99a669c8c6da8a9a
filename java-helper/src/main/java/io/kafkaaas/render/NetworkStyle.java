package io.kafkaaas.render;

/**
 * How the ENI's policy routing is made persistent: ifupdown (interfaces.d + rt_tables, Debian), systemd-networkd
 * (a .network file), or none, leaving it to the OS (AL2023's amazon-ec2-net-utils already does it).
 */
public enum NetworkStyle {
    ifupdown,
    networkd,
    none
}
