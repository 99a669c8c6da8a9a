package io.kafkaaas.tooling;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** shellcheck on every script of the repository, and the strict mode of the ones we ship. */
class ShellScriptsCheckTest {
    @TempDir
    Path tmp;

    @Test
    void everyScriptPassesShellcheck() {
        List<Path> scripts = Repo.shellScripts();
        assertThat(scripts).extracting(p -> Repo.root().relativize(p).toString())
                .contains("mvnw", ".ci/run", "packer/scripts/99-validate.sh", "cookbooks/kafka_aas/files/kafka-aas-boot.sh",
                        "bench/startup-appcds.sh");

        Tool shellcheck = Tool.run(Repo.root(), Tool.command("shellcheck", scripts));

        assertThat(shellcheck.ok()).as("shellcheck found problems:%n%s", shellcheck.output()).isTrue();
    }

    @Test
    void shellcheckFailsOnAnUnquotedVariable() {
        Path script = tmp.resolve("broken.sh");
        Repo.write(script, "#!/usr/bin/env bash\nset -euo pipefail\ncache_dir=$1\nrm -rf $cache_dir/cache\n");

        Tool shellcheck = Tool.run(tmp, "shellcheck", script.toString());

        assertThat(shellcheck.ok()).isFalse();
        assertThat(shellcheck.output()).contains("SC2086");
    }

    @Test
    void aShebangScriptWithoutExtensionIsFound() {
        Path script = tmp.resolve("tool");
        Repo.write(script, "#!/bin/sh\necho hi\n");
        Repo.write(tmp.resolve("notes.txt"), "#!/not/a/shell\n");

        assertThat(Repo.isShellScript(script)).isTrue();
        assertThat(Repo.isShellScript(tmp.resolve("notes.txt"))).isFalse();
    }

    @Test
    void theScriptsWeShipRunInStrictMode() {
        List<Path> shipped = Repo.shellScripts().stream()
                .filter(p -> p.startsWith(Repo.path("packer")) || p.startsWith(Repo.path("cookbooks")) || p.startsWith(Repo.path("bench")))
                .toList();

        assertThat(shipped).hasSizeGreaterThanOrEqualTo(10);
        assertThat(shipped).allSatisfy(p -> assertThat(Repo.read(p)).as(p.toString()).containsPattern("(?m)^set -euo pipefail$"));
    }
}
