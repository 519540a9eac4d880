package nl.termijnwacht.functions.stelselrapportage;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.owasp.encoder.Encode;

/**
 * The regietafel's weekly report as one self-contained HTML page, to be read in a minute: the key figures against last
 * week, then what to act on (the gemeenten that need attention, the items at a ladder's top level), then four plots
 * (each an inline SVG with a table of exactly its numbers, so nothing is only in a picture) and the gemeenten with
 * most zaken over de termijn. Pure: the same document always gives the same page, with no I/O.
 *
 * <p>The page is mailed and archived, so it must stand on its own and be safe to open anywhere: no script at all, no
 * resource from elsewhere, one inline style sheet admitted by its hash ({@link #CSP}, also in a meta element). Every
 * text from the document is treated as hostile and goes through the OWASP encoder; bidi and other invisible control
 * characters are shown as U+FFFD first, so a name cannot reorder the text around it. It prints on one or two A4 pages:
 * summary, lists and plots first, then at most {@value #MAX_GEMEENTEN} gemeenten; every list is capped and says how
 * many it left out (the JSON document has them all).
 * Colours are the Okabe–Ito palette and a one-hue ramp, with hatching and labels, so they survive colour blindness and
 * greyscale print.
 */
public final class Rapportpagina {

    /** The document this page reads. */
    public static final String SCHEMA = "termijnwacht.rapportage/1";
    /** Above this many gemeenten the page shows only those with most zaken over de termijn (two A4 pages). */
    static final int MAX_GEMEENTEN = 25;
    /** Bars in the plot of gemeenten with the largest share over de termijn. */
    static final int MAX_TOP = 10;
    static final int MAX_AANDACHT = 8;
    /** Reasons shown per gemeente that needs attention (the report gives at most four: over de termijn, te laat, dwangsom, bovenaan). */
    static final int MAX_REDENEN = 4;
    static final int MAX_BOVENAAN = 10;
    static final int MAX_LADDERS = 8;
    /** Weeks of trend shown; the document's {@code verloop} holds 12, the last being the reported week. */
    static final int WEKEN = 12;

    // Okabe–Ito (colour-blind safe); far apart in lightness too, so greyscale keeps them apart
    private static final String BLAUW = "#0072B2";
    private static final String ORANJE = "#E69F00";
    private static final String VERMILJOEN = "#D55E00";
    /** One-hue ramp (ColorBrewer Blues) for escalation levels: higher level, darker. */
    private static final String[] BLAUWTINTEN = {"#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"};

    private static final String STIJL = """
            *{box-sizing:border-box;-webkit-print-color-adjust:exact;print-color-adjust:exact}
            @page{size:A4;margin:12mm}
            html{background:#fff}
            body{font:9.5pt/1.35 system-ui,"Segoe UI",Roboto,Arial,"DejaVu Sans",sans-serif;color:#1a1a1a;background:#fff;max-width:186mm;margin:0 auto;padding:0}
            @media screen{body{padding:14px 12px}}
            header{border-bottom:3px solid #1d5fa8;padding-bottom:4px;margin-bottom:8px}
            .merk{margin:0;font-size:7.5pt;color:#1d5fa8;font-weight:700;letter-spacing:.06em;text-transform:uppercase}
            h1{font-size:15pt;line-height:1.2;margin:2px 0}
            h2{font-size:10.5pt;color:#1d5fa8;margin:10px 0 4px;padding-bottom:1px;border-bottom:1px solid #c8d3e0;break-after:avoid}
            h3{font-size:9pt;margin:0 0 2px;break-after:avoid}
            p{margin:2px 0}
            .klein{font-size:7.5pt;color:#444}
            .vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
            .niets{margin:6px 0;padding:6px 10px;border-left:4px solid #1d5fa8;background:#eef4fb;font-weight:600}
            .leeg{margin:2px 0 6px;padding:4px 8px;border-left:3px solid #8a8a8a;background:#f4f4f4;font-size:8.5pt}
            .kern{display:grid;grid-template-columns:repeat(6,1fr);gap:5px;list-style:none;margin:0;padding:0}
            .kern li{border:1px solid #c8d3e0;border-top:3px solid #1d5fa8;background:#f5f8fc;padding:3px 6px 4px}
            .kern li.let{border-top-color:#D55E00}
            .kern .wat{display:block;font-size:7.5pt;font-weight:700;color:#333}
            .kern .getal{display:block;font-size:14pt;font-weight:700;line-height:1.25;white-space:nowrap}
            .kern .sub,.kern .trend{display:block;font-size:7pt;line-height:1.25;color:#444}
            .kern .trend{margin-top:1px;color:#1a1a1a}
            .aandacht{margin:0;padding-left:20px;columns:2;column-gap:34px;font-size:8pt;line-height:1.3}
            .aandacht li{break-inside:avoid;margin:0 0 2px}
            .plots{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:8px 14px}
            figure{margin:0;break-inside:avoid;min-width:0;overflow:hidden}
            figure svg{display:block;width:100%;height:auto;margin-bottom:2px}
            table{border-collapse:collapse;font-size:7.5pt;line-height:1.3;break-inside:avoid;width:100%}
            caption{caption-side:top;text-align:left;font-size:7.5pt;color:#444;padding:0 0 1px}
            th,td{padding:0 4px;border-bottom:1px solid #dde3ea;text-align:left;vertical-align:top;overflow-wrap:anywhere}
            th{font-weight:700;background:#eef2f7}
            .midden{text-align:center}
            .heel{white-space:nowrap}
            .n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
            .ladders td.t{min-width:12em}
            .weken th,.weken td{padding:0 3px}
            .weken .tweede{border-left:1px solid #aab6c4;padding-left:6px}
            tfoot td{font-weight:700;border-top:1px solid #8a8a8a;border-bottom:0}
            .samen{break-inside:avoid}
            svg text{font-size:9.5px;fill:#1a1a1a}
            svg .klein{font-size:8.5px;fill:#444}
            svg .as{stroke:#6b6b6b;stroke-width:1}
            svg .raster{stroke:#e2e6eb;stroke-width:1}
            svg .licht{fill:#fff}
            footer{margin-top:8px;padding-top:2px;border-top:1px solid #c8d3e0;font-size:7pt;color:#555}
            @media screen and (max-width:44rem){.kern{grid-template-columns:repeat(2,1fr)}.plots{grid-template-columns:1fr}.aandacht{columns:1}}
            """;

    /**
     * Only the inline style sheet above may apply; no script, image, font, frame or connection at all. Also sent as
     * a meta element in the page, so it holds when the file is opened from a mail or a disk (frame-ancestors is
     * therefore left out: a meta element cannot carry it).
     */
    public static final String CSP = "default-src 'none'; style-src '" + hash(STIJL) + "'; base-uri 'none'; form-action 'none'";

    private static final Locale NL = Locale.forLanguageTag("nl-NL");
    private static final DateTimeFormatter DATUM = DateTimeFormatter.ofPattern("d MMMM uuuu", NL);
    private static final DateTimeFormatter DAG_MAAND = DateTimeFormatter.ofPattern("d MMMM", NL);
    private static final DateTimeFormatter LANG = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", NL);
    private static final DateTimeFormatter TIJD = DateTimeFormatter.ofPattern("d MMMM uuuu 'om' HH.mm 'uur'", NL);
    private static final ZoneId NEDERLAND = ZoneId.of("Europe/Amsterdam");
    private static final Pattern ISO_WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Pattern ISO_DATUM = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private Rapportpagina() {
    }

    /**
     * The page for one report.
     *
     * @throws IllegalArgumentException when {@code document} is not a {@value #SCHEMA} document: its figures might mean
     *                                  something else, so nothing is drawn from them
     */
    public static String html(JsonNode document) {
        if (document == null || !SCHEMA.equals(document.path("schema").asText(null))) {
            throw new IllegalArgumentException("geen " + SCHEMA + "-document");
        }
        JsonNode totaal = document.path("totaal");
        List<Gemeente> gemeenten = new ArrayList<>();
        for (JsonNode g : lijst(document.path("gemeenten"))) {
            gemeenten.add(Gemeente.van(g));
        }
        List<JsonNode> verloop = lijst(document.path("verloop"));
        if (verloop.size() > WEKEN) {
            verloop = verloop.subList(verloop.size() - WEKEN, verloop.size());
        }
        Map<String, Map<String, Long>> escalaties = escalaties(totaal.path("escalatiesOpen"));

        String kop = "Stelselrapportage " + weekEnPeriode(document);
        StringBuilder h = new StringBuilder(48 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(Encode.forHtmlAttribute(CSP)).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n")
                .append("<title>").append(htmlTekst(kop, 200)).append(" — Termijnwacht</title>\n<style>").append(STIJL).append("</style>\n</head>\n<body>\n");

        h.append("<header>\n<p class=\"merk\">Termijnwacht · regietafel</p>\n<h1>").append(htmlTekst(kop, 200)).append("</h1>\n<p class=\"klein\">");
        String peildatum = datum(tekst(document, "peildatum"), LANG);
        if (peildatum != null) {
            h.append("Open zaken, escalaties en opgebouwde dwangsom: de stand bij het begin van ").append(htmlTekst(peildatum, 60)).append(". ");
        }
        h.append("Besluiten: in de week zelf. ").append(getal(lang(totaal, "gemeenten"))).append(lang(totaal, "gemeenten") == 1 ? " gemeente" : " gemeenten");
        String gemaakt = gemaakt(tekst(document, "gemaakt"));
        if (gemaakt != null) {
            h.append(", gemaakt op ").append(htmlTekst(gemaakt, 60));
        }
        h.append(".</p>\n</header>\n<main>\n");

        long escalatiesOpen = escalaties.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
        if (lang(totaal, "openZaken") == 0 && lang(totaal, "besluitenInPeriode") == 0 && escalatiesOpen == 0 && gemeenten.isEmpty()) {
            h.append("<p class=\"niets\">Er is deze week niets te melden: geen open zaken, geen besluiten en geen open escalaties.</p>\n");
        }
        kerncijfers(h, totaal, escalatiesOpen, escalaties.size());
        aandacht(h, lijst(document.path("aandacht")));
        bovenaan(h, lijst(document.path("bovenaan")));

        h.append("<h2>Ontwikkeling en verdeling</h2>\n<div class=\"plots\">\n");
        verloopOpen(h, verloop);
        verloopBesluiten(h, verloop);
        topVerstreken(h, gemeenten);
        escalatiePlot(h, escalaties);
        h.append("</div>\n");

        perGemeente(h, gemeenten, totaal);

        h.append("</main>\n<footer>Termijnwacht — stelselrapportage (").append(SCHEMA).append("). Elke figuur heeft een tabel met dezelfde getallen. ")
                .append("Percentages: over de termijn als deel van de open zaken, tijdig als deel van de besluiten in de week. ")
                .append("Dwangsom in hele euro’s, opgebouwd tot de peildatum door zaken die nog open zijn.</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    // ---- sections ----

    private static void kerncijfers(StringBuilder h, JsonNode t, long escalatiesOpen, int ladders) {
        JsonNode vorig = t.path("vorigeWeek");
        h.append("<h2 class=\"vh\">Kerncijfers</h2>\n<ul class=\"kern\">\n");
        long open = lang(t, "openZaken");
        tegel(h, "Open zaken", getal(open), "waarvan " + getal(lang(t, "opgeschort")) + " opgeschort",
                verschil(open, vorig, "openZaken"), false);
        long verstreken = lang(t, "verstrekenOpen");
        Double aandeel = percentage(t, "aandeelVerstreken");
        tegel(h, "Over de termijn", getal(verstreken), aandeel == null ? "geen open zaken" : procent(aandeel) + " van de open zaken",
                verschil(verstreken, vorig, "verstrekenOpen"), verstreken > 0);
        long besluiten = lang(t, "besluitenInPeriode");
        Double tijdig = percentage(t, "aandeelTijdig");
        tegel(h, "Besluiten", getal(besluiten),
                tijdig == null ? "geen besluiten in de week" : "in de week; " + procent(tijdig) + " tijdig, " + getal(lang(t, "teLaatInPeriode")) + " te laat",
                puntVerschil(tijdig, percentage(vorig, "aandeelTijdig")), false);
        tegel(h, "Dwangsom", euro(lang(t, "dwangsomOpgebouwd")), "opgebouwd; <span class=\"heel\">" + euro(lang(t, "dwangsomInPeriode")) + "</span> in de week", null,
                lang(t, "dwangsomOpgebouwd") > 0);
        tegel(h, "Escalaties", getal(escalatiesOpen), escalatiesOpen == 0 ? "geen open" : "open, in " + ladders + (ladders == 1 ? " ladder" : " ladders"), null, false);
        long top = lang(t, "bovenaan");
        tegel(h, "Bovenaan", getal(top), "op het hoogste niveau van hun ladder", null, top > 0);
        h.append("</ul>\n");
    }

    private static void tegel(StringBuilder h, String wat, String waarde, String sub, String trend, boolean nadruk) {
        h.append(nadruk ? "<li class=\"let\">" : "<li>").append("<span class=\"wat\">").append(wat).append("</span><span class=\"getal\">")
                .append(waarde).append("</span><span class=\"sub\">").append(sub).append("</span>");
        if (trend != null) {
            h.append("<span class=\"trend\">").append(trend).append("</span>");
        }
        h.append("</li>\n");
    }

    /** "▲ 2 meer dan vorige week", or null when last week's figure is missing. */
    private static String verschil(long nu, JsonNode vorig, String veld) {
        JsonNode v = vorig.path(veld);
        if (!v.isNumber()) {
            return null;
        }
        long d = nu - v.asLong();
        if (d == 0) {
            return "<span aria-hidden=\"true\">= </span>gelijk aan vorige week";
        }
        return pijl(d) + getal(Math.abs(d)) + (d > 0 ? " meer" : " minder") + " dan vorige week";
    }

    private static String puntVerschil(Double nu, Double vorig) {
        if (nu == null || vorig == null) {
            return null;
        }
        double d = BigDecimal.valueOf(nu).subtract(BigDecimal.valueOf(vorig)).setScale(1, RoundingMode.HALF_UP).doubleValue();
        if (d == 0) {
            return "<span aria-hidden=\"true\">= </span>gelijk aan vorige week";
        }
        return pijl(d) + decimaal(Math.abs(d)) + " procentpunt " + (d > 0 ? "hoger" : "lager") + " dan vorige week";
    }

    private static String pijl(double d) {
        return "<span aria-hidden=\"true\">" + (d > 0 ? "▲" : "▼") + " </span>";
    }

    private static void aandacht(StringBuilder h, List<JsonNode> lijst) {
        h.append("<h2>Aandacht nodig</h2>\n");
        if (lijst.isEmpty()) {
            h.append("<p class=\"leeg\">Geen gemeente vraagt deze week om aandacht.</p>\n");
            return;
        }
        h.append("<ol class=\"aandacht\">\n");
        for (JsonNode a : lijst.subList(0, Math.min(MAX_AANDACHT, lijst.size()))) {
            h.append("<li><strong>").append(htmlTekst(ofStreep(tekst(a, "gemeente")), 40)).append("</strong>");
            List<JsonNode> redenen = lijst(a.path("redenen"));
            for (int i = 0; i < Math.min(MAX_REDENEN, redenen.size()); i++) {
                h.append(i == 0 ? ": " : "; ").append(htmlTekst(waarde(redenen.get(i)), 120));
            }
            if (redenen.size() > MAX_REDENEN) {
                h.append(" (en ").append(redenen.size() - MAX_REDENEN).append(" meer)");
            }
            h.append("</li>\n");
        }
        h.append("</ol>\n");
        if (lijst.size() > MAX_AANDACHT) {
            h.append("<p class=\"klein\">En ").append(getal(lijst.size() - MAX_AANDACHT))
                    .append(" andere gemeenten vragen aandacht; de volledige lijst staat in het JSON-document.</p>\n");
        }
    }

    /** Plot 1: open zaken and those over de termijn, two panels on one week axis (their scales differ tenfold). */
    private static void verloopOpen(StringBuilder h, List<JsonNode> weken) {
        String kop = "Open zaken en over de termijn (" + WEKEN + " weken)";
        h.append("<figure class=\"plot\" id=\"figuur-verloop\">\n<h3>").append(kop).append("</h3>\n");
        long[] open = reeks(weken, "openZaken");
        long[] over = reeks(weken, "verstrekenOpen");
        if (max(open) == 0 && max(over) == 0) {
            h.append("<p class=\"leeg\">Geen open zaken in de laatste ").append(WEKEN).append(" weken.</p>\n</figure>\n");
            return;
        }
        int breed = 420;
        int hoog = 206;
        int links = 52;
        int rechts = 40;
        int n = weken.size();
        double stap = (double) (breed - links - rechts) / n;
        Svg s = new Svg(h, breed, hoog, "figuur-verloop-titel", kop);
        s.desc("Bovenste paneel: open zaken per week. Onderste paneel: open zaken over de termijn per week. De tabel eronder geeft de getallen.");
        paneel(s, weken, open, 10, 82, links, stap, BLAUW, "open zaken", false);
        paneel(s, weken, over, 104, 168, links, stap, VERMILJOEN, "over termijn", true);
        for (int i = 0; i < n; i++) {
            double x = links + (i + .5) * stap;
            s.lijn("as", x, 168, x, 171);
            s.tekst(x, 181, "middle", null, Encode.forXml(week(weken.get(i))));
        }
        s.tekst(links + (breed - links - rechts) / 2.0, 199, "middle", "klein", "weeknummer");
        s.eind();

        weektabel(h, "Figuur in getallen: open zaken en over de termijn per week", List.of("Open", "Over termijn"), weken, open, over);
        h.append("</figure>\n");
    }

    private static void paneel(Svg s, List<JsonNode> weken, long[] v, int boven, int onder, int links, double stap, String kleur, String naam,
                               boolean gestreept) {
        long[] as = bereik(v);
        long laag = as[0];
        double hoogte = as[1] - as[0];
        double rechts = links + stap * v.length;
        for (long t = as[0]; t <= as[1]; t += as[2]) {
            double y = onder - (t - laag) / hoogte * (onder - boven);
            s.lijn(t == as[0] ? "as" : "raster", links, y, rechts, y);
            s.tekst(links - 4, y + 3, "end", "klein", getal(t));
        }
        s.h.append("<text class=\"klein\" transform=\"rotate(-90)\" x=\"").append(f(-(boven + onder) / 2.0)).append("\" y=\"10\" text-anchor=\"middle\">")
                .append(naam).append("</text>\n");
        StringBuilder punten = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            punten.append(i == 0 ? "" : " ").append(f(links + (i + .5) * stap)).append(',').append(f(onder - (v[i] - laag) / hoogte * (onder - boven)));
        }
        s.h.append("<polyline fill=\"none\" stroke=\"").append(kleur).append("\" stroke-width=\"2\"").append(gestreept ? " stroke-dasharray=\"5 3\"" : "")
                .append(" points=\"").append(punten).append("\"/>\n");
        for (int i = 0; i < v.length; i++) {
            double x = links + (i + .5) * stap;
            double y = onder - (v[i] - laag) / hoogte * (onder - boven);
            String titel = "week " + Encode.forXml(week(weken.get(i))) + ": " + getal(v[i]) + " " + naam;
            if (gestreept) {
                s.h.append("<rect x=\"").append(f(x - 3)).append("\" y=\"").append(f(y - 3)).append("\" width=\"6\" height=\"6\" fill=\"").append(kleur)
                        .append("\" data-waarde=\"").append(v[i]).append("\"><title>").append(titel).append("</title></rect>\n");
            } else {
                s.h.append("<circle cx=\"").append(f(x)).append("\" cy=\"").append(f(y)).append("\" r=\"3.2\" fill=\"").append(kleur)
                        .append("\" data-waarde=\"").append(v[i]).append("\"><title>").append(titel).append("</title></circle>\n");
            }
        }
        double laatsteY = onder - (v[v.length - 1] - laag) / hoogte * (onder - boven);
        s.h.append("<text x=\"").append(f(rechts + 4)).append("\" y=\"").append(f(laatsteY + 3)).append("\" font-weight=\"700\" fill=\"").append(kleur)
                .append("\">").append(getal(v[v.length - 1])).append("</text>\n");
    }

    /** Plot 2: besluiten per week, on time below and late (hatched) on top, the total above each bar. */
    private static void verloopBesluiten(StringBuilder h, List<JsonNode> weken) {
        String kop = "Besluiten: tijdig en te laat (" + WEKEN + " weken)";
        h.append("<figure class=\"plot\" id=\"figuur-besluiten\">\n<h3>").append(kop).append("</h3>\n");
        long[] tijdig = reeks(weken, "tijdig");
        long[] laat = reeks(weken, "teLaat");
        int n = weken.size();
        long[] samen = new long[n];
        for (int i = 0; i < n; i++) {
            samen[i] = tijdig[i] + laat[i];
        }
        if (max(samen) == 0) {
            h.append("<p class=\"leeg\">Geen besluiten in de laatste ").append(WEKEN).append(" weken.</p>\n</figure>\n");
            return;
        }
        int breed = 420;
        int hoog = 206;
        int links = 52;
        int rechts = 8;
        int boven = 26;
        int onder = 168;
        double stap = (double) (breed - links - rechts) / n;
        long schaal = rond(max(samen));
        Svg s = new Svg(h, breed, hoog, "figuur-besluiten-titel", kop);
        s.desc("Gestapelde staven per week: onder de tijdige besluiten, daarboven (gearceerd) de besluiten die te laat waren; boven elke staaf het totaal. "
                + "De tabel eronder geeft de getallen.");
        s.h.append("<defs><pattern id=\"arcering-te-laat\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">")
                .append("<rect width=\"5\" height=\"5\" fill=\"").append(ORANJE).append("\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"5\" stroke=\"#6b4700\" stroke-width=\"1.6\"/>")
                .append("</pattern></defs>\n");
        // legend, top right
        s.h.append("<rect x=\"").append(breed - 150).append("\" y=\"4\" width=\"10\" height=\"10\" fill=\"").append(BLAUW).append("\"/>\n");
        s.tekst(breed - 136, 13, "start", null, "tijdig");
        s.h.append("<rect x=\"").append(breed - 84).append("\" y=\"4\" width=\"10\" height=\"10\" fill=\"url(#arcering-te-laat)\" stroke=\"#6b4700\" stroke-width=\".5\"/>\n");
        s.tekst(breed - 70, 13, "start", null, "te laat");
        for (long t : new long[] {0, schaal / 2, schaal}) {
            double y = onder - (double) t / schaal * (onder - boven);
            s.lijn(t == 0 ? "as" : "raster", links, y, breed - rechts, y);
            s.tekst(links - 4, y + 3, "end", "klein", getal(t));
        }
        s.h.append("<text class=\"klein\" transform=\"rotate(-90)\" x=\"").append(f(-(boven + onder) / 2.0)).append("\" y=\"10\" text-anchor=\"middle\">besluiten</text>\n");
        double balk = Math.min(22, stap * .64);
        for (int i = 0; i < n; i++) {
            double x = links + (i + .5) * stap;
            double yTijdig = onder - (double) tijdig[i] / schaal * (onder - boven);
            double ySamen = onder - (double) samen[i] / schaal * (onder - boven);
            String wk = Encode.forXml(week(weken.get(i)));
            s.h.append("<rect x=\"").append(f(x - balk / 2)).append("\" y=\"").append(f(yTijdig)).append("\" width=\"").append(f(balk)).append("\" height=\"")
                    .append(f(onder - yTijdig)).append("\" fill=\"").append(BLAUW).append("\" data-waarde=\"").append(tijdig[i]).append("\"><title>week ")
                    .append(wk).append(": ").append(getal(tijdig[i])).append(" tijdig</title></rect>\n");
            s.h.append("<rect x=\"").append(f(x - balk / 2)).append("\" y=\"").append(f(ySamen)).append("\" width=\"").append(f(balk)).append("\" height=\"")
                    .append(f(yTijdig - ySamen)).append("\" fill=\"url(#arcering-te-laat)\" data-waarde=\"").append(laat[i]).append("\"><title>week ")
                    .append(wk).append(": ").append(getal(laat[i])).append(" te laat</title></rect>\n");
            s.h.append("<text class=\"klein\" x=\"").append(f(x)).append("\" y=\"").append(f(ySamen - 3)).append("\" text-anchor=\"middle\" data-waarde=\"")
                    .append(samen[i]).append("\">").append(getal(samen[i])).append("</text>\n");
            s.lijn("as", x, onder, x, onder + 3);
            s.tekst(x, onder + 13, "middle", null, wk);
        }
        s.tekst(links + (breed - links - rechts) / 2.0, 199, "middle", "klein", "weeknummer");
        s.eind();

        weektabel(h, "Figuur in getallen: besluiten per week", List.of("Tijdig", "Te laat", "Totaal"), weken, tijdig, laat, samen);
        h.append("</figure>\n");
    }

    /**
     * A per-week table, its weeks in two halves side by side (the first six, then the last six), so that it takes
     * half the height under its plot and the report keeps to two pages.
     */
    private static void weektabel(StringBuilder h, String bijschrift, List<String> koppen, List<JsonNode> weken, long[]... reeksen) {
        int n = weken.size();
        int helften = n > 6 ? 2 : 1;
        int rijen = (n + helften - 1) / helften;
        h.append("<table class=\"weken\">\n<caption>").append(bijschrift).append("</caption>\n<thead><tr>");
        for (int helft = 0; helft < helften; helft++) {
            h.append("<th scope=\"col\"").append(helft > 0 ? " class=\"tweede\"" : "").append(">Week</th>");
            for (String kop : koppen) {
                h.append("<th scope=\"col\" class=\"n\">").append(kop).append("</th>");
            }
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < rijen; r++) {
            h.append("<tr>");
            for (int helft = 0; helft < helften; helft++) {
                int i = helft * rijen + r;
                String klasse = helft > 0 ? " class=\"tweede\"" : "";
                if (i >= n) {
                    h.append("<td").append(klasse).append("></td>").append("<td></td>".repeat(koppen.size()));
                    continue;
                }
                h.append("<th scope=\"row\"").append(klasse).append(">").append(weekKort(weken.get(i), weken)).append("</th>");
                for (long[] reeks : reeksen) {
                    h.append(cel(reeks[i]));
                }
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    /** Plot 3: the gemeenten with the largest share of their open zaken over de termijn. */
    private static void topVerstreken(StringBuilder h, List<Gemeente> gemeenten) {
        String kop = "Gemeenten: grootste deel over de termijn";
        h.append("<figure class=\"plot\" id=\"figuur-gemeenten\">\n<h3>").append(kop).append("</h3>\n");
        List<Gemeente> top = gemeenten.stream().filter(g -> g.aandeel() != null && g.aandeel() > 0 && g.verstreken() > 0)
                .sorted(Comparator.comparing(Gemeente::aandeel, Comparator.reverseOrder()).thenComparing(Gemeente::verstreken, Comparator.reverseOrder())
                        .thenComparing(Gemeente::code))
                .limit(MAX_TOP).toList();
        if (top.isEmpty()) {
            h.append("<p class=\"leeg\">Geen gemeente heeft open zaken over de termijn.</p>\n</figure>\n");
            return;
        }
        int breed = 420;
        int rij = 17;
        int boven = 16;
        int links = 66;
        int rechts = 104;
        int onder = boven + rij * top.size();
        int hoog = onder + 32;
        double schaal = Math.min(100, rondProcent(top.getFirst().aandeel()));
        double plotBreed = breed - links - rechts;
        Svg s = new Svg(h, breed, hoog, "figuur-gemeenten-titel", kop + ": de " + top.size() + " hoogste");
        s.desc("Liggende staven: per gemeente het percentage van de open zaken dat over de termijn is, met het aantal over de termijn en het aantal open zaken. "
                + "De tabel eronder geeft de getallen.");
        s.tekst(links - 5, boven - 5, "end", "klein", "gemeente");
        for (double t : new double[] {0, schaal / 2, schaal}) {
            double x = links + t / schaal * plotBreed;
            s.lijn(t == 0 ? "as" : "raster", x, boven - 2, x, onder);
            s.tekst(x, onder + 11, "middle", "klein", procentKort(t));
        }
        s.tekst(links + plotBreed / 2, onder + 25, "middle", "klein", "% van de open zaken dat over de termijn is");
        for (int i = 0; i < top.size(); i++) {
            Gemeente g = top.get(i);
            double y = boven + i * rij;
            double w = Math.min(g.aandeel(), schaal) / schaal * plotBreed;
            s.tekst(links - 5, y + rij / 2.0 + 3, "end", null, Encode.forXml(schoon(g.code(), 12)));
            s.h.append("<rect x=\"").append(links).append("\" y=\"").append(f(y + 2.5)).append("\" width=\"").append(f(w)).append("\" height=\"").append(rij - 5)
                    .append("\" fill=\"").append(VERMILJOEN).append("\" data-waarde=\"").append(ruw(g.aandeel())).append("\"><title>")
                    .append(Encode.forXml(schoon(g.code(), 40))).append(": ").append(procent(g.aandeel())).append(" over de termijn</title></rect>\n");
            s.h.append("<text x=\"").append(f(links + w + 4)).append("\" y=\"").append(f(y + rij / 2.0 + 3)).append("\"><tspan font-weight=\"700\">")
                    .append(procent(g.aandeel())).append("</tspan><tspan class=\"klein\"> (<tspan data-waarde=\"").append(g.verstreken()).append("\">")
                    .append(getal(g.verstreken())).append("</tspan> van <tspan data-waarde=\"").append(g.open()).append("\">").append(getal(g.open()))
                    .append("</tspan>)</tspan></text>\n");
        }
        s.eind();

        h.append("<table>\n<caption>Figuur in getallen: de ").append(top.size()).append(top.size() == 1 ? " gemeente" : " gemeenten")
                .append(" met het grootste aandeel over de termijn</caption>\n<thead><tr><th scope=\"col\">Gemeente</th><th scope=\"col\" class=\"n\">% over termijn</th>")
                .append("<th scope=\"col\" class=\"n\">Over termijn</th><th scope=\"col\" class=\"n\">Open zaken</th></tr></thead>\n<tbody>\n");
        for (Gemeente g : top) {
            h.append("<tr><td class=\"t\">").append(htmlTekst(g.code(), 60)).append("</td><td class=\"n\" data-waarde=\"").append(ruw(g.aandeel())).append("\">")
                    .append(procent(g.aandeel())).append("</td>").append(cel(g.verstreken())).append(cel(g.open())).append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n</figure>\n");
    }

    /** Plot 4: open escalations per ladder, one stacked bar per ladder, darker for a higher level. */
    private static void escalatiePlot(StringBuilder h, Map<String, Map<String, Long>> escalaties) {
        String kop = "Open escalaties per ladder en niveau";
        h.append("<figure class=\"plot\" id=\"figuur-escalaties\">\n<h3>").append(kop).append("</h3>\n");
        List<Map.Entry<String, Map<String, Long>>> ladders = escalaties.entrySet().stream()
                .filter(e -> som(e.getValue()) > 0)
                .sorted(Comparator.comparing((Map.Entry<String, Map<String, Long>> e) -> som(e.getValue()), Comparator.reverseOrder())
                        .thenComparing(Map.Entry::getKey))
                .toList();
        if (ladders.isEmpty()) {
            h.append("<p class=\"leeg\">Geen open escalaties.</p>\n</figure>\n");
            return;
        }
        int verborgen = Math.max(0, ladders.size() - MAX_LADDERS);
        ladders = ladders.subList(0, Math.min(MAX_LADDERS, ladders.size()));
        TreeSet<String> niveaus = new TreeSet<>(Rapportpagina::vergelijkNiveau);
        ladders.forEach(e -> niveaus.addAll(e.getValue().keySet()));
        List<String> alle = new ArrayList<>(niveaus);

        int breed = 420;
        int rij = 22;
        int boven = 20;
        int links = 128;
        int rechts = 30;
        int onder = boven + rij * ladders.size();
        int hoog = onder + 32;
        long schaal = rond(ladders.stream().mapToLong(e -> som(e.getValue())).max().orElse(0));
        double plotBreed = breed - links - rechts;
        Svg s = new Svg(h, breed, hoog, "figuur-escalaties-titel", kop);
        s.desc("Liggende gestapelde staven: per ladder het aantal open escalaties, per niveau een tint (hoger niveau, donkerder), met het aantal in het vak "
                + "en het totaal achter de staaf. De tabel eronder geeft de getallen.");
        double lx = links;
        for (int i = 0; i < alle.size(); i++) {
            s.h.append("<rect x=\"").append(f(lx)).append("\" y=\"4\" width=\"10\" height=\"10\" fill=\"").append(tint(i, alle.size()))
                    .append("\" stroke=\"#6b6b6b\" stroke-width=\".5\"/>\n");
            String label = "niveau " + Encode.forXml(schoon(alle.get(i), 6));
            s.tekst(lx + 13, 13, "start", null, label);
            lx += 26 + 5.8 * (7 + Math.min(6, alle.get(i).length()));
        }
        s.tekst(links - 5, 13, "end", "klein", "ladder");
        for (long t : new long[] {0, schaal / 2, schaal}) {
            double x = links + (double) t / schaal * plotBreed;
            s.lijn(t == 0 ? "as" : "raster", x, boven + 2, x, onder);
            s.tekst(x, onder + 11, "middle", "klein", getal(t));
        }
        s.tekst(links + plotBreed / 2, onder + 25, "middle", "klein", "open escalaties");
        for (int r = 0; r < ladders.size(); r++) {
            Map.Entry<String, Map<String, Long>> e = ladders.get(r);
            double y = boven + r * rij;
            s.tekst(links - 5, y + rij / 2.0 + 4, "end", null, Encode.forXml(schoon(e.getKey(), 22)));
            double x = links;
            for (int i = 0; i < alle.size(); i++) {
                Long aantal = e.getValue().get(alle.get(i));
                if (aantal == null) {
                    continue;
                }
                double w = (double) aantal / schaal * plotBreed;
                s.h.append("<rect x=\"").append(f(x)).append("\" y=\"").append(f(y + 3)).append("\" width=\"").append(f(w)).append("\" height=\"").append(rij - 6)
                        .append("\" fill=\"").append(tint(i, alle.size())).append("\" stroke=\"#fff\" stroke-width=\"1\" data-waarde=\"").append(aantal)
                        .append("\"><title>").append(Encode.forXml(schoon(e.getKey(), 40))).append(", niveau ").append(Encode.forXml(schoon(alle.get(i), 6)))
                        .append(": ").append(getal(aantal)).append("</title></rect>\n");
                String cijfer = getal(aantal);
                if (aantal > 0 && w >= 6.5 * cijfer.length() + 4) {
                    s.tekst(x + w / 2, y + rij / 2.0 + 3.5, "middle", donker(i, alle.size()) ? "licht" : null, cijfer);
                }
                x += w;
            }
            s.h.append("<text x=\"").append(f(x + 4)).append("\" y=\"").append(f(y + rij / 2.0 + 3.5)).append("\" font-weight=\"700\" data-waarde=\"")
                    .append(som(e.getValue())).append("\">").append(getal(som(e.getValue()))).append("</text>\n");
        }
        s.eind();

        h.append("<table class=\"ladders\">\n<caption>Figuur in getallen: open escalaties per ladder en niveau</caption>\n<thead><tr>")
                .append("<th scope=\"col\" rowspan=\"2\">Ladder</th><th scope=\"colgroup\" colspan=\"").append(alle.size())
                .append("\" class=\"midden\">Niveau</th><th scope=\"col\" rowspan=\"2\" class=\"n\">Totaal</th></tr>\n<tr>");
        for (String niveau : alle) {
            h.append("<th scope=\"col\" class=\"n\">").append(htmlTekst(niveau, 6)).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (Map.Entry<String, Map<String, Long>> e : ladders) {
            h.append("<tr><td class=\"t\">").append(htmlTekst(e.getKey(), 60)).append("</td>");
            for (String niveau : alle) {
                Long aantal = e.getValue().get(niveau);
                h.append(aantal == null ? "<td class=\"n\">–</td>" : cel(aantal));
            }
            h.append(cel(som(e.getValue()))).append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
        if (verborgen > 0) {
            h.append("<p class=\"klein\">En ").append(verborgen).append(verborgen == 1 ? " andere ladder" : " andere ladders")
                    .append(" met open escalaties; zie het JSON-document.</p>\n");
        }
        h.append("</figure>\n");
    }

    private static void bovenaan(StringBuilder h, List<JsonNode> items) {
        h.append("<div class=\"samen\">\n<h2>Bovenaan de ladder</h2>\n");
        if (items.isEmpty()) {
            h.append("<p class=\"leeg\">Geen escalatie staat op het hoogste niveau van haar ladder.</p>\n</div>\n");
            return;
        }
        h.append("<table>\n<caption>Escalaties op het hoogste niveau van hun ladder, de langste eerst</caption>\n<thead><tr><th scope=\"col\">Escalatie</th>")
                .append("<th scope=\"col\">Ladder</th><th scope=\"col\" class=\"n\">Niveau</th><th scope=\"col\">Gemeente</th><th scope=\"col\">Sinds</th>")
                .append("<th scope=\"col\" class=\"n\">Dagen</th></tr></thead>\n<tbody>\n");
        for (JsonNode i : items.subList(0, Math.min(MAX_BOVENAAN, items.size()))) {
            h.append("<tr><td class=\"t\">").append(htmlTekst(ofStreep(tekst(i, "escalatie")), 80)).append("</td><td class=\"t\">")
                    .append(htmlTekst(ofStreep(tekst(i, "ladder")), 40)).append("</td><td class=\"n\">").append(htmlTekst(ofStreep(tekst(i, "niveau")), 6))
                    .append("</td><td class=\"t\">").append(htmlTekst(ofStreep(tekst(i, "gemeente")), 40)).append("</td><td class=\"n\">");
            String sinds = tekst(i, "sinds");
            String mooi = datum(sinds, DATUM);
            h.append(htmlTekst(mooi != null ? mooi : ofStreep(sinds), 30)).append("</td>").append(cel(lang(i, "dagen"))).append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
        if (items.size() > MAX_BOVENAAN) {
            h.append("<p class=\"klein\">En ").append(getal(items.size() - MAX_BOVENAAN))
                    .append(" andere escalaties bovenaan; de volledige lijst staat in het JSON-document.</p>\n");
        }
        h.append("</div>\n");
    }

    private static void perGemeente(StringBuilder h, List<Gemeente> gemeenten, JsonNode totaal) {
        h.append("<div class=\"samen\">\n<h2>Per gemeente</h2>\n");
        if (gemeenten.isEmpty()) {
            h.append("<p class=\"leeg\">Geen gemeenten in deze rapportage.</p>\n</div>\n");
            return;
        }
        List<Gemeente> rijen = gemeenten.stream()
                .sorted(Comparator.comparing(Gemeente::verstreken, Comparator.reverseOrder())
                        .thenComparing(g -> g.aandeel() == null ? -1 : g.aandeel(), Comparator.reverseOrder()).thenComparing(Gemeente::code))
                .limit(MAX_GEMEENTEN).toList();
        boolean ingekort = gemeenten.size() > MAX_GEMEENTEN;
        h.append("<table>\n<caption>").append(ingekort ? "De " + MAX_GEMEENTEN + " gemeenten met de meeste open zaken over de termijn" : "Alle gemeenten, de meeste open zaken over de termijn eerst")
                .append("</caption>\n<thead><tr><th scope=\"col\">Gemeente</th><th scope=\"col\" class=\"n\">Open</th><th scope=\"col\" class=\"n\">Opgeschort</th>")
                .append("<th scope=\"col\" class=\"n\">Over termijn</th><th scope=\"col\" class=\"n\">% over</th><th scope=\"col\" class=\"n\">Besluiten</th>")
                .append("<th scope=\"col\" class=\"n\">% tijdig</th><th scope=\"col\" class=\"n\">Dwangsom</th></tr></thead>\n<tbody>\n");
        for (Gemeente g : rijen) {
            h.append("<tr><td class=\"t\">").append(htmlTekst(g.code(), 60)).append("</td>").append(cel(g.open())).append(cel(g.opgeschort()))
                    .append(cel(g.verstreken())).append("<td class=\"n\">").append(g.aandeel() == null ? "–" : procent(g.aandeel())).append("</td>")
                    .append(cel(g.besluiten())).append("<td class=\"n\">").append(g.tijdig() == null ? "–" : procent(g.tijdig())).append("</td><td class=\"n\">")
                    .append(euro(g.dwangsom())).append("</td></tr>\n");
        }
        h.append("</tbody>\n<tfoot><tr><td>Totaal</td>").append(cel(lang(totaal, "openZaken"))).append(cel(lang(totaal, "opgeschort")))
                .append(cel(lang(totaal, "verstrekenOpen"))).append("<td class=\"n\">").append(opt(percentage(totaal, "aandeelVerstreken"))).append("</td>")
                .append(cel(lang(totaal, "besluitenInPeriode"))).append("<td class=\"n\">").append(opt(percentage(totaal, "aandeelTijdig")))
                .append("</td><td class=\"n\">").append(euro(lang(totaal, "dwangsomOpgebouwd"))).append("</td></tr></tfoot>\n</table>\n");
        if (ingekort) {
            int rest = gemeenten.size() - MAX_GEMEENTEN;
            h.append("<p class=\"klein\">En ").append(getal(rest)).append(rest == 1 ? " andere gemeente" : " andere gemeenten")
                    .append("; de volledige tabel staat in het JSON-document.</p>\n");
        }
        h.append("</div>\n");
    }

    // ---- the document, read defensively: a missing or odd field is an empty value, never an exception ----

    private record Gemeente(String code, long open, long opgeschort, long verstreken, Double aandeel, long besluiten, Double tijdig, long dwangsom) {
        static Gemeente van(JsonNode g) {
            return new Gemeente(ofStreep(tekst(g, "gemeente")), lang(g, "openZaken"), lang(g, "opgeschort"), lang(g, "verstrekenOpen"),
                    percentage(g, "aandeelVerstreken"), lang(g, "besluitenInPeriode"), percentage(g, "aandeelTijdig"), lang(g, "dwangsomOpgebouwd"));
        }
    }

    private static List<JsonNode> lijst(JsonNode n) {
        List<JsonNode> l = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(l::add);
        }
        return l;
    }

    /** A field as text: null when absent or null; a number or other value as its JSON text. */
    private static String tekst(JsonNode n, String veld) {
        JsonNode v = n.path(veld);
        return v.isMissingNode() || v.isNull() ? null : waarde(v);
    }

    private static String waarde(JsonNode v) {
        return v.isValueNode() ? v.asText() : v.toString();
    }

    private static String ofStreep(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }

    private static long lang(JsonNode n, String veld) {
        JsonNode v = n.path(veld);
        return v.isNumber() ? v.asLong() : 0;
    }

    private static Double percentage(JsonNode n, String veld) {
        JsonNode v = n.path(veld);
        return v.isNumber() && Double.isFinite(v.asDouble()) ? v.asDouble() : null;
    }

    private static long[] reeks(List<JsonNode> weken, String veld) {
        return weken.stream().mapToLong(w -> Math.max(0, lang(w, veld))).toArray();
    }

    /** Ladder → niveau → open count, in the document's order; negative or odd counts are left out. */
    private static Map<String, Map<String, Long>> escalaties(JsonNode n) {
        Map<String, Map<String, Long>> m = new LinkedHashMap<>();
        if (!n.isObject()) {
            return m;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> ladder = it.next();
            Map<String, Long> per = new LinkedHashMap<>();
            if (ladder.getValue().isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> nv = ladder.getValue().fields(); nv.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = nv.next();
                    if (e.getValue().isNumber() && e.getValue().asLong() >= 0) {
                        per.put(e.getKey(), e.getValue().asLong());
                    }
                }
            }
            m.put(ladder.getKey(), per);
        }
        return m;
    }

    private static long som(Map<String, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Levels by number ("2" before "10"); anything else after them, by text. */
    private static int vergelijkNiveau(String a, String b) {
        Integer na = nummer(a);
        Integer nb = nummer(b);
        if (na != null && nb != null) {
            return na.equals(nb) ? a.compareTo(b) : Integer.compare(na, nb);
        }
        return na != null ? -1 : nb != null ? 1 : a.compareTo(b);
    }

    private static Integer nummer(String s) {
        return s.matches("\\d{1,6}") ? Integer.valueOf(s) : null;
    }

    private static String weekEnPeriode(JsonNode d) {
        String week = tekst(d, "week");
        Matcher m = ISO_WEEK.matcher(week == null ? "" : week);
        String w = m.matches() ? "week " + Integer.parseInt(m.group(2)) : "week " + ofStreep(week);
        String periode = periode(tekst(d.path("periode"), "van"), tekst(d.path("periode"), "tot"));
        return periode == null ? w : w + " (" + periode + ")";
    }

    /** "20 t/m 26 april 2026", "27 april t/m 3 mei 2026", "28 december 2026 t/m 3 januari 2027"; null if unreadable. */
    private static String periode(String van, String tot) {
        LocalDate a = datum(van);
        LocalDate b = datum(tot);
        if (a == null || b == null || b.isBefore(a)) {
            return null;
        }
        if (a.getYear() != b.getYear()) {
            return DATUM.format(a) + " t/m " + DATUM.format(b);
        }
        if (a.getMonth() != b.getMonth()) {
            return DAG_MAAND.format(a) + " t/m " + DATUM.format(b);
        }
        return a.getDayOfMonth() + " t/m " + DATUM.format(b);
    }

    private static LocalDate datum(String s) {
        if (s == null || !ISO_DATUM.matcher(s).matches()) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static String datum(String s, DateTimeFormatter vorm) {
        LocalDate d = datum(s);
        return d == null ? null : vorm.format(d);
    }

    private static String gemaakt(String s) {
        if (s == null) {
            return null;
        }
        try {
            return TIJD.format(ZonedDateTime.ofInstant(Instant.parse(s), NEDERLAND));
        } catch (DateTimeException e) {
            return s;
        }
    }

    /** The week's number for an axis ("17"), or its text if it is no ISO week. */
    private static String week(JsonNode w) {
        String s = ofStreep(tekst(w, "week"));
        Matcher m = ISO_WEEK.matcher(s);
        return m.matches() ? String.valueOf(Integer.parseInt(m.group(2))) : schoon(s, 8);
    }

    /** The week's number in a table ("6"); with its year only when that differs from the reported week's. */
    private static String weekKort(JsonNode w, List<JsonNode> weken) {
        String s = ofStreep(tekst(w, "week"));
        Matcher m = ISO_WEEK.matcher(s);
        if (!m.matches()) {
            return htmlTekst(s, 12);
        }
        Matcher laatste = ISO_WEEK.matcher(ofStreep(tekst(weken.getLast(), "week")));
        boolean anderJaar = !laatste.matches() || !laatste.group(1).equals(m.group(1));
        return Integer.parseInt(m.group(2)) + (anderJaar ? " (" + m.group(1) + ")" : "");
    }

    // ---- text: cleaned, shortened, then encoded ----

    /**
     * Control, format (bidi overrides and isolates, zero-width characters) and separator characters become U+FFFD, so
     * they show instead of acting on the text around them; longer than {@code max} code points is cut with "…".
     */
    static String schoon(String s, int max) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), max + 1));
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (n == max) {
                b.append('…');
                break;
            }
            int type = Character.getType(c);
            boolean onzichtbaar = type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE || type == Character.UNASSIGNED;
            b.appendCodePoint(onzichtbaar ? 0xFFFD : c);
            n++;
        }
        return b.toString();
    }

    private static String htmlTekst(String s, int max) {
        return Encode.forHtml(schoon(s, max));
    }

    // ---- numbers, Dutch ----

    /** "1.442"; the same digits whatever the JVM's locale. */
    static String getal(long n) {
        String cijfers = Long.toString(Math.abs(n));
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cijfers.length(); i++) {
            if (i > 0 && (cijfers.length() - i) % 3 == 0) {
                b.append('.');
            }
            b.append(cijfers.charAt(i));
        }
        return (n < 0 ? "-" : "") + b;
    }

    /** "12,5", one decimal. */
    static String decimaal(double d) {
        BigDecimal v = BigDecimal.valueOf(d).setScale(1, RoundingMode.HALF_UP);
        long geheel = v.abs().longValue();
        int tiende = v.abs().subtract(BigDecimal.valueOf(geheel)).movePointRight(1).intValue();
        return (v.signum() < 0 ? "-" : "") + getal(geheel) + "," + tiende;
    }

    static String procent(double d) {
        return decimaal(d) + "%";
    }

    private static String procentKort(double d) {
        return (d == Math.rint(d) ? getal((long) d) : decimaal(d)) + "%";
    }

    private static String opt(Double d) {
        return d == null ? "–" : procent(d);
    }

    static String euro(long n) {
        return "€ " + getal(n);
    }

    /** A plotted number in a table cell: shown Dutch, its value in {@code data-waarde} (the test compares plot and table). */
    private static String cel(long n) {
        return "<td class=\"n\" data-waarde=\"" + n + "\">" + getal(n) + "</td>";
    }

    private static String ruw(double d) {
        return BigDecimal.valueOf(d).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    /** A round axis maximum for bars (which start at 0) at or above {@code max}: 1, 2, 4, 5, 6, 8 or 10 times a power of ten (at least 2). */
    private static long rond(long max) {
        if (max <= 2) {
            return 2;
        }
        long macht = 1;
        while (macht * 10 < max) {
            macht *= 10;
        }
        for (long m : new long[] {1, 2, 4, 5, 6, 8, 10}) {
            if (m * macht >= max) {
                return m * macht;
            }
        }
        return 10 * macht;
    }

    /**
     * A line's axis as {from, to, step}: round values around its points, in three or four steps. It starts at 0 unless
     * the lowest point is above half the highest: then it zooms in, since a week-on-week change of a few percent is
     * what the regietafel looks for (the tick labels say where the axis starts).
     */
    private static long[] bereik(long[] v) {
        long max = max(v);
        long min = max;
        for (long x : v) {
            min = Math.min(min, x);
        }
        long van = min * 2 < max ? 0 : min;
        long stap = stap((max - van) / 3.0);
        long laag = van / stap * stap;
        long hoog = Math.max(laag + stap, (max + stap - 1) / stap * stap);
        return new long[] {laag, hoog, stap};
    }

    /** The smallest 1, 2, 2.5 or 5 times a power of ten (whole numbers only) at or above {@code x}. */
    private static long stap(double x) {
        long macht = 1;
        while (true) {
            for (long[] m : new long[][] {{1, 1}, {2, 1}, {5, 2}, {5, 1}}) {
                // m[0] / m[1] times macht: 1, 2, 2.5, 5
                if (macht * m[0] % m[1] == 0 && (double) macht * m[0] / m[1] >= x) {
                    return macht * m[0] / m[1];
                }
            }
            macht *= 10;
        }
    }

    private static double rondProcent(double max) {
        for (double m : new double[] {1, 2, 5, 10, 15, 20, 25, 30, 40, 50, 60, 80, 100}) {
            if (m >= max) {
                return m;
            }
        }
        return 100;
    }

    private static long max(long[] v) {
        long m = 0;
        for (long x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    private static String tint(int i, int n) {
        return BLAUWTINTEN[index(i, n)];
    }

    private static boolean donker(int i, int n) {
        return index(i, n) >= 3;
    }

    private static int index(int i, int n) {
        return n <= 1 ? 3 : (int) Math.round((double) i * (BLAUWTINTEN.length - 1) / (n - 1));
    }

    private static String f(double d) {
        return BigDecimal.valueOf(d).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** An inline SVG plot: named by its title for screen readers, drawn at its own size and scaled to the column. */
    private static final class Svg {
        final StringBuilder h;

        Svg(StringBuilder h, int breed, int hoog, String id, String titel) {
            this.h = h;
            h.append("<svg role=\"img\" aria-labelledby=\"").append(id).append("\" viewBox=\"0 0 ").append(breed).append(' ')
                    .append(hoog).append("\" width=\"").append(breed).append("\" height=\"").append(hoog).append("\">\n<title id=\"").append(id).append("\">")
                    .append(titel).append("</title>\n");
        }

        void desc(String tekst) {
            h.append("<desc>").append(tekst).append("</desc>\n");
        }

        void lijn(String klasse, double x1, double y1, double x2, double y2) {
            h.append("<line class=\"").append(klasse).append("\" x1=\"").append(f(x1)).append("\" y1=\"").append(f(y1)).append("\" x2=\"").append(f(x2))
                    .append("\" y2=\"").append(f(y2)).append("\"/>\n");
        }

        /** {@code inhoud} is already encoded for XML. */
        void tekst(double x, double y, String anker, String klasse, String inhoud) {
            h.append("<text x=\"").append(f(x)).append("\" y=\"").append(f(y)).append('"');
            if (!"start".equals(anker)) {
                h.append(" text-anchor=\"").append(anker).append('"');
            }
            if (klasse != null) {
                h.append(" class=\"").append(klasse).append('"');
            }
            h.append('>').append(inhoud).append("</text>\n");
        }

        void eind() {
            h.append("</svg>\n");
        }
    }

    private static String hash(String stijl) {
        try {
            return "sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(stijl.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
