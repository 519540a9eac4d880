package nl.termijnwacht.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import nl.termijnwacht.local.LokaleStack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code termijnwacht serve [--poort N] [--nu INSTANT]}. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serveert elke functie met een Function URL (zoals sam local start-api) op http://127.0.0.1:POORT/<functie>/,",
                "tegen de emulator in gebruik; de links in lokaal gemaakte meldingen wijzen hierheen. Stoppen: Ctrl-C."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--poort", paramLabel = "N", description = "poort; standaard TERMIJNWACHT_POORT of " + LokaleStack.STANDAARD_POORT
            + " (de poort waar lokale links naar wijzen)")
    Integer poort;

    @Option(names = "--nu", paramLabel = "INSTANT", description = {"gesimuleerd tijdstip waarop de pagina's beginnen (de klok loopt daarna mee),",
            "bijv. het einde van een simuleer-run: links uit een simulatie gelden in de gesimuleerde tijd; standaard de echte tijd"})
    String nu;

    @Override
    public Integer call() throws IOException, InterruptedException {
        int p = poort == null ? LokaleStack.poort() : poort;
        if (p < 1 || p > 65535) {
            throw new FouteInvoer("--poort", "moet 1 … 65535 zijn, niet " + p);
        }
        Instant start = nu == null ? null : Invoer.moment("--nu", nu);
        PrintWriter err = spec.commandLine().getErr();
        Functies functies = new Functies(Lokaal.stack(err));
        Instant echtBegin = Instant.now();
        Clock echt = Clock.systemUTC();
        Urlserver server;
        try {
            server = new Urlserver(functies, p, () -> start == null ? echt.instant() : start.plus(Duration.between(echtBegin, echt.instant())));
        } catch (BindException e) {
            throw new FouteInvoer("--poort", "poort " + p + " is al in gebruik; kies een andere met --poort (en zet TERMIJNWACHT_POORT gelijk, zodat nieuwe links daarheen wijzen)");
        }
        PrintWriter out = spec.commandLine().getOut();
        for (var f : Urlserver.functies()) {
            out.println(f.naam() + ": http://127.0.0.1:" + server.poort() + "/" + f.naam() + "/");
        }
        out.println("klok: " + (start == null ? "echte tijd" : "gesimuleerd, vanaf " + start) + "; stoppen met Ctrl-C");
        out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stop.countDown();
        }));
        stop.await();
        return 0;
    }
}
