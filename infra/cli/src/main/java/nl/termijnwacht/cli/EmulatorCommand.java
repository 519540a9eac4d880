package nl.termijnwacht.cli;

import java.util.concurrent.Callable;
import nl.termijnwacht.emulator.Emulator;
import nl.termijnwacht.emulator.LosseEmulator;
import nl.termijnwacht.emulator.EmulatorStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code termijnwacht emulator start|stop|status}: the embedded moto_server on a loopback port. */
@Command(name = "emulator", mixinStandardHelpOptions = true,
        description = "Start, stop of toon de ingebouwde AWS-emulator (moto_server op een loopback-poort).")
final class EmulatorCommand implements Callable<Integer> {

    enum Actie { start, stop, status }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "start|stop|status", description = "start, stop of status")
    Actie actie;

    @Override
    public Integer call() {
        EmulatorStatus s = switch (actie) {
            case start -> LosseEmulator.start(Lokaal.stateDir());
            case stop -> LosseEmulator.stop(Lokaal.stateDir());
            case status -> LosseEmulator.status(Lokaal.stateDir());
        };
        spec.commandLine().getOut().println(s.message());
        return actie == Actie.status && !s.running() ? 3 : 0;
    }
}
