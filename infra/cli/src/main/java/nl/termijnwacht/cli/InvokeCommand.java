package nl.termijnwacht.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code termijnwacht invoke FUNCTION [--event FILE] [--nu INSTANT]}. */
@Command(name = "invoke", mixinStandardHelpOptions = true,
        description = "Voert één functie uit in dit proces met een eventbestand (zoals sam local invoke -e), op een gesimuleerd tijdstip.")
final class InvokeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FUNCTION", description = "een functie uit template.yaml: zaak-events, termijn-scanner, escalatie-events, escalatie-antwoord (een Function URL-verzoek, zie events/escalatie-antwoord/) of escalatie-scanner")
    String functie;

    @Option(names = "--event", paramLabel = "FILE", description = "eventbestand (JSON), bijv. events/zaak-events/AanvraagOntvangen.json")
    Path event;

    @Option(names = "--nu", paramLabel = "INSTANT", description = "gesimuleerd tijdstip, bijv. 2026-04-13T07:00 (Nederlandse tijd) of 2026-04-13T05:00:00Z; standaard nu")
    String nu;

    @Override
    public Integer call() throws IOException {
        Functies.controleer(functie); // before an emulator is started for nothing
        if (event == null && !Functies.CATALOGUS.functie(functie).orElseThrow().bronnen().isEmpty()) {
            throw new FouteInvoer("--event", functie + " heeft een eventbestand nodig (zie events/" + functie + "/)");
        }
        String inhoud;
        try {
            inhoud = event == null ? "{}" : Files.readString(event);
        } catch (NoSuchFileException e) {
            throw new FouteInvoer("--event", "bestand '" + event + "' bestaat niet");
        }
        Instant moment = nu == null ? Instant.now() : Invoer.moment("--nu", nu);
        Functies functies = new Functies(Lokaal.stack(spec.commandLine().getErr()));
        spec.commandLine().getOut().println(functies.invoke(functie, inhoud, moment));
        return 0;
    }
}
