package nl.termijnwacht.emulator;

import java.nio.file.Path;

/** Starts the detached emulator from a JVM of its own and exits, as {@code ./termijnwacht emulator start} does. */
final class LosseStarter {

    private LosseStarter() {
    }

    public static void main(String[] args) {
        System.out.println(LosseEmulator.start(Path.of(args[0])).message());
    }
}
