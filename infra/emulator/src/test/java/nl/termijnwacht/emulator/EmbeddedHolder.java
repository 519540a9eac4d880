package nl.termijnwacht.emulator;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Test helper run in a child JVM: starts an embedded emulator, prints its endpoint, then waits to be
 * killed. Used to prove that the moto_server does not outlive a JVM that dies without shutdown hooks.
 */
public final class EmbeddedHolder {

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove(Emulator.ENV_ENDPOINT);
        Emulator emulator = Emulator.forTests(env, Path.of(args[0]));
        System.out.println(emulator.endpoint());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    private EmbeddedHolder() {
    }
}
