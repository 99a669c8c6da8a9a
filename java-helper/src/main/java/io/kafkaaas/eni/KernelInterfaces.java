package io.kafkaaas.eni;

import java.util.Optional;

/** Port: the network interfaces the kernel has, found by MAC (on Nitro the name is ens6 or so, not eth1). */
public interface KernelInterfaces {
    Optional<String> nameOfMac(String macAddress);
}
