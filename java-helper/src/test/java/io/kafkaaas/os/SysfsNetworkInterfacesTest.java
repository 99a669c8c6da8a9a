package io.kafkaaas.os;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SysfsNetworkInterfacesTest {
    @TempDir
    Path classNet;

    private void iface(String name, String mac) throws IOException {
        Files.writeString(Files.createDirectories(classNet.resolve(name)).resolve("address"), mac + "\n");
    }

    @Test
    void findsTheInterfaceByMacWhateverItsNameAndCase() throws IOException {
        iface("lo", "00:00:00:00:00:00");
        iface("ens5", "02:aa:bb:cc:dd:01");
        iface("ens6", "02:aa:bb:cc:dd:02");

        SysfsNetworkInterfaces kernel = new SysfsNetworkInterfaces(classNet);

        assertThat(kernel.nameOfMac("02:AA:BB:CC:DD:02")).contains("ens6");
        assertThat(kernel.nameOfMac("02:aa:bb:cc:dd:03")).isEmpty();
    }

    @Test
    void readsThisMachinesInterfaces() throws IOException {
        String loMac = Files.readString(Path.of("/sys/class/net/lo/address")).trim();

        assertThat(SysfsNetworkInterfaces.system().nameOfMac(loMac)).isPresent();
    }
}
