package nl.termijnwacht.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code termijnwacht simuleer --van INSTANT --tot INSTANT --stap DURATION}. */
@Command(name = "simuleer", mixinStandardHelpOptions = true,
        description = "Voert de geplande functies uit op elke stap van --van tot en met --tot (een kwartaal in seconden); voortgang op stderr.")
final class SimuleerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--van", required = true, paramLabel = "INSTANT", description = "begin, bijv. 2026-04-01T00:00 (Nederlandse tijd)")
    String van;

    @Option(names = "--tot", required = true, paramLabel = "INSTANT", description = "einde (inclusief)")
    String tot;

    @Option(names = "--stap", defaultValue = "PT15M", paramLabel = "DURATION",
            description = "stap: PT15M (zoals de planning in AWS), PT1H, of P1D (kalenderdag in Europe/Amsterdam); standaard ${DEFAULT-VALUE}")
    String stap;

    @Override
    public Integer call() {
        Instant begin = Invoer.moment("--van", van);
        Instant einde = Invoer.moment("--tot", tot);
        Invoer.Stap s = Invoer.stap("--stap", stap);
        if (einde.isBefore(begin)) {
            throw new FouteInvoer("--tot", "ligt vóór --van");
        }
        PrintWriter err = spec.commandLine().getErr();
        Simulator.Verslag v = new Simulator(Lokaal.stack(err), err, false).draai(begin, einde, s, List.of(), new Simulator.Waarnemer() { });
        spec.commandLine().getOut().println(v.meldingen() + " meldingen verzonden in " + v.scannerRuns() + " scannerruns ("
                + v.stappen() + " stappen); lees ze met: termijnwacht meldingen");
        if (!v.mislukteRuns().isEmpty()) {
            err.println("simuleer: " + v.mislukteRuns().size() + " scannerruns mislukt (de volgende stappen liepen door): " + v.mislukteRuns());
            return 1;
        }
        return 0;
    }
}
