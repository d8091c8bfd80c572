package dev.backprop.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job scripts start the JVM with the same flags as the tests (the pom property spark.jvm.flags). */
class JobScriptsTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();

    @Test
    void commonShellHelperHasThePomsJvmFlags() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        Matcher property = Pattern.compile("<spark\\.jvm\\.flags>(.*?)</spark\\.jvm\\.flags>", Pattern.DOTALL)
                .matcher(pom);
        assertTrue(property.find(), "pom.xml has no spark.jvm.flags property");
        List<String> pomFlags = Arrays.asList(property.group(1).trim().split("\\s+"));

        List<String> scriptFlags = new ArrayList<>();
        boolean inArray = false;
        for (String line : Files.readAllLines(ROOT.resolve("jobs/lib/common.sh"))) {
            String word = line.trim();
            if (word.equals("BACKPROP_JVM_FLAGS=(")) {
                inArray = true;
            } else if (inArray && word.equals(")")) {
                break;
            } else if (inArray && !word.isEmpty() && !word.startsWith("#")) {
                scriptFlags.add(word);
            }
        }
        assertEquals(pomFlags, scriptFlags, "jobs/lib/common.sh BACKPROP_JVM_FLAGS differs from pom.xml");
    }

    @Test
    void jobScriptsAreExecutableAndStrict() throws IOException {
        Path script = ROOT.resolve("jobs/seed-example.sh");
        assertTrue(Files.isExecutable(script), script + " is not executable");
        String text = Files.readString(script);
        assertTrue(text.startsWith("#!/usr/bin/env bash\n"), "shebang");
        assertTrue(text.contains("set -euo pipefail"), "strict mode");
        assertTrue(text.contains("dev.backprop.cli.SeedExample"), "main class");
    }
}
