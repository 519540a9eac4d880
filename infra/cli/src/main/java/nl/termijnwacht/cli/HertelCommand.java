package nl.termijnwacht.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import nl.termijnwacht.aws.Hertelling;
import nl.termijnwacht.core.Zaakdossier;
import nl.termijnwacht.core.OngeldigeInvoer;
import nl.termijnwacht.local.LokaleStack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code termijnwacht hertel [--gemeente GM…] [--json]}: counts the zaken (a Query per gemeente, never a Scan) and the
 * open escalation items again and compares them with the report's counters; exit code 1 when any differs.
 */
@Command(name = "hertel", mixinStandardHelpOptions = true,
        description = "Telt de zaken (per gemeente, met een Query) en de open escalaties opnieuw en vergelijkt ze met de tellers van de"
                + " stelselrapportage. Elk verschil wordt getoond; exitcode 1 als er een is.")
final class HertelCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--gemeente", paramLabel = "GM0363", description = "alleen deze gemeente(n); standaard elke gemeente met tellers")
    List<String> gemeenten = List.of();

    @Option(names = "--json", description = "één JSON-object per verschil, en een slotregel met het aantal")
    boolean json;

    @Option(names = "--aanvullen", description = "tel eerst de zaken van deze gemeenten mee die zijn opgeslagen vóór er tellers waren"
            + " (eenmalig na de upgrade; vraagt --gemeente; veilig te herhalen)")
    boolean aanvullen;

    @Override
    public Integer call() {
        for (String g : gemeenten) {
            try {
                Zaakdossier.toetsSleutel(g, "1");
            } catch (OngeldigeInvoer e) {
                throw new FouteInvoer("--gemeente", e.reden());
            }
        }
        if (aanvullen && gemeenten.isEmpty()) {
            throw new FouteInvoer("--aanvullen", "noem de gemeenten met --gemeente (de tellers kennen ze nog niet)");
        }
        LokaleStack stack = Lokaal.stack(spec.commandLine().getErr());
        ObjectMapper mapper = new ObjectMapper();
        Hertelling hertelling = Hertelling.van(stack.clients(), mapper);
        PrintWriter out = spec.commandLine().getOut();
        if (aanvullen) {
            for (String g : gemeenten) {
                int n = hertelling.vulAan(g, stack.omgeving().instellingen(), java.time.Instant.now());
                spec.commandLine().getErr().println("hertel: " + g + ": " + n + " zaken meegeteld die van vóór de tellers waren");
            }
        }
        List<Hertelling.Verschil> verschillen = hertelling.vergelijk(gemeenten);
        for (Hertelling.Verschil v : verschillen) {
            if (json) {
                out.println(mapper.createObjectNode().put("scope", v.scope()).put("teller", v.teller()).put("tellers", v.tellers())
                        .put("hertelling", v.hertelling()));
            } else {
                out.printf("%-10s %-40s tellers %6d  hertelling %6d%n", v.scope(), v.teller(), v.tellers(), v.hertelling());
            }
        }
        if (json) {
            out.println(mapper.createObjectNode().put("verschillen", verschillen.size()));
        } else {
            out.println(verschillen.isEmpty() ? "Hertelling: 0 verschillen; de tellers kloppen met de zaken en escalaties."
                    : "Hertelling: " + verschillen.size() + " verschillen.");
        }
        out.flush();
        return verschillen.isEmpty() ? 0 : 1;
    }
}
