package nl.termijnwacht.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import nl.termijnwacht.emulator.Emulator;
import nl.termijnwacht.emulator.LosseEmulator;
import nl.termijnwacht.emulator.EmulatorStatus;
import nl.termijnwacht.local.LokaleStack;

/**
 * Which emulator the CLI talks to: {@code AWS_ENDPOINT_URL} when set (LocalStack, Floci, a test's
 * own), else the embedded moto_server, started on first use and kept running between commands.
 */
final class Lokaal {

    private Lokaal() {
    }

    /** {@code .termijnwacht/emulator} in the project (the launcher passes its root), else in the home directory. */
    static Path stateDir() {
        String home = System.getProperty("termijnwacht.home");
        return home == null ? LosseEmulator.defaultStateDir() : Path.of(home).resolve(".termijnwacht").resolve("emulator");
    }

    /** For tests in this JVM: the endpoint of {@code LokaleStack.voorTest()}, as {@code AWS_ENDPOINT_URL} would name it. */
    static final String TEST_ENDPOINT = "termijnwacht.endpoint";

    static URI endpoint(PrintWriter err) {
        String test = System.getProperty(TEST_ENDPOINT);
        if (test != null && !test.isBlank()) {
            return URI.create(test);
        }
        String extern = System.getenv(Emulator.ENV_ENDPOINT);
        if (extern != null && !extern.isBlank()) {
            return LosseEmulator.resolveEndpoint(stateDir()); // must answer; the message says what to do if not
        }
        EmulatorStatus status = LosseEmulator.start(stateDir());
        if (status.state() == EmulatorStatus.State.STARTED) {
            err.println("termijnwacht: " + status.message());
            err.flush();
        }
        return status.endpoint();
    }

    /** The provisioned stack (provisioning is idempotent, so every command can make sure it exists). */
    static LokaleStack stack(PrintWriter err) {
        return LokaleStack.op(endpoint(err));
    }
}
