package nl.termijnwacht.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A notice to one level of a ladder about one escalation item (topic {@code escalaties}; with
 * {@code regietafel} the copy for the regietafel). Dutch text a bestuurder reads in ten seconds: what, since
 * when, what was tried below, what is expected by when. Only references, codes, dates and categories.
 *
 * @param reactieUiterlijk the last day the level at turn can answer (null once solved)
 * @param volgende         what happens automatically next if nobody acts (null once solved)
 */
public record Escalatiemelding(Soort soort, String idempotencyKey, boolean regietafel, Escalatie escalatie, Escalatieladder ladder,
                               Escalatieladder.Niveau niveau, LocalDate reactieUiterlijk, Escalatie.Volgende volgende, Instant aangemaakt) {

    public static final String SCHEMA = "termijnwacht.escalatie/1";
    private static final DateTimeFormatter KORT = DateTimeFormatter.ofPattern("EEE d MMM", Locale.forLanguageTag("nl-NL"));

    public enum Soort { ESCALATIE, HERINNERING, OPGELOST, TERUGGELEGD }

    /** Short ASCII subject for e-mail subscribers (SNS allows fewer than 100 ASCII characters). */
    public String onderwerp() {
        String wat = switch (soort) {
            case ESCALATIE -> "escalatie niveau " + niveau.niveau();
            case HERINNERING -> "herinnering niveau " + niveau.niveau();
            case OPGELOST -> "opgelost";
            case TERUGGELEGD -> "teruggelegd naar niveau " + niveau.niveau();
        };
        String s = "Termijnwacht " + (escalatie.gemeente() == null ? "" : escalatie.gemeente() + " ") + ladder.id() + ": " + wat
                + (escalatie.zaak() == null ? "" : ", zaak " + escalatie.zaak());
        s = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("[^\\x20-\\x7E]", "");
        return s.length() > 99 ? s.substring(0, 99) : s;
    }

    /** The history as a bestuurder reads it, one line per step, oldest first. */
    public List<String> geschiedenis() {
        return geschiedenis(escalatie, ladder, false);
    }

    /**
     * The history of {@code e}, one line per step, oldest first.
     *
     * @param volledig the whole cleaned text of each reply (the signed answer page), not the notice's short form
     */
    public static List<String> geschiedenis(Escalatie e, Escalatieladder ladder, boolean volledig) {
        List<String> regels = new ArrayList<>();
        for (Escalatie.Stap s : e.geschiedenis()) {
            regels.add(regel(s, ladder, volledig));
        }
        return regels;
    }

    /**
     * A reply's free text as a notice shows it: at most {@value #KORT_TEKST} characters. The notice travels to mailboxes and
     * the regietafel; the whole (cleaned) text is shown only on the signed answer page.
     */
    static final int KORT_TEKST = 160;

    public static String kort(String toelichting) {
        if (toelichting == null || toelichting.length() <= KORT_TEKST) {
            return toelichting;
        }
        int knip = toelichting.lastIndexOf(' ', KORT_TEKST - 2);
        return toelichting.substring(0, knip > KORT_TEKST / 2 ? knip : KORT_TEKST - 2).strip() + " …";
    }

    private static String regel(Escalatie.Stap s, Escalatieladder ladder, boolean volledig) {
        String dag = KORT.format(s.datum());
        String toelichting = s.toelichting() == null ? "" : volledig ? s.toelichting() : kort(s.toelichting());
        return switch (s.gebeurtenis()) {
            case GEOPEND -> dag + ": geopend bij niveau 1 (" + naam(ladder, 1) + ")" + (toelichting.isEmpty() ? "" : ": " + toelichting);
            case OMHOOG -> dag + ": naar niveau " + s.niveau() + " (" + naam(ladder, s.niveau()) + "), niveau " + (s.niveau() - 1) + " " + toelichting;
            case HERINNERING -> dag + ": herinnering " + s.herinneringen() + " aan niveau " + s.niveau() + (toelichting.isEmpty() ? "" : ": " + toelichting);
            case OPGEPAKT -> dag + ": opgepakt door niveau " + s.niveau() + " (" + naam(ladder, s.niveau()) + ")" + via(s) + (toelichting.isEmpty() ? "" : ": " + toelichting);
            case TERUGGELEGD -> dag + ": teruggelegd door niveau " + (s.niveau() + 1) + " naar niveau " + s.niveau() + via(s) + " met besluit: " + toelichting;
            case OPGELOST -> dag + ": opgelost" + (s.niveau() > 0 ? " door niveau " + s.niveau() + " (" + naam(ladder, s.niveau()) + ")" : "") + via(s)
                    + (toelichting.isEmpty() ? "" : ": " + toelichting);
        };
    }

    /** How a reply came in, as a reader wants to know it: through the level's own link, or from a bound integration. */
    private static String via(Escalatie.Stap s) {
        if (s.door() == null) {
            return "";
        }
        return s.door().startsWith("link:") ? " via de antwoordlink" : " via een gekoppeld systeem";
    }

    private String naam(int n) {
        return naam(ladder, n);
    }

    private static String naam(Escalatieladder ladder, int n) {
        return ladder.zoekNiveau(n).map(Escalatieladder.Niveau::naam).orElse("niveau " + n);
    }

    /**
     * Whether this notice invites the level it goes to to answer, and so carries answer links: a notice of a turn
     * (ESCALATIE, HERINNERING, TERUGGELEGD) to the level itself, never the regietafel's copy.
     */
    public boolean nodigtUitTotAntwoord() {
        return !regietafel && soort != Soort.OPGELOST && escalatie.open();
    }

    /** The Dutch text (SNS {@code default} and {@code email}), without answer links. */
    public String tekst() {
        return tekst(Map.of());
    }

    /**
     * The Dutch text with the level's answer links ({@link #nodigtUitTotAntwoord()}); without links it names the
     * answers only (a local run without a signing key, or a copy).
     */
    public String tekst(Map<Escalatie.Antwoordsoort, String> links) {
        StringBuilder t = new StringBuilder();
        String aan = niveau.naam() + " (niveau " + niveau.niveau() + " van " + ladder.top() + ")";
        t.append(switch (soort) {
            case ESCALATIE -> "ESCALATIE aan " + aan;
            case HERINNERING -> "HERINNERING aan " + aan + ": nog niet opgelost";
            case OPGELOST -> escalatie.opgelostZonderBesluit() ? "OPGELOST ZONDER BESLUIT — ter informatie aan " + aan : "OPGELOST — ter informatie aan " + aan;
            case TERUGGELEGD -> "TERUGGELEGD naar " + aan + " met een besluit van niveau " + (niveau.niveau() + 1);
        });
        if (regietafel) {
            t.append(" — kopie voor de regietafel");
        }
        t.append(".\nWat: ").append(escalatie.onderwerp());
        Escalatie.Stand st = escalatie.stand();
        t.append("\nSinds: ").append(Datums.lang(st.geopend())).append(" open");
        if (st.open()) {
            t.append("; bij niveau ").append(st.niveau()).append(" sinds ").append(Datums.lang(st.sinds())).append('.');
        } else {
            t.append("; opgelost op ").append(Datums.lang(st.opgelost().datum())).append('.');
        }
        t.append("\nEerder:");
        for (String regel : geschiedenis()) {
            t.append("\n- ").append(regel);
        }
        if (st.open() && reactieUiterlijk != null) {
            if (st.opgepakt() != null) {
                t.append("\nVerwacht: opgepakt op ").append(Datums.lang(st.opgepakt())).append("; los het op uiterlijk ").append(Datums.lang(reactieUiterlijk));
            } else {
                t.append("\nVerwacht: reageer uiterlijk ").append(Datums.lang(reactieUiterlijk)).append(" met Opgepakt, Opgelost of Teruggelegd");
            }
            if (volgende != null) {
                t.append(volgende.gebeurtenis() == Escalatie.Gebeurtenis.OMHOOG
                        ? ". Anders gaat de escalatie op " + Datums.lang(volgende.dag()) + " naar niveau " + volgende.naarNiveau() + " (" + naam(volgende.naarNiveau()) + ")."
                        : ". Anders volgt op " + Datums.lang(volgende.dag()) + " een herinnering.");
            }
            if (!links.isEmpty()) {
                t.append("\nAntwoorden (de link opent een pagina; pas daar geeft u het antwoord):");
                links.forEach((soort, url) -> t.append("\n- ").append(soort.detailType()).append(": ").append(url));
            }
        } else {
            t.append("\nVerwacht: niets meer; dit bericht sluit de escalatie af.");
            if (escalatie.opgelostZonderBesluit()) {
                Escalatie.Stap s = st.opgelost();
                t.append("\nLet op: zaak ").append(escalatie.zaak()).append(" heeft nog geen besluit. Niveau ").append(s.niveau()).append(" (")
                        .append(naam(s.niveau())).append(") besloot de escalatie te sluiten: ").append(kort(s.toelichting()));
            }
        }
        t.append("\nLadder ").append(ladder.id()).append(ladder.gemeente() == null ? "" : " (" + ladder.gemeente() + ")").append(" versie ").append(ladder.versie());
        if (ladder.vastgesteld() != null) {
            t.append(", vastgesteld door ").append(ladder.vastgesteld().door()).append(" op ").append(Datums.lang(ladder.vastgesteld().datum()))
                    .append(" (").append(ladder.vastgesteld().kenmerk()).append(')');
        } else {
            t.append(", NIET vastgesteld (alleen lokaal of test)");
        }
        return t.append('.').toString();
    }
}
