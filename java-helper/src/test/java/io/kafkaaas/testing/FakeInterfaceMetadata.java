package io.kafkaaas.testing;

import io.kafkaaas.eni.InterfaceMetadata;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/** What IMDS would list under network/interfaces/macs/: device numbers and subnet CIDR blocks by MAC. */
public final class FakeInterfaceMetadata implements InterfaceMetadata {
    private final Map<String, Integer> deviceNumbers = new ConcurrentHashMap<>();
    private final Map<String, String> subnets = new ConcurrentHashMap<>();
    private final OptionalInt everyDeviceNumber;

    public FakeInterfaceMetadata() {
        this.everyDeviceNumber = OptionalInt.empty();
    }

    private FakeInterfaceMetadata(int deviceNumber) {
        this.everyDeviceNumber = OptionalInt.of(deviceNumber);
    }

    /** Every interface it is asked about shows up at this device number. */
    public static FakeInterfaceMetadata everyInterfaceAt(int deviceNumber) {
        return new FakeInterfaceMetadata(deviceNumber);
    }

    public FakeInterfaceMetadata put(String mac, int deviceNumber, String subnetCidr) {
        deviceNumbers.put(mac, deviceNumber);
        subnets.put(mac, subnetCidr);
        return this;
    }

    @Override
    public OptionalInt deviceNumberOf(String macAddress) {
        Integer number = deviceNumbers.get(macAddress);
        return number != null ? OptionalInt.of(number) : everyDeviceNumber;
    }

    @Override
    public Optional<String> subnetCidrOf(String macAddress) {
        return Optional.ofNullable(subnets.get(macAddress));
    }
}
