package nl.termijnwacht.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import nl.termijnwacht.core.Isoweek;
import nl.termijnwacht.core.OngeldigeInvoer;
import nl.termijnwacht.functions.stelselrapportage.Rapportarchief;
import nl.termijnwacht.functions.stelselrapportage.Rapportpagina;
import nl.termijnwacht.functions.stelselrapportage.Stelselrapport;
import nl.termijnwacht.local.LokaleStack;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code termijnwacht rapport --nu INSTANT [--json | --html FILE]} runs the weekly report function at that instant (the
 * week before the Monday on or before it) and prints it; {@code --week W} reads a kept report back without running.
 */
@Command(name = "rapport", mixinStandardHelpOptions = true,
        description = "Maakt de stelselrapportage voor de regietafel (de week vóór de maandag op of vóór --nu) en toont de samenvatting,"
                + " het JSON-document (--json) of schrijft de pagina (--html FILE). Met --week leest hij een bewaard rapport terug.")
final class RapportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--nu", paramLabel = "INSTANT", description = "tijdstip van de run, bijv. 2026-04-27T08:00 (Nederlandse tijd); standaard nu")
    String nu;

    @Option(names = "--week", paramLabel = "WEEK", description = "lees het bewaarde rapport van deze ISO-week terug (bijv. 2026-W17) in plaats van een run")
    String week;

    @Option(names = "--gemeente", paramLabel = "GM0363", description = "het rapport van alleen deze gemeente(n), uit de tellers, zonder het te"
            + " bewaren of te versturen (herhaalbaar)")
    java.util.List<String> gemeenten = java.util.List.of();

    @ArgGroup(exclusive = true)
    Uitvoer uitvoer;

    static final class Uitvoer {
        @Option(names = "--json", description = "het JSON-document (schema termijnwacht.rapportage/1) op één regel")
        boolean json;

        @Option(names = "--html", paramLabel = "FILE", description = "schrijf de pagina (HTML met grafieken, zonder script, af te drukken op A4)")
        Path html;
    }

    @Override
    public Integer call() throws IOException {
        Instant moment = nu == null ? Instant.now() : Invoer.moment("--nu", nu);
        Isoweek gevraagd;
        try {
            gevraagd = week == null ? Isoweek.gerapporteerdOp(moment, Invoer.NEDERLAND) : Isoweek.lees(week);
        } catch (OngeldigeInvoer e) {
            throw new FouteInvoer("--week", e.reden());
        }
        if (week != null && nu != null) {
            throw new FouteInvoer("--week", "geef --week (teruglezen) of --nu (een run), niet beide");
        }
        for (String g : gemeenten) {
            try {
                nl.termijnwacht.core.Zaakdossier.toetsSleutel(g, "1");
            } catch (OngeldigeInvoer e) {
                throw new FouteInvoer("--gemeente", e.reden());
            }
        }
        if (!gemeenten.isEmpty() && week != null) {
            throw new FouteInvoer("--gemeente", "een bewaard rapport is dat van alle gemeenten; --gemeente maakt er een uit de tellers (met --nu)");
        }
        LokaleStack stack = Lokaal.stack(spec.commandLine().getErr());
        ObjectMapper json = new ObjectMapper();
        if (!gemeenten.isEmpty()) {
            // a view for one or a few gemeenten: made from their counters as the function would, never kept or sent
            java.util.Map<String, nl.termijnwacht.aws.Tellers.Stand> standen = new java.util.TreeMap<>(nl.termijnwacht.aws.Tellers.van(stack.clients()).lees());
            standen.keySet().retainAll(gemeenten);
            Stelselrapport r;
            try {
                r = Stelselrapport.maak(gevraagd, moment, standen, json);
            } catch (IllegalArgumentException voorDeTellers) {
                throw new FouteInvoer("--nu", voorDeTellers.getMessage());
            }
            schrijf(new Rapportarchief.Bewaard(gevraagd, 0, r.document(), r.samenvatting()), gevraagd);
            return 0;
        }
        Rapportarchief archief = new Rapportarchief(stack.clients().dynamoDb(), stack.omgeving().rapportagesTabel(), json);
        if (week == null) {
            try {
                new Functies(stack).invoke("stelselrapportage", "{}", moment);
            } catch (IllegalArgumentException voorDeTellers) {
                // a week whose trend reaches before the folded counters: only its kept report can answer
                if (archief.lees(gevraagd).isEmpty()) {
                    throw new FouteInvoer("--nu", voorDeTellers.getMessage() + "; er is ook geen bewaard rapport van " + gevraagd);
                }
                spec.commandLine().getErr().println("rapport: " + voorDeTellers.getMessage() + "; het bewaarde rapport volgt");
            }
        }
        schrijf(archief.lees(gevraagd).orElseThrow(() -> new FouteInvoer("--week", "er is geen rapport van week " + gevraagd + " bewaard")), gevraagd);
        return 0;
    }

    private void schrijf(Rapportarchief.Bewaard r, Isoweek gevraagd) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (uitvoer != null && uitvoer.json) {
            out.println(r.document());
        } else if (uitvoer != null && uitvoer.html != null) {
            Path doel = uitvoer.html.toAbsolutePath();
            if (doel.getParent() != null) {
                Files.createDirectories(doel.getParent());
            }
            Files.writeString(doel, Rapportpagina.html(r.document()), StandardCharsets.UTF_8);
            out.println("Pagina van week " + gevraagd + (r.versie() > 0 ? " (versie " + r.versie() + ")" : "") + " geschreven naar " + doel);
        } else {
            out.print(r.samenvatting());
        }
        out.flush();
    }
}
