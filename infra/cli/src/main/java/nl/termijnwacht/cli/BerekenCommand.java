package nl.termijnwacht.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import nl.termijnwacht.core.Aanvraag;
import nl.termijnwacht.core.Aanvulling;
import nl.termijnwacht.core.Beslistermijn;
import nl.termijnwacht.core.Datums;
import nl.termijnwacht.core.Dwangsom;
import nl.termijnwacht.core.Grenzen;
import nl.termijnwacht.core.Instemming;
import nl.termijnwacht.core.Kalender;
import nl.termijnwacht.core.Mijlpaal;
import nl.termijnwacht.core.Mijlpalen;
import nl.termijnwacht.core.OngeldigeInvoer;
import nl.termijnwacht.core.Onzekerheid;
import nl.termijnwacht.core.Procedure;
import nl.termijnwacht.core.Termijnberekening;
import nl.termijnwacht.core.Verlenging;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code termijnwacht bereken}: the uiterste beslisdatum of one application, with its derivation.
 *
 * <p>The one command declared through picocli's programmatic API rather than annotations: reading annotations costs
 * picocli a dynamic proxy per annotation type plus reflection, 0.08 s of a 0.28 s start, and {@code bereken} is the
 * command people run by hand, again and again (docs/metingen.md, "The CLI").
 */
final class BerekenCommand implements Callable<Integer> {

    static final ZoneId NEDERLAND = ZoneId.of("Europe/Amsterdam");
    /** Operator's additions to the royal-decree days (Atw art. 3 lid 2): comma-separated dates. */
    static final String ENV_GELIJKGESTELDE_DAGEN = "TERMIJNWACHT_GELIJKGESTELDE_DAGEN";

    private CommandSpec spec;
    private String procedure;
    private String ontvangen;
    private List<String> aanvullingen;
    private List<String> aanvullingenZonderTermijn;
    private List<String> instemmingDagen;
    private List<String> verlengingen;
    private String verlengingBekendgemaakt;
    private String ingebrekestelling;
    private String besluit;
    private String ingetrokken;
    private String peildatum;
    private boolean json;

    private BerekenCommand() {
    }

    /** The command with its options, in the order help lists them. */
    static CommandSpec spec() {
        BerekenCommand commando = new BerekenCommand();
        CommandSpec s = CommandSpec.wrapWithoutInspection(commando).name("bereken").version(Termijnwacht.VERSIE);
        s.usageMessage().sortOptions(false).description("Berekent de uiterste beslisdatum van een aanvraag omgevingsvergunning, met afleiding.");
        s.addOption(optie("--procedure", "PROCEDURE", "regulier, regulier-instemming of uitgebreid").required(true).build());
        s.addOption(optie("--ontvangen", "DATUM", "dag van ontvangst van de aanvraag").required(true).build());
        s.addOption(herhaalbaar("--aanvulling", "V/A", "verzoek om aanvulling verzonden op V, aangevuld (of aanvultermijn verstreken) op A; "
                + "'V/' voor een lopende opschorting. Herhaalbaar."));
        s.addOption(herhaalbaar("--aanvulling-zonder-termijn", "V[/A]", "verzoek om aanvulling zonder aanvultermijn (schort niet op). Herhaalbaar."));
        s.addOption(herhaalbaar("--instemming-dagen", "N", "dagen opschorting met instemming van de aanvrager (Awb 4:15 lid 2a), 1–366; "
                + "N@DATUM met de dag van de instemming (na afloop van de termijn telt die niet). Herhaalbaar."));
        s.addOption(herhaalbaar("--verlenging", "DUUR", "verlenging als ISO-duur, bijv. P6W"));
        s.addOption(optie("--verlenging-bekendgemaakt", "DATUM", "dag waarop de verlenging is bekendgemaakt").build());
        s.addOption(optie("--ingebrekestelling", "DATUM", "dag van ontvangst van de ingebrekestelling").build());
        s.addOption(optie("--besluit", "DATUM", "dag van bekendmaking van het besluit").build());
        s.addOption(optie("--ingetrokken", "DATUM", "dag waarop de aanvraag is ingetrokken").build());
        s.addOption(optie("--peildatum", "DATUM", "peildag voor lopende opschorting en verschuldigde dwangsom (standaard: vandaag, "
                + "of de laatste gegeven datum als die later is); niet vóór een gegeven feit").build());
        s.addOption(OptionSpec.builder("--json").type(boolean.class).description("uitvoer als één JSON-object").build());
        Termijnwacht.standaardHulpopties(s);
        commando.spec = s;
        return s;
    }

    private static OptionSpec.Builder optie(String naam, String label, String beschrijving) {
        return OptionSpec.builder(naam).type(String.class).paramLabel(label).description(beschrijving);
    }

    private static OptionSpec herhaalbaar(String naam, String label, String beschrijving) {
        return optie(naam, label, beschrijving).type(List.class).auxiliaryTypes(String.class).build();
    }

    /** Takes the parsed values over (picocli has checked required options, repeats and unknown ones). */
    private void lees(ParseResult r) {
        procedure = r.matchedOptionValue("--procedure", null);
        ontvangen = r.matchedOptionValue("--ontvangen", null);
        aanvullingen = r.matchedOptionValue("--aanvulling", List.of());
        aanvullingenZonderTermijn = r.matchedOptionValue("--aanvulling-zonder-termijn", List.of());
        instemmingDagen = r.matchedOptionValue("--instemming-dagen", List.of());
        verlengingen = r.matchedOptionValue("--verlenging", List.of());
        verlengingBekendgemaakt = r.matchedOptionValue("--verlenging-bekendgemaakt", null);
        ingebrekestelling = r.matchedOptionValue("--ingebrekestelling", null);
        besluit = r.matchedOptionValue("--besluit", null);
        ingetrokken = r.matchedOptionValue("--ingetrokken", null);
        peildatum = r.matchedOptionValue("--peildatum", null);
        json = r.matchedOptionValue("--json", false);
    }

    @Override
    public Integer call() throws Exception {
        lees(spec.commandLine().getParseResult());
        Aanvraag aanvraag = aanvraag();
        // Without --peildatum: today, or the latest date given when that lies ahead (a besluit next year is counted then).
        LocalDate vandaag = LocalDate.now(NEDERLAND);
        LocalDate laatste = aanvraag.laatsteFeit().datum();
        LocalDate peil = peildatum != null ? Invoer.datum("--peildatum", peildatum) : laatste.isAfter(vandaag) ? laatste : vandaag;
        Beslistermijn termijn;
        try {
            termijn = new Termijnberekening(kalender()).bereken(aanvraag, peil);
        } catch (OngeldigeInvoer e) {
            throw new FouteInvoer(optieVoor(e.veld()), e.reden());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? new ObjectMapper().writeValueAsString(alsJson(termijn)) : alsTekst(termijn));
        out.flush();
        return 0;
    }

    private Aanvraag aanvraag() {
        Procedure p;
        try {
            p = Procedure.vanCode(procedure);
        } catch (OngeldigeInvoer e) {
            throw new FouteInvoer("--procedure", e.reden());
        }
        Aanvraag a = Aanvraag.van(p, Invoer.datum("--ontvangen", ontvangen));
        for (String waarde : aanvullingen) {
            String[] delen = splits("--aanvulling", waarde);
            LocalDate v = Invoer.datum("--aanvulling", delen[0]);
            a = a.metAanvulling(delen.length == 1 ? Aanvulling.gevraagd(v, null) : Aanvulling.afgerond(v, Invoer.datum("--aanvulling", delen[1])));
        }
        for (String waarde : aanvullingenZonderTermijn) {
            String[] delen = splits("--aanvulling-zonder-termijn", waarde);
            a = a.metAanvulling(Aanvulling.zonderTermijn(Invoer.datum("--aanvulling-zonder-termijn", delen[0]),
                    delen.length == 1 ? null : Invoer.datum("--aanvulling-zonder-termijn", delen[1])));
        }
        for (String waarde : instemmingDagen) {
            // N, or N@DATUM: the day of the consent, so a consent after the term ended can be recognised (Awb 4:15)
            String[] delen = waarde.strip().split("@", 2);
            long dagen;
            try {
                dagen = Long.parseLong(delen[0].strip());
            } catch (NumberFormatException e) {
                throw new FouteInvoer("--instemming-dagen", OngeldigeInvoer.citaat(waarde) + " is geen geheel aantal dagen (N of N@JJJJ-MM-DD)");
            }
            try {
                Grenzen.instemmingDagen("instemming-dagen", dagen);
            } catch (OngeldigeInvoer e) {
                throw new FouteInvoer("--instemming-dagen", e.reden());
            }
            a = a.metInstemming(new Instemming(delen.length == 2 ? Invoer.datum("--instemming-dagen", delen[1]) : null, (int) dagen));
        }
        if (!verlengingen.isEmpty() && verlengingBekendgemaakt == null) {
            throw new FouteInvoer("--verlenging-bekendgemaakt", "verplicht bij --verlenging: wanneer is de verlenging bekendgemaakt?");
        }
        if (verlengingen.isEmpty() && verlengingBekendgemaakt != null) {
            throw new FouteInvoer("--verlenging-bekendgemaakt", "alleen zinvol met --verlenging DUUR");
        }
        for (String duur : verlengingen) {
            try {
                a = a.metVerlenging(Verlenging.van(duur.strip(), Invoer.datum("--verlenging-bekendgemaakt", verlengingBekendgemaakt)));
            } catch (OngeldigeInvoer e) {
                throw new FouteInvoer("--verlenging", e.reden());
            }
        }
        if (ingebrekestelling != null) {
            a = a.metIngebrekestelling(Invoer.datum("--ingebrekestelling", ingebrekestelling));
        }
        if (besluit != null) {
            a = a.metBesluit(Invoer.datum("--besluit", besluit));
        }
        if (ingetrokken != null) {
            a = a.metIngetrokken(Invoer.datum("--ingetrokken", ingetrokken));
        }
        return a;
    }

    /** "V/A" → [V, A]; "V/" or "V" → [V]. */
    private static String[] splits(String optie, String waarde) {
        String[] delen = waarde.strip().split("/", -1);
        if (delen.length > 2 || delen[0].isBlank()) {
            throw new FouteInvoer(optie, OngeldigeInvoer.citaat(waarde) + " moet de vorm V/A hebben (twee datums JJJJ-MM-DD gescheiden door /)");
        }
        return delen.length == 2 && delen[1].isBlank() ? new String[] {delen[0]} : delen;
    }

    static Kalender kalender() {
        String extra = System.getenv(ENV_GELIJKGESTELDE_DAGEN);
        if (extra == null || extra.isBlank()) {
            return Kalender.standaard();
        }
        try {
            return Kalender.metExtraGelijkgesteldeDagen(Kalender.leesGelijkgesteldeDagen(List.of(extra.split(",")), ENV_GELIJKGESTELDE_DAGEN));
        } catch (IllegalArgumentException e) {
            throw new FouteInvoer(ENV_GELIJKGESTELDE_DAGEN, e.getMessage());
        }
    }

    private static String optieVoor(String veld) {
        return switch (veld) {
            case "instemming-dagen", "verlenging", "verlenging-bekendgemaakt", "ingebrekestelling", "besluit", "ontvangen",
                 "procedure", "aanvulling", "peildatum", "ingetrokken" -> "--" + veld;
            case "aanvullenVoor" -> "--aanvulling";
            case "duur" -> "--verlenging";
            case "instemming", "dagen" -> "--instemming-dagen";
            default -> veld;
        };
    }

    static ObjectNode alsJson(Beslistermijn t) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode o = mapper.createObjectNode();
        o.put("procedure", t.aanvraag().procedure().code());
        o.put("ontvangen", t.aanvraag().ontvangen().toString());
        o.put("peildatum", t.peildatum().toString());
        o.put("uitersteBeslisdatum", t.uitersteBeslisdatum().toString());
        o.put("ruweEinddatum", t.ruweEinde().toString());
        o.put("opgeschorteDagen", t.opgeschorteDagen());
        o.put("verlengdMetDagen", t.verlenging() == null ? 0 : t.verlenging().dagen());
        o.put("atwVanToepassing", t.atwVanToepassing());
        datum(o, "verlengingMogelijkTot", t.verlengingMogelijkTot());
        o.put("status", t.status().name());
        o.put("werkdagenResterend", t.werkdagenResterend(t.peildatum()));
        if (t.tijdigBesloten() == null) {
            o.putNull("tijdigBesloten");
        } else {
            o.put("tijdigBesloten", t.tijdigBesloten());
        }
        Dwangsom d = t.dwangsom();
        if (d == null) {
            o.putNull("dwangsom");
        } else {
            ObjectNode dn = o.putObject("dwangsom");
            dn.put("ingebrekestelling", d.ingebrekestelling().toString());
            dn.put("eersteDag", d.eersteDag().toString());
            dn.put("laatsteDag", d.laatsteDag().toString());
            dn.put("dagen", d.dagen());
            dn.put("bedrag", d.bedrag());
            dn.put("vaststellenUiterlijk", d.vaststellenUiterlijk().toString());
        }
        ArrayNode onzekerheden = o.putArray("onzekerheden");
        for (Onzekerheid on : t.onzekerheden()) {
            ObjectNode n = onzekerheden.addObject();
            n.put("code", on.code());
            datum(n, "alternatieveDatum", on.alternatieveDatum());
            n.put("toelichting", on.toelichting());
        }
        ArrayNode mijlpalen = o.putArray("mijlpalen");
        for (Mijlpaal m : Mijlpalen.voor(t, Mijlpalen.STANDAARD_WAARSCHUWINGEN)) {
            mijlpalen.addObject().put("mijlpaal", m.code()).put("datum", m.datum().toString());
        }
        ArrayNode stappen = o.putArray("stappen");
        t.stappen().forEach(stappen::add);
        return o;
    }

    private static void datum(ObjectNode o, String veld, LocalDate datum) {
        if (datum == null) {
            o.putNull(veld);
        } else {
            o.put(veld, datum.toString());
        }
    }

    static String alsTekst(Beslistermijn t) {
        StringBuilder s = new StringBuilder();
        s.append("Uiterste beslisdatum: ").append(Datums.lang(t.uitersteBeslisdatum())).append(" (").append(t.uitersteBeslisdatum()).append(")\n");
        s.append("Status op ").append(t.peildatum()).append(": ").append(t.status().name().toLowerCase()).append('\n');
        s.append("Opgeschorte dagen: ").append(t.opgeschorteDagen()).append('\n');
        s.append("Verlenging mogelijk tot en met: ")
                .append(t.verlengingMogelijkTot() == null ? "niet (meer) mogelijk" : t.verlengingMogelijkTot().toString()).append('\n');
        Dwangsom d = t.dwangsom();
        s.append("Dwangsom: ").append(d == null ? "geen"
                : "van " + d.eersteDag() + " tot ten hoogste " + d.laatsteDag() + "; verschuldigd tot de peildatum: " + d.dagen() + " dagen = € " + d.bedrag())
                .append('\n');
        if (!t.onzekerheden().isEmpty()) {
            s.append("Onzekerheden (Termijnwacht houdt de vroegste datum aan):\n");
            for (Onzekerheid o : t.onzekerheden()) {
                s.append("  ").append(o.code()).append(": ").append(o.alternatieveDatum() == null ? "-" : o.alternatieveDatum())
                        .append(" — ").append(o.toelichting()).append('\n');
            }
        }
        s.append("Afleiding:\n");
        List<String> stappen = t.stappen();
        for (int i = 0; i < stappen.size(); i++) {
            s.append(String.format("  %2d. %s%n", i + 1, stappen.get(i)));
        }
        return s.toString().stripTrailing();
    }
}
