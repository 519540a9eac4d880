package nl.termijnwacht.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import nl.termijnwacht.aws.Ladders;
import nl.termijnwacht.core.Escalatieladder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code termijnwacht ladder valideer|toon|diagram BESTAND}: check an escalation ladder file before it is
 * packaged, read it back in Dutch, and print the card a bestuurder signs.
 */
@Command(name = "ladder", mixinStandardHelpOptions = true,
        description = "Controleert en toont een escalatieladder (infra/ladders/<id>.yaml of <id>.<GMxxxx>.yaml).",
        subcommands = {LadderCommand.Valideer.class, LadderCommand.Toon.class, LadderCommand.Diagram.class})
final class LadderCommand {

    private static final List<String> STAGES = List.of("local", "test", "prod");

    /**
     * Reads and validates {@code bestand}; the file name gives the id and gemeente, as when the ladder is loaded.
     * Problems go to stderr one per line; null then means: exit code 2.
     */
    static Escalatieladder lees(String bestand, String stage, PrintWriter err) {
        Path pad = Path.of(bestand);
        String tekst;
        try {
            if (Files.isDirectory(pad)) {
                throw new FouteInvoer(bestand, "is een map, geen ladderbestand");
            }
            tekst = Files.readString(pad);
        } catch (NoSuchFileException e) {
            throw new FouteInvoer(bestand, "bestand bestaat niet");
        } catch (MalformedInputException e) {
            throw new FouteInvoer(bestand, "is geen UTF-8-tekst");
        } catch (IOException e) {
            throw new FouteInvoer(bestand, "niet te lezen (" + e.getClass().getSimpleName() + ")");
        }
        try {
            return Ladders.lees(pad.getFileName().toString(), tekst, stage);
        } catch (Ladders.OngeldigeLadder e) {
            e.fouten().forEach(err::println);
            err.flush();
            return null;
        }
    }

    @Command(name = "valideer", mixinStandardHelpOptions = true,
            description = "Controleert een ladderbestand: alle problemen, één per regel (exitcode 2), of 'geldig'.")
    static final class Valideer implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "BESTAND", description = "het ladderbestand")
        String bestand;

        @Option(names = "--stage", defaultValue = "prod", paramLabel = "STAGE",
                description = "local, test of prod (standaard ${DEFAULT-VALUE}): in prod moet de ladder zijn vastgesteld")
        String stage;

        @Override
        public Integer call() {
            if (!STAGES.contains(stage)) {
                throw new FouteInvoer("--stage", "onbekende stage '" + stage + "' (local, test of prod)");
            }
            Escalatieladder l = lees(bestand, stage, spec.commandLine().getErr());
            if (l == null) {
                return Termijnwacht.ONGELDIGE_INVOER;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(bestand + ": geldig (" + l.top() + (l.top() == 1 ? " niveau, " : " niveaus, ")
                    + (l.vastgesteld() == null ? "niet vastgesteld: alleen voor stage local/test" : Ladderkaart.vaststelling(l.vastgesteld())) + ")");
            out.flush();
            return 0;
        }
    }

    @Command(name = "toon", mixinStandardHelpOptions = true,
            description = "Toont de ladder als leesbare tekst. Een ontwerp zonder vaststelling mag (dat staat er dan bij).")
    static final class Toon implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "BESTAND", description = "het ladderbestand")
        String bestand;

        @Override
        public Integer call() {
            // a draft must be readable before it is approved: every rule but the approval applies
            Escalatieladder l = lees(bestand, "test", spec.commandLine().getErr());
            if (l == null) {
                return Termijnwacht.ONGELDIGE_INVOER;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(Ladderkaart.tekst(l));
            out.flush();
            return 0;
        }
    }

    @Command(name = "diagram", mixinStandardHelpOptions = true,
            description = "Drukt de ladder af als Mermaid-diagram; met --html schrijft het ook de ladderkaart (één A4) voor de vaststelling.")
    static final class Diagram implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "BESTAND", description = "het ladderbestand")
        String bestand;

        @Option(names = "--html", paramLabel = "UIT.html", description = "schrijf de ladderkaart (HTML, één A4-pagina) naar dit bestand")
        String html;

        @Option(names = "--richting", defaultValue = "omlaag", paramLabel = "RICHTING",
                description = "omlaag: niveau 1 bovenaan (standaard); omhoog: niveau 1 onderaan, de escalatie klimt")
        String richting;

        @Override
        public Integer call() {
            Ladderkaart.Richting r = switch (richting) {
                case "omlaag" -> Ladderkaart.Richting.OMLAAG;
                case "omhoog" -> Ladderkaart.Richting.OMHOOG;
                default -> throw new FouteInvoer("--richting", "onbekende richting '" + richting + "' (omlaag of omhoog)");
            };
            Escalatieladder l = lees(bestand, "test", spec.commandLine().getErr());
            if (l == null) {
                return Termijnwacht.ONGELDIGE_INVOER;
            }
            if (html != null) {
                Path uit = Path.of(html);
                if (uit.getParent() != null && !Files.isDirectory(uit.getParent())) {
                    throw new FouteInvoer("--html", "map " + uit.getParent() + " bestaat niet");
                }
                try {
                    Files.writeString(uit, Ladderkaart.html(l));
                } catch (IOException e) {
                    throw new FouteInvoer("--html", "niet te schrijven (" + e.getClass().getSimpleName() + ")");
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            out.print(Ladderkaart.mermaid(l, r));
            out.flush();
            if (html != null) {
                spec.commandLine().getErr().println("ladderkaart geschreven naar " + html);
                spec.commandLine().getErr().flush();
            }
            return 0;
        }
    }
}
