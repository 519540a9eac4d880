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
}
