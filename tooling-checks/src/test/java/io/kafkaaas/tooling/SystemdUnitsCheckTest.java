package io.kafkaaas.tooling;

import io.kafkaaas.testing.Requirements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cookbook's systemd units, rendered as kafka_aas::install writes them, loaded by systemd itself
 * ({@code systemd-analyze verify}, no running systemd needed) beside stand-ins of the units of the AMI's base image:
 * Debian 12's cloud-init, whose cloud-final.service is ordered After=multi-user.target, and Confluent's Kafka unit.
 * At boot systemd breaks an ordering cycle by deleting one of its start jobs: the broker's boot or cloud-init's last stage.
 */
class SystemdUnitsCheckTest {
    private static final Path TEMPLATES = Repo.path("cookbooks/kafka_aas/templates");

    /** The units of cloud-init 22.4 as Debian 12 ships them (systemd/*.tmpl, variant debian), only their ordering. */
    private static final Map<String, String> BASE_IMAGE = Map.of(
            "multi-user.target", "[Unit]\nDescription=Multi-User System\n",
            "network-online.target", "[Unit]\nDescription=Network is Online\n",
            "cloud-init.target", "[Unit]\nDescription=Cloud-init target\nAfter=multi-user.target\n"
                    + "[Install]\nWantedBy=multi-user.target\n",
            "cloud-init.service", oneshot("Cloud-init: Network Stage (write_files)",
                    "Before=network-online.target\n", "cloud-init.target"),
            "cloud-config.target", "[Unit]\nDescription=Cloud-config availability\n"
                    + "Wants=cloud-init.service\nAfter=cloud-init.service\n",
            "cloud-config.service", oneshot("Cloud-init: Config Stage",
                    "After=network-online.target cloud-config.target\nWants=network-online.target cloud-config.target\n",
                    "cloud-init.target"),
            "cloud-final.service", oneshot("Execute cloud user/final scripts",
                    "After=network-online.target cloud-config.service rc-local.service\nAfter=multi-user.target\n"
                            + "Wants=network-online.target cloud-config.service\n", "cloud-init.target"),
            "confluent-server.service", "[Unit]\nDescription=Apache Kafka (Confluent Server)\n"
                    + "[Service]\nType=simple\nExecStart=/bin/true\n");

    private static final List<String> OURS = List.of("kafka-aas-boot", "kafka-aas-termination-watch", "kafka-aas-release");

    @TempDir
    Path tmp;

    private static String oneshot(String description, String ordering, String wantedBy) {
        return "[Unit]\nDescription=" + description + "\n" + ordering
                + "[Service]\nType=oneshot\nExecStart=/bin/true\nRemainAfterExit=yes\n[Install]\nWantedBy=" + wantedBy + "\n";
    }

    /** The template with the variables kafka_aas::install passes (attributes/default.rb), as Chef renders it. */
    private static String render(String template) {
        String unit = Repo.read(TEMPLATES.resolve(template))
                .replace("<%= @helper['config_dir'] %>", "/etc/kafka-aas")
                .replace("<%= @service %>", "confluent-server")
                .replace("<%= @poll_seconds %>", "5");
        assertThat(unit).as(template + " uses a variable this test does not render").doesNotContain("<%");
        return unit;
    }

    /** Writes the base image and our units (enabled the way `systemctl enable` would) and verifies the boot. */
    private Tool verifyBoot(Map<String, String> ours) {
        Requirements.requireTool("systemd-analyze");
        Path units = tmp.resolve("units");
        BASE_IMAGE.forEach((name, text) -> Repo.write(units.resolve(name), text));
        ours.forEach((name, text) -> Repo.write(units.resolve(name), text));
        // [Install] WantedBy=: the links `systemctl enable` makes (systemd ignores anything but a symlink there).
        BASE_IMAGE.keySet().stream().filter(name -> name.startsWith("cloud-") && name.endsWith(".service"))
                .forEach(name -> enable(units, "cloud-init.target", name));
        enable(units, "multi-user.target", "cloud-init.target");
        ours.forEach((name, text) -> {
            assertThat(text).as(name).contains("WantedBy=multi-user.target");
            enable(units, "multi-user.target", name);
        });
        // Only these units (no trailing ':'), so the machine's own units play no part.
        return Tool.run(tmp, Map.of("SYSTEMD_UNIT_PATH", units.toString(), "SYSTEMD_LOG_COLOR", "0"),
                List.of("systemd-analyze", "verify", "--man=no", "multi-user.target"));
    }

    private static void enable(Path units, String target, String unit) {
        try {
            Path wants = Files.createDirectories(units.resolve(target + ".wants"));
            Files.createSymbolicLink(wants.resolve(unit), units.resolve(unit));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> ourUnits() {
        Map<String, String> units = new java.util.LinkedHashMap<>();
        OURS.forEach(unit -> units.put(unit + ".service", render(unit + ".service.erb")));
        return units;
    }

    @Test
    void theBootUnitStartsAtBootOnTheDebianImageAfterCloudInitWroteBootJson() {
        Map<String, String> units = ourUnits();

        Tool verify = verifyBoot(units);

        assertThat(verify.output()).as(verify.output()).doesNotContain("ordering cycle").doesNotContain("deleted to break");
        // boot.json comes from the user data's write_files, which cloud-init runs in its network stage.
        assertThat(units.get("kafka-aas-boot.service")).containsPattern("(?m)^After=.*\\bcloud-config\\.service\\b");
    }

    @Test
    void theCheckCatchesABootUnitOrderedAfterCloudFinal() {
        Map<String, String> units = ourUnits();
        units.put("kafka-aas-boot.service", units.get("kafka-aas-boot.service")
                .replaceFirst("(?m)^(After=.*)$", "$1 cloud-final.service"));

        Tool verify = verifyBoot(units);

        // Which start job systemd deletes to break the cycle varies from run to run: the boot unit's or cloud-final's.
        assertThat(verify.output()).contains("ordering cycle").containsPattern("Job (kafka-aas-boot|cloud-final)\\.service/start deleted to break");
    }
}
