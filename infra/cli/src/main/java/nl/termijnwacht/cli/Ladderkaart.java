package nl.termijnwacht.cli;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nl.termijnwacht.core.Escalatieladder;
import nl.termijnwacht.core.Escalatieladder.Niveau;
import nl.termijnwacht.core.Escalatieladder.Vaststelling;

/**
 * An escalation ladder as a reader sees it: plain text ({@code ladder toon}), a Mermaid flowchart
 * ({@code ladder diagram}) and the one-page A4 ladder card a bestuurder signs ({@code ladder diagram --html}).
 * Pure: no I/O, and the same ladder always gives the same text (so a printed card can be compared to a new one).
 */
final class Ladderkaart {

    static final String NIET_VASTGESTELD = "NIET VASTGESTELD — alleen voor stage local/test";

    private static final DateTimeFormatter DATUM = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.forLanguageTag("nl-NL"));
    /** Above this many levels the card uses a denser layout, so it still fits on one A4 page. */
    private static final int COMPACT_VANAF = 5;

    private Ladderkaart() {
    }

    /** Mermaid's direction: level 1 at the top (TD) or at the bottom, the escalation climbing (BT). */
    enum Richting {
        OMLAAG("TD"), OMHOOG("BT");

        final String mermaid;

        Richting(String mermaid) {
            this.mermaid = mermaid;
        }
    }

    // ---- shared wording: the text, the diagram and the card say the same thing ----

    static String werkdagen(int n) {
        return n + (n == 1 ? " werkdag" : " werkdagen");
    }

    static String termijnen(Niveau n) {
        return "reageren binnen " + werkdagen(n.reactieWerkdagen()) + ", oplossen binnen " + werkdagen(n.opvolgWerkdagen()) + " na oppakken";
    }

    static String geldtVoor(Escalatieladder l) {
        return l.gemeente() == null ? "alle gemeenten (standaardladder)" : "gemeente " + l.gemeente() + " (eigen variant)";
    }

    static String datum(LocalDate d) {
        return DATUM.format(d);
    }

    static String vaststelling(Vaststelling v) {
        return "vastgesteld door " + v.door() + " op " + datum(v.datum()) + ", kenmerk " + v.kenmerk();
    }

    /** Levels that also inform the regietafel, as "niveau 3 (naam)" (only the number for more than two), or empty. */
    static List<String> regietafelNiveaus(Escalatieladder l) {
        List<Niveau> regie = l.niveaus().stream().filter(Niveau::informeerRegietafel).toList();
        if (regie.size() > 2) {
            return List.of("niveau " + opsomming(regie.stream().map(n -> String.valueOf(n.niveau())).toList(), "of"));
        }
        return regie.stream().map(n -> "niveau " + n.niveau() + " (" + n.naam() + ")").toList();
    }

    /** The timing rule in plain Dutch, one sentence per point; the example assumes a week without holidays. */
    static List<String> uitleg(Escalatieladder l) {
        List<String> regels = new ArrayList<>();
        regels.add("Alle termijnen zijn werkdagen volgens de Algemene termijnenwet: zaterdagen, zondagen, algemeen erkende "
                + "feestdagen en daarmee gelijkgestelde dagen tellen niet mee.");
        regels.add("Een melding moet worden opgepakt binnen de reactietermijn van het niveau waar zij ligt, geteld vanaf de werkdag "
                + "ná de dag waarop zij dat niveau bereikte. Gebeurt dat niet, dan gaat zij om 07.00 uur (Nederlandse tijd) op de "
                + "eerstvolgende werkdag naar het volgende niveau.");
        regels.add("Is de melding opgepakt, dan moet zij binnen de oplostermijn, geteld vanaf de dag van oppakken, zijn opgelost; "
                + "anders gaat zij op dezelfde manier een niveau omhoog.");
        regels.add("Op het hoogste niveau (niveau " + l.top() + ") volgt, zolang de melding niet is opgelost, na telkens "
                + werkdagen(l.herinneringWerkdagen()) + " een herinnering, om 07.00 uur op de werkdag daarna.");
        regels.add("Een niveau kan de melding met een besluit één niveau terugleggen; daar begint dan een nieuwe reactietermijn.");
        List<String> regie = regietafelNiveaus(l);
        regels.add(regie.isEmpty() ? "Geen niveau informeert de regietafel."
                : "Bereikt een melding " + opsomming(regie, "of") + ", dan krijgt ook de regietafel bericht.");
        Niveau eerste = l.niveau(1);
        if (l.top() > 1) {
            regels.add("Voorbeeld: bereikt een melding niveau 1 op maandag, dan moet zij binnen " + werkdagen(eerste.reactieWerkdagen())
                    + " zijn opgepakt, dus uiterlijk op " + weekdag(eerste.reactieWerkdagen()) + "; anders ligt zij op "
                    + weekdag(eerste.reactieWerkdagen() + 1) + " om 07.00 uur bij niveau 2 (week zonder feestdagen).");
        }
        return regels;
    }

    /** "a", "a of b", "a, b of c". */
    static String opsomming(List<String> delen, String voegwoord) {
        return delen.size() == 1 ? delen.getFirst()
                : String.join(", ", delen.subList(0, delen.size() - 1)) + " " + voegwoord + " " + delen.getLast();
    }

    /** The working day {@code n} days after a Monday, in a week (or weeks) without holidays. */
    private static String weekdag(int n) {
        String[] dagen = {"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag"};
        int weken = n / 5;
        return dagen[n % 5] + (weken == 0 ? "" : weken == 1 ? " een week later" : " " + weken + " weken later");
    }

    // ---- plain text ----

    static String tekst(Escalatieladder l) {
        StringBuilder s = new StringBuilder();
        s.append("Escalatieladder ").append(l.id()).append(", versie ").append(l.versie()).append(": ").append(l.thema()).append('\n');
        s.append("Geldt voor: ").append(geldtVoor(l)).append('\n');
        s.append("Vaststelling: ").append(l.vastgesteld() == null ? NIET_VASTGESTELD : vaststelling(l.vastgesteld())).append('\n');
        s.append('\n');
        for (Niveau n : l.niveaus()) {
            s.append(String.format("Niveau %d  %s (rol %s)%n", n.niveau(), n.naam(), n.rol()));
            String inspring = " ".repeat(String.valueOf(n.niveau()).length() + 9);
            s.append(inspring).append(termijnen(n)).append('\n');
            if (n.informeerRegietafel()) {
                s.append(inspring).append("informeert ook de regietafel\n");
            }
            if (n.niveau() < l.top()) {
                s.append(inspring).append("geen reactie binnen ").append(werkdagen(n.reactieWerkdagen())).append(", of niet opgelost binnen ")
                        .append(werkdagen(n.opvolgWerkdagen())).append(" na oppakken: naar niveau ").append(n.niveau() + 1).append('\n');
            } else {
                s.append(inspring).append("hoogste niveau: elke ").append(werkdagen(l.herinneringWerkdagen()))
                        .append(" een herinnering tot de melding is opgelost\n");
            }
        }
        s.append("\nHoe de termijnen lopen:\n");
        for (String regel : uitleg(l)) {
            s.append("- ").append(regel).append('\n');
        }
        return s.toString().stripTrailing();
    }

    // ---- Mermaid ----

    static String mermaid(Escalatieladder l, Richting richting) {
        StringBuilder s = new StringBuilder();
        // A %% comment ends at the line end, and ladder texts hold no line breaks (Ladders refuses control characters);
        // escaped all the same, so no ladder text reaches a page that embeds this diagram as markup.
        s.append("%% Escalatieladder ").append(l.id()).append(" versie ").append(l.versie()).append(": ").append(mm(l.thema()))
                .append(l.gemeente() == null ? "" : " (variant " + l.gemeente() + ")").append('\n');
        s.append("%% ").append(l.vastgesteld() == null ? NIET_VASTGESTELD : mm(vaststelling(l.vastgesteld()))).append('\n');
        s.append("flowchart ").append(richting.mermaid).append('\n');
        for (Niveau n : l.niveaus()) {
            StringBuilder label = new StringBuilder();
            label.append("<b>").append(mm(n.niveau() + ". " + n.naam())).append("</b><br/>rol: ").append(mm(n.rol()))
                    .append("<br/>").append(mm(termijnen(n)));
            if (n.informeerRegietafel()) {
                label.append("<br/>informeert de regietafel");
            }
            if (n.niveau() == l.top()) {
                label.append("<br/>").append(mm("herinnering elke " + werkdagen(l.herinneringWerkdagen()) + " tot opgelost"));
            }
            s.append("    n").append(n.niveau()).append("[\"").append(label).append("\"]\n");
        }
        for (Niveau n : l.niveaus()) {
            if (n.niveau() < l.top()) {
                s.append("    n").append(n.niveau()).append(" -->|\"").append(mm("geen reactie binnen " + werkdagen(n.reactieWerkdagen())))
                        .append("\"| n").append(n.niveau() + 1).append('\n');
            }
        }
        List<Niveau> regie = l.niveaus().stream().filter(Niveau::informeerRegietafel).toList();
        if (!regie.isEmpty()) {
            s.append("    regietafel([\"Regietafel\"])\n");
            for (Niveau n : regie) {
                s.append("    n").append(n.niveau()).append(" -.->|informeert| regietafel\n");
            }
            s.append("    classDef regie stroke-width:3px\n");
            s.append("    class ").append(String.join(",", regie.stream().map(n -> "n" + n.niveau()).toList())).append(" regie\n");
        }
        return s.toString();
    }

    /** Text inside a quoted Mermaid label: Mermaid's entity codes ({@code #34;}) for what would end the label or be read as markup. */
    static String mm(String tekst) {
        StringBuilder s = new StringBuilder(tekst.length());
        tekst.codePoints().forEach(c -> {
            switch (c) {
                case '"', '#', '<', '>', '&', '`' -> s.append('#').append(c).append(';');
                default -> s.appendCodePoint(c);
            }
        });
        return s.toString();
    }

    // ---- the ladder card (HTML, one A4 page) ----

    static String html(Escalatieladder l) {
        boolean vastgesteld = l.vastgesteld() != null;
        StringBuilder s = new StringBuilder(8192);
        s.append("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Ladderkaart ").append(h(l.id())).append(" versie ").append(l.versie()).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n");
        s.append("<body class=\"").append(l.top() > COMPACT_VANAF ? "compact" : "").append(vastgesteld ? "" : " concept").append("\">\n");
        if (!vastgesteld) {
            s.append("<div class=\"watermerk\" aria-hidden=\"true\">NIET VASTGESTELD</div>\n");
        }
        // Header: what this ladder is on the left, its approval (or the lack of it) on the right, where a reader looks first.
        s.append("<header>\n<div class=\"titel\">\n<div class=\"kop\">Termijnwacht · ladderkaart</div>\n")
                .append("<h1>Escalatieladder: ").append(h(l.thema())).append("</h1>\n")
                .append("<table class=\"gegevens\">\n")
                .append(rij("Ladder", "<code>" + h(l.id()) + "</code>, versie " + l.versie()))
                .append(rij("Geldt voor", h(geldtVoor(l))))
                .append(rij("Bestand", "<code>" + h(l.bestand()) + "</code>"))
                .append("</table>\n</div>\n");
        if (vastgesteld) {
            Vaststelling v = l.vastgesteld();
            s.append("<div class=\"stempel\">\n<div class=\"stempelkop\">Vastgesteld</div>\n<table class=\"gegevens\">\n")
                    .append(rij("Door", h(v.door())))
                    .append(rij("Datum", h(datum(v.datum()))))
                    .append(rij("Kenmerk", h(v.kenmerk())))
                    .append("</table>\n</div>\n");
        } else {
            s.append("<div class=\"stempel niet\">\n<div class=\"stempelkop\">").append(h(NIET_VASTGESTELD)).append("</div>\n")
                    .append("<p>Ontwerp: deze ladder is niet vastgesteld en geldt niet in productie.</p>\n</div>\n");
        }
        s.append("</header>\n");

        s.append("<h2>De ladder</h2>\n<table class=\"ladder\">\n<thead><tr><th class=\"nr\">Niveau</th><th>Wie</th>"
                + "<th class=\"t\">Reageren binnen</th><th class=\"t\">Oplossen binnen<br>na oppakken</th><th class=\"r\">Informeert<br>regietafel</th></tr></thead>\n<tbody>\n");
        for (Niveau n : l.niveaus()) {
            boolean top = n.niveau() == l.top();
            s.append("<tr class=\"niveau").append(top ? " top" : "").append("\">")
                    .append("<td class=\"nr\"><span class=\"bol\">").append(n.niveau()).append("</span></td>")
                    .append("<td><div class=\"naam\">").append(h(n.naam())).append("</div><div class=\"rol\">rol <code>").append(h(n.rol()))
                    .append("</code>").append(top ? " · hoogste niveau" : "").append("</div></td>")
                    .append("<td class=\"t\">").append(h(werkdagen(n.reactieWerkdagen()))).append("</td>")
                    .append("<td class=\"t\">").append(h(werkdagen(n.opvolgWerkdagen()))).append("</td>")
                    .append("<td class=\"r\">").append(n.informeerRegietafel() ? "<strong>ja</strong>" : "nee").append("</td></tr>\n");
            if (!top) {
                s.append("<tr class=\"pijl\"><td class=\"nr\">▼</td><td colspan=\"4\">naar niveau ").append(n.niveau() + 1)
                        .append(" bij geen reactie binnen ").append(h(werkdagen(n.reactieWerkdagen())))
                        .append(", of niet opgelost binnen ").append(h(werkdagen(n.opvolgWerkdagen()))).append(" na oppakken</td></tr>\n");
            } else {
                s.append("<tr class=\"pijl herinnering\"><td class=\"nr\">↻</td><td colspan=\"4\">herinnering elke ")
                        .append(h(werkdagen(l.herinneringWerkdagen()))).append(", tot de melding is opgelost</td></tr>\n");
            }
        }
        s.append("</tbody>\n</table>\n");

        s.append("<h2>Hoe de termijnen lopen</h2>\n<ol class=\"uitleg\">\n");
        for (String regel : uitleg(l)) {
            s.append("<li>").append(h(regel)).append("</li>\n");
        }
        s.append("</ol>\n");

        s.append("<section class=\"ondertekening\">\n<h2>Ondertekening</h2>\n<p>")
                .append(vastgesteld ? "Aldus vastgesteld door " + h(l.vastgesteld().door()) + " op " + h(datum(l.vastgesteld().datum()))
                        + ", kenmerk " + h(l.vastgesteld().kenmerk()) + "."
                        : "Vastgesteld door ______________________________ op ________________, kenmerk ________________.")
                .append("</p>\n<div class=\"handtekeningen\">\n");
        // A college signs as secretaris and burgemeester; another body (an interbestuurlijk overleg) names its own signatories.
        boolean college = !vastgesteld || l.vastgesteld().door().toLowerCase(Locale.ROOT).contains("college");
        for (String wie : college ? List.of("de secretaris,", "de burgemeester,") : List.of("", "")) {
            s.append("<div class=\"handtekening\">").append(wie.isEmpty() ? "" : "<div class=\"wie\">" + h(wie) + "</div>")
                    .append("<div class=\"lijn hoog\">handtekening</div>")
                    .append("<div class=\"lijnen\"><div class=\"lijn\">").append(college ? "naam" : "naam en functie")
                    .append("</div><div class=\"lijn\">datum</div></div></div>\n");
        }
        s.append("</div>\n</section>\n");
        s.append("<footer>Termijnwacht · ").append(h(l.bestand())).append(" · versie ").append(l.versie())
                .append(" · een wijziging van deze ladder vraagt een nieuwe versie en een nieuwe vaststelling</footer>\n");
        s.append("</body>\n</html>\n");
        return s.toString();
    }

    private static String rij(String kop, String html) {
        return "<tr><th>" + h(kop) + "</th><td>" + html + "</td></tr>\n";
    }

    /** HTML-escapes text (element content and quoted attribute values alike). */
    static String h(String tekst) {
        StringBuilder s = new StringBuilder(tekst.length() + 16);
        for (int i = 0; i < tekst.length(); i++) {
            char c = tekst.charAt(i);
            switch (c) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }

    /** Sober print style: one A4 page; on screen the same page, so a 794×1123 screenshot shows what prints. */
    private static final String CSS = """
            @page { size: A4; margin: 13mm 15mm; }
            * { box-sizing: border-box; }
            html { background: #fff; }
            body { margin: 0; font-family: "Liberation Sans", Arial, Helvetica, "DejaVu Sans", sans-serif; font-size: 9pt;
                   line-height: 1.32; color: #1a1a1a; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            @media screen { body { width: 210mm; min-height: 297mm; padding: 13mm 15mm; margin: 0 auto; } }
            header { display: flex; gap: 6mm; align-items: flex-start; border-bottom: 2px solid #154273; padding-bottom: 3mm; }
            .titel { flex: 1; }
            .kop { font-size: 7.5pt; letter-spacing: .08em; text-transform: uppercase; color: #154273; font-weight: bold; }
            h1 { font-size: 15pt; margin: 1mm 0 2mm; color: #154273; line-height: 1.2; }
            h2 { font-size: 10.5pt; margin: 4mm 0 1.5mm; color: #154273; }
            code { font-family: "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: .9em; }
            table { border-collapse: collapse; }
            table.gegevens th { text-align: left; font-weight: normal; color: #555; padding: .2mm 3mm .2mm 0; vertical-align: top; white-space: nowrap; }
            table.gegevens td { padding: .2mm 0; vertical-align: top; }
            .stempel { width: 68mm; border: 1.5px solid #154273; border-radius: 1.5mm; padding: 2mm 3mm; background: #f2f6fa; font-size: 8.5pt; }
            .stempelkop { font-weight: bold; text-transform: uppercase; letter-spacing: .06em; color: #154273; margin-bottom: .8mm; }
            .stempel.niet { border: 2.5px solid #b00020; background: #fdecee; }
            .stempel.niet .stempelkop { color: #b00020; font-size: 10.5pt; letter-spacing: 0; text-transform: none; }
            .stempel p { margin: 0; }
            table.ladder { width: 100%; }
            table.ladder th { text-align: left; font-size: 8pt; color: #fff; background: #154273; padding: 1.4mm 2mm; vertical-align: bottom; }
            table.ladder td { padding: 1.8mm 2mm; vertical-align: middle; }
            table.ladder tr.niveau td { border-top: 1px solid #9fb3c8; border-bottom: 1px solid #9fb3c8; }
            table.ladder tr.niveau.top td { background: #f2f6fa; }
            table.ladder .nr { width: 14mm; text-align: center; }
            table.ladder .t { width: 27mm; white-space: nowrap; }
            table.ladder tr.niveau td.t { font-weight: bold; font-size: 10pt; }
            table.ladder .r { width: 22mm; }
            .bol { display: inline-block; width: 7.5mm; height: 7.5mm; line-height: 7.5mm; border-radius: 50%; background: #154273; color: #fff;
                   font-weight: bold; font-size: 10.5pt; text-align: center; }
            .naam { font-weight: bold; font-size: 10pt; }
            .rol { color: #555; font-size: 8pt; }
            tr.pijl td { padding: .6mm 2mm; font-size: 8pt; color: #444; font-style: italic; }
            tr.pijl td.nr { font-style: normal; color: #154273; font-size: 9pt; }
            tr.herinnering td { color: #154273; }
            ol.uitleg { margin: 0; padding-left: 5mm; font-size: 8.5pt; }
            ol.uitleg li { margin: 0 0 .8mm; }
            .ondertekening { page-break-inside: avoid; break-inside: avoid; }
            .ondertekening p { margin: 0 0 1mm; }
            .handtekeningen { display: flex; gap: 12mm; }
            .handtekening { flex: 1; }
            .wie { font-weight: bold; }
            .lijnen { display: flex; gap: 5mm; }
            .lijnen .lijn { flex: 1; }
            .lijn { border-bottom: 1px solid #333; padding-top: 5mm; font-size: 7pt; color: #666; line-height: 1.1; }
            .lijn.hoog { padding-top: 13mm; }
            footer { margin-top: 3.5mm; border-top: 1px solid #9fb3c8; padding-top: 1.2mm; font-size: 7pt; color: #666; }
            .watermerk { position: fixed; top: 45%; left: 0; right: 0; text-align: center; transform: rotate(-35deg);
                         font-size: 54pt; font-weight: bold; white-space: nowrap; color: rgba(176, 0, 32, .09); z-index: 10; pointer-events: none; }
            /* many levels: the arrows between the rows go (the explanation says the same), the rows get tighter */
            body.compact { font-size: 8.5pt; line-height: 1.22; }
            body.compact table.ladder td { padding: .9mm 2mm; }
            body.compact tr.pijl { display: none; }
            body.compact tr.pijl.herinnering { display: table-row; }
            body.compact .naam, body.compact table.ladder tr.niveau td.t { font-size: 9pt; }
            body.compact .bol { width: 6mm; height: 6mm; line-height: 6mm; font-size: 9pt; }
            body.compact ol.uitleg { font-size: 8pt; }
            body.compact h1 { font-size: 13pt; }
            body.compact .lijn.hoog { padding-top: 10mm; }
            body.compact h2 { margin-top: 2.5mm; }
            """;
}
