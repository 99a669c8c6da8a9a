package io.kafkaaas.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares rendered text with a golden file under src/test/resources/golden/. A mismatch fails with a
 * line diff ("-" golden, "+" rendered, with line numbers) instead of two walls of text. Run with
 * -Dkafkaaas.updateGoldens=true to rewrite the goldens after an intended change, then review them in git.
 */
public final class GoldenFiles {
    private static final Path GOLDEN_ROOT = Path.of("src/test/resources/golden");

    private GoldenFiles() {
    }

    public static void assertMatches(String golden, String actual) {
        Path file = GOLDEN_ROOT.resolve(golden);
        try {
            if (Boolean.getBoolean("kafkaaas.updateGoldens")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(file)) {
                throw new AssertionError("golden file " + file + " does not exist; create it with"
                        + " -Dkafkaaas.updateGoldens=true and review it. Rendered:\n" + actual);
            }
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            if (!expected.equals(actual)) {
                throw new AssertionError("rendered text differs from golden " + file
                        + " (- golden, + rendered; -Dkafkaaas.updateGoldens=true rewrites it):\n" + diff(expected, actual));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A line diff from the longest common subsequence; the files are small. */
    static String diff(String expected, String actual) {
        List<String> a = expected.lines().toList();
        List<String> b = actual.lines().toList();
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                i++;
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.add(String.format("-%4d | %s", i + 1, visible(a.get(i))));
                i++;
            } else {
                out.add(String.format("+%4d | %s", j + 1, visible(b.get(j))));
                j++;
            }
        }
        if (out.isEmpty()) {
            out.add("(the lines are equal; the difference is in line endings or the final newline)");
        }
        return String.join("\n", out);
    }

    private static String visible(String line) {
        return line.replace("\t", "\\t");
    }
}
