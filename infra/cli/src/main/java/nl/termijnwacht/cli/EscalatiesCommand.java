package nl.termijnwacht.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import nl.termijnwacht.aws.EscalatieRepository;
import nl.termijnwacht.aws.Ladders;
import nl.termijnwacht.core.Escalatie;
import nl.termijnwacht.core.Escalatieladder;
import nl.termijnwacht.core.Kalender;
import nl.termijnwacht.local.LokaleStack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code termijnwacht escalaties [--json]}: the open escalation items, from the due index (never a Scan). */
@Command(name = "escalaties", mixinStandardHelpOptions = true,
        description = "Toont de open escalaties: ladder, niveau, sinds wanneer, en uiterste reactiedatum.")
final class EscalatiesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "één JSON-object per regel")
    boolean json;

    @Override
    public Integer call() {
        LokaleStack stack = Lokaal.stack(spec.commandLine().getErr());
        PrintWriter out = spec.commandLine().getOut();
        Ladders ladders = Ladders.uitJar(stack.omgeving().stage());
        Kalender kalender = stack.omgeving().kalender();
        List<Escalatie> open = EscalatieRepository.van(stack.clients()).inIndex().stream().map(EscalatieRepository.Opgeslagen::escalatie)
                .filter(Escalatie::open).sorted(Comparator.comparing((Escalatie e) -> e.stand().sinds()).thenComparing(Escalatie::id)).toList();
        ObjectMapper mapper = new ObjectMapper();
        if (!json) {
            out.println(open.isEmpty() ? "Geen open escalaties." : String.format("%-48s %-22s %-6s %-10s %-10s %s", "ESCALATIE", "LADDER", "NIVEAU", "SINDS",
                    "REAGEREN", "ROL"));
        }
        for (Escalatie e : open) {
            Escalatieladder ladder = ladders.ladder(e.ladder(), e.gemeente());
            Escalatie.Stand st = e.stand();
            int niveau = Math.min(st.niveau(), ladder.top());
            LocalDate uiterlijk = e.reactieUiterlijk(ladder, kalender);
            if (json) {
                ObjectNode r = mapper.createObjectNode().put("escalatie", e.id()).put("ladder", e.ladder()).put("niveau", niveau)
                        .put("rol", ladder.niveau(niveau).rol()).put("naam", ladder.niveau(niveau).naam()).put("gemeente", e.gemeente())
                        .put("zaak", e.zaak()).put("geopend", st.geopend().toString()).put("sinds", st.sinds().toString())
                        .put("opgepakt", st.opgepakt() == null ? null : st.opgepakt().toString()).put("reactieUiterlijk", uiterlijk.toString());
                // who answered last, and through which channel (docs/antwoorden.md): the beheerder's view of the answers
                e.geschiedenis().stream().filter(s -> s.door() != null).reduce((x, y) -> y).ifPresentOrElse(s -> r.putObject("laatsteAntwoord")
                        .put("gebeurtenis", s.gebeurtenis().name()).put("niveau", s.gebeurtenis() == Escalatie.Gebeurtenis.TERUGGELEGD ? s.niveau() + 1 : s.niveau())
                        .put("datum", s.datum().toString()).put("door", s.door()).put("verwerkt", s.verwerkt() == null ? null : s.verwerkt().toString()),
                        () -> r.putNull("laatsteAntwoord"));
                out.println(r);
            } else {
                out.println(String.format("%-48s %-22s %-6s %-10s %-10s %s%s", e.id(), e.ladder(), niveau + "/" + ladder.top(), st.sinds(), uiterlijk,
                        ladder.niveau(niveau).rol(), st.opgepakt() == null ? "" : " (opgepakt " + st.opgepakt() + ")"));
            }
        }
        out.flush();
        return 0;
    }
}
