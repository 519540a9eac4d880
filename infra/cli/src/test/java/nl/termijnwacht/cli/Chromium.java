package nl.termijnwacht.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium for the page tests: whatever version Debian serves, installed (once per machine) and found by
 * infra/chromium.sh. A missing browser fails the test that needs it, never skips it.
 */
final class Chromium {

    private static String pad;
    private static String versie;

    private Chromium() {
    }

    /** The browser's path; the first call installs it if needed (a few minutes on a fresh machine). */
    static synchronized String pad() throws Exception {
        if (pad == null) {
            Process p = new ProcessBuilder("bash", "../../infra/chromium.sh").start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail("infra/chromium.sh: no answer within 10 minutes");
            }
            String uit = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            String fout = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0 || uit.isEmpty()) {
                fail("infra/chromium.sh failed (exit " + p.exitValue() + "): " + fout);
            }
            pad = uit.lines().reduce((a, b) -> b).orElseThrow();
        }
        return pad;
    }

    /** The browser's version line ({@code chromium --version}), for the test's log. */
    static synchronized String versie() throws Exception {
        if (versie == null) {
            String browser = pad();
            Process v = new ProcessBuilder(browser, "--version").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!v.waitFor(60, TimeUnit.SECONDS)) {
                v.destroyForcibly();
                fail(browser + " --version: no answer within 60 s");
            }
            versie = new String(v.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(r -> r.toLowerCase().contains("chromium")).findFirst().orElse(browser + " (version unknown)").strip();
        }
        return versie;
    }
}
