package nl.termijnwacht.functions.stelselrapportage;

import static nl.termijnwacht.functions.stelselrapportage.Voorbeeldrapporten.VIJANDIG;
import static nl.termijnwacht.functions.stelselrapportage.Voorbeeldrapporten.fixture;
import static nl.termijnwacht.functions.stelselrapportage.Voorbeeldrapporten.landelijk;
import static nl.termijnwacht.functions.stelselrapportage.Voorbeeldrapporten.leeg;
import static nl.termijnwacht.functions.stelselrapportage.Voorbeeldrapporten.vijandig;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.owasp.encoder.Encode;

/**
 * The report page as text: every plot has a table with exactly its numbers, the figures are Dutch, hostile text from
 * the document stays text, an empty week says so, and the CSP admits exactly the page's one style sheet. The page in
 * a browser (not blank, one or two A4 pages) is {@code RapportpaginaBrowserTest} in infra/cli. Both draw the samples of
 * {@link Voorbeeldrapporten}.
 */
class RapportpaginaTest {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Every element the page may contain; anything else came from the document. */
    static final Set<String> ELEMENTEN = Set.of("html", "head", "meta", "title", "style", "body", "header", "main", "footer", "p", "h1", "h2", "h3",
            "ul", "ol", "li", "span", "strong", "div", "figure", "svg", "desc", "defs", "pattern", "rect", "line", "circle", "polyline", "text", "tspan",
            "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td");
    private static final Pattern FIGUUR = Pattern.compile("<figure class=\"plot\" id=\"([a-z-]+)\">(.*?)</figure>", Pattern.DOTALL);
    private static final Pattern WAARDE = Pattern.compile("data-waarde=\"([^\"]*)\"");
    private static final Pattern TAG = Pattern.compile("<(/?)([A-Za-z][A-Za-z0-9-]*)([^>]*)>");

    static Path bewaar(String naam, String html) throws IOException {
        Path p = Path.of("target", naam);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, html);
    }

    // ---- the tests ----

    @Test
    void elkeFiguurHeeftEenTabelMetDezelfdeGetallen() throws IOException {
        ObjectNode d = landelijk(342);
        String html = Rapportpagina.html(d);
        bewaar("rapportpagina-landelijk.html", html);
        Matcher m = FIGUUR.matcher(html);
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
            String figuur = m.group(2);
            int tabel = figuur.indexOf("<table");
            assertTrue(figuur.indexOf("<svg role=\"img\"") >= 0 && tabel > figuur.indexOf("</svg>"), m.group(1) + ": a plot, then its table");
            assertTrue(figuur.contains("<title id=\"" + m.group(1) + "-titel\">"), m.group(1) + ": the plot is named by its title");
            assertTrue(figuur.substring(tabel).contains("<caption>"), m.group(1) + ": the table has a caption");
            List<String> geplot = waarden(figuur.substring(0, tabel));
            List<String> getabeld = waarden(figuur.substring(tabel));
            assertFalse(geplot.isEmpty(), m.group(1));
            assertEquals(geplot.stream().sorted().toList(), getabeld.stream().sorted().toList(), m.group(1) + ": the plot and its table show the same numbers");
        }
        assertEquals(List.of("figuur-verloop", "figuur-besluiten", "figuur-gemeenten", "figuur-escalaties"), ids);

        // and they are the document's numbers
        List<String> verwacht = new ArrayList<>();
        for (String veld : List.of("openZaken", "verstrekenOpen")) {
            d.get("verloop").forEach(w -> verwacht.add(w.get(veld).asText()));
        }
        assertEquals(sorted(verwacht), sorted(helft(waarden(figuur(html, "figuur-verloop")))));
        verwacht.clear();
        d.get("verloop").forEach(w -> verwacht.addAll(List.of(w.get("tijdig").asText(), w.get("teLaat").asText(), w.get("besluiten").asText())));
        assertEquals(sorted(verwacht), sorted(helft(waarden(figuur(html, "figuur-besluiten")))));
        verwacht.clear();
        List<JsonNode> gemeenten = new ArrayList<>();
        d.get("gemeenten").forEach(gemeenten::add);
        gemeenten.stream().filter(g -> g.get("aandeelVerstreken").isNumber() && g.get("verstrekenOpen").asLong() > 0)
                .sorted(Comparator.comparing((JsonNode g) -> -g.get("aandeelVerstreken").asDouble()).thenComparing(g -> -g.get("verstrekenOpen").asLong())
                        .thenComparing(g -> g.get("gemeente").asText()))
                .limit(10).forEach(g -> verwacht.addAll(List.of(String.format("%.1f", g.get("aandeelVerstreken").asDouble()).replace(',', '.'),
                        g.get("verstrekenOpen").asText(), g.get("openZaken").asText())));
        assertEquals(30, verwacht.size());
        assertEquals(sorted(verwacht), sorted(helft(waarden(figuur(html, "figuur-gemeenten")))));
        verwacht.clear();
        d.get("totaal").get("escalatiesOpen").forEach(l -> {
            long som = 0;
            for (JsonNode nv : l) {
                verwacht.add(nv.asText());
                som += nv.asLong();
            }
            verwacht.add(String.valueOf(som));
        });
        assertEquals(sorted(verwacht), sorted(helft(waarden(figuur(html, "figuur-escalaties")))));
        // the plot of the top 10 names them in order
        String top = figuur(html, "figuur-gemeenten");
        assertEquals(10, count(top, "<rect x=\"66\""), "ten bars");
    }

    @Test
    void kopKerncijfersEnAandachtInHetNederlands() throws IOException {
        String html = Rapportpagina.html(fixture());
        bewaar("rapportpagina-drie.html", html);
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"nl\">"), html);
        assertTrue(html.contains("<h1>Stelselrapportage week 17 (20 t/m 26 april 2026)</h1>"), html);
        assertTrue(html.contains("bij het begin van maandag 27 april 2026"), html);
        assertTrue(html.contains("gemaakt op 27 april 2026 om 08.00 uur"), html);
        assertTrue(html.contains("<span class=\"wat\">Open zaken</span><span class=\"getal\">640</span><span class=\"sub\">waarvan 41 opgeschort</span>"
                + "<span class=\"trend\"><span aria-hidden=\"true\">▲ </span>12 meer dan vorige week</span>"), html);
        assertTrue(html.contains("<span class=\"getal\">52</span><span class=\"sub\">8,1% van de open zaken</span>"), html);
        assertTrue(html.contains("<span class=\"sub\">in de week; 89,8% tijdig, 9 te laat</span><span class=\"trend\"><span aria-hidden=\"true\">▼ </span>"
                + "1,4 procentpunt lager dan vorige week</span>"), html);
        assertTrue(html.contains("<span class=\"getal\">€ 14.420</span><span class=\"sub\">opgebouwd; <span class=\"heel\">€ 2.310</span> in de week</span>"), html);
        assertTrue(html.contains("<span class=\"wat\">Escalaties</span><span class=\"getal\">125</span><span class=\"sub\">open, in 3 ladders</span>"), html);
        // what to act on first: attention, then the items at the top of a ladder, then the plots
        int aandacht = html.indexOf("<h2>Aandacht nodig</h2>");
        int bovenaan = html.indexOf("<h2>Bovenaan de ladder</h2>");
        assertTrue(aandacht > 0 && aandacht < bovenaan && bovenaan < html.indexOf("<figure"), "attention and bovenaan before the plots");
        assertTrue(html.contains("<li><strong>GM0363</strong>: 31 zaken over de termijn (10,0%); 4 escalaties bovenaan de ladder; dwangsom € 8.210 opgebouwd</li>"),
                html);
        // bovenaan: a national item has no gemeente
        assertTrue(html.contains("<tr><td class=\"t\">uitvoeringsknelpunt#landelijk#2026-004</td><td class=\"t\">uitvoeringsknelpunt</td><td class=\"n\">2</td>"
                + "<td class=\"t\">—</td><td class=\"n\">20 april 2026</td><td class=\"n\" data-waarde=\"7\">7</td></tr>"), html);
        // all three gemeenten, most over de termijn first, with the total below
        assertTrue(html.contains("<caption>Alle gemeenten, de meeste open zaken over de termijn eerst</caption>"), html);
        assertTrue(html.indexOf("<td class=\"t\">GM0363</td><td class=\"n\" data-waarde=\"310\">") < html.indexOf("<td class=\"t\">GM0599</td><td class=\"n\" data-waarde=\"220\">"));
        assertTrue(html.contains("<td class=\"n\">87,5%</td><td class=\"n\">€ 8.210</td></tr>"), html);
        assertTrue(html.contains("<tfoot><tr><td>Totaal</td><td class=\"n\" data-waarde=\"640\">640</td>"), html);
        assertFalse(html.contains("andere gemeenten"), "nothing left out");
    }

    @Test
    void bijVeelGemeentenDe25MetDeMeesteZakenOverDeTermijn() throws IOException {
        ObjectNode d = landelijk(342);
        String html = Rapportpagina.html(d);
        String tabel = html.substring(html.indexOf("<h2>Per gemeente</h2>"));
        assertTrue(tabel.contains("<caption>De 25 gemeenten met de meeste open zaken over de termijn</caption>"), tabel);
        assertEquals(25, count(tabel.substring(tabel.indexOf("<tbody>"), tabel.indexOf("</tbody>")), "<tr>"));
        assertTrue(tabel.contains("<p class=\"klein\">En 317 andere gemeenten; de volledige tabel staat in het JSON-document.</p>"), tabel);
        List<JsonNode> gemeenten = new ArrayList<>();
        d.get("gemeenten").forEach(gemeenten::add);
        long drempel = gemeenten.stream().mapToLong(g -> g.get("verstrekenOpen").asLong()).boxed().sorted(Comparator.reverseOrder()).toList().get(24);
        Matcher rij = Pattern.compile("<tr><td class=\"t\">(GM\\d{4})</td><td class=\"n\" data-waarde=\"\\d+\">[\\d.]+</td><td class=\"n\" data-waarde=\"\\d+\">[\\d.]+</td>"
                + "<td class=\"n\" data-waarde=\"(\\d+)\">").matcher(tabel);
        long vorige = Long.MAX_VALUE;
        int n = 0;
        while (rij.find()) {
            long over = Long.parseLong(rij.group(2));
            assertTrue(over >= drempel && over <= vorige, rij.group(1) + ": " + over);
            vorige = over;
            n++;
        }
        assertEquals(25, n);
        assertTrue(html.contains("<tfoot><tr><td>Totaal</td><td class=\"n\" data-waarde=\"" + d.get("totaal").get("openZaken").asLong() + "\">"), "the total of all 342");
        // the other capped lists say what they left out
        assertTrue(html.contains("<p class=\"klein\">En 5 andere gemeenten vragen aandacht; de volledige lijst staat in het JSON-document.</p>"), html);
        assertTrue(html.contains("<p class=\"klein\">En 4 andere escalaties bovenaan; de volledige lijst staat in het JSON-document.</p>"), html);
        assertTrue(html.length() < 120_000, "the page stays small: " + html.length());
    }

    @Test
    void vijandigeTekstBlijftTekst() throws IOException {
        String html = Rapportpagina.html(vijandig());
        bewaar("rapportpagina-vijandig.html", html);
        for (String v : VIJANDIG) {
            assertFalse(html.contains(v), "never as it came: " + v);
        }
        assertFalse(html.contains("\u202E"), "no bidi override");
        assertTrue(html.contains("GM\uFFFD6630"), "the override shows as U+FFFD");
        assertTrue(html.contains(Encode.forHtml("<script>alert(1)</script>")), "escaped for HTML");
        assertTrue(html.contains(Encode.forHtml("\"><img src=x onerror=alert(1)>")), "escaped for HTML");
        assertTrue(html.contains("text-anchor=\"end\">" + Encode.forXml("</svg><scrip…") + "</text>"), "a gemeente label in the plot, escaped for SVG text");
        assertTrue(html.contains("<li><strong>" + Encode.forHtml("GM\uFFFD6630") + "</strong>"), "attention");
        // every element is one of the page's own, no attribute is an event handler
        Matcher tag = TAG.matcher(html.substring(html.indexOf("<html")));
        int svg = 0;
        int svgDicht = 0;
        while (tag.find()) {
            String naam = tag.group(2).toLowerCase();
            assertTrue(ELEMENTEN.contains(naam), "an element of the page's own: " + tag.group());
            assertFalse(tag.group(3).matches("(?is).*\\son[a-z]+\\s*=.*"), "no event handler: " + tag.group());
            assertFalse(tag.group(3).matches("(?is).*\\sstyle\\s*=.*"), "no style attribute (the CSP would refuse it): " + tag.group());
            if (naam.equals("svg")) {
                if (tag.group(1).isEmpty()) {
                    svg++;
                } else {
                    svgDicht++;
                }
            }
        }
        assertEquals(4, svg);
        assertEquals(4, svgDicht);
        assertEquals(1, count(html, "<style>"));
        assertEquals(0, count(html.toLowerCase(), "<script"));
    }

    @Test
    void eenLegeWeekZegtDatErNietsIs() throws IOException {
        String html = assertDoesNotThrow(() -> Rapportpagina.html(leeg()));
        bewaar("rapportpagina-leeg.html", html);
        for (String zin : List.of("Er is deze week niets te melden", "Geen gemeente vraagt deze week om aandacht.", "Geen open zaken in de laatste 12 weken.",
                "Geen besluiten in de laatste 12 weken.", "Geen gemeente heeft open zaken over de termijn.", "Geen open escalaties.",
                "Geen escalatie staat op het hoogste niveau van haar ladder.", "Geen gemeenten in deze rapportage.", "geen open zaken", "geen besluiten")) {
            assertTrue(html.contains(zin), zin);
        }
        assertFalse(html.contains("<svg"), "no empty plots");
        for (String fout : List.of("NaN", "Infinity", "null", "class=\"trend\"")) {
            assertFalse(html.contains(fout), fout);
        }
        // the barest document, and one with odd values, draw too
        ObjectNode kaal = JSON.createObjectNode().put("schema", Rapportpagina.SCHEMA);
        String minimaal = assertDoesNotThrow(() -> Rapportpagina.html(kaal));
        assertTrue(minimaal.contains("<h1>Stelselrapportage week —</h1>"), minimaal);
        ObjectNode vreemd = leeg();
        vreemd.put("week", 17).put("peildatum", "morgen").put("gemaakt", "ooit");
        vreemd.putObject("periode").put("van", "2026-02-30").put("tot", 5);
        ((ObjectNode) vreemd.get("totaal")).put("openZaken", "veel").putArray("escalatiesOpen");
        ((ArrayNode) vreemd.get("gemeenten")).addObject().put("gemeente", 363).put("aandeelVerstreken", "x");
        ((ArrayNode) vreemd.get("aandacht")).addObject().putNull("gemeente").put("redenen", "geen lijst");
        assertTrue(assertDoesNotThrow(() -> Rapportpagina.html(vreemd)).contains("<h1>Stelselrapportage week 17</h1>"));
    }

    @Test
    void deCspLaatPreciesDeEigenStijlToe() throws Exception {
        String html = Rapportpagina.html(landelijk(342));
        Matcher stijl = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(html);
        assertTrue(stijl.find());
        String hash = "sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(stijl.group(1).getBytes(StandardCharsets.UTF_8)));
        assertEquals("default-src 'none'; style-src '" + hash + "'; base-uri 'none'; form-action 'none'", Rapportpagina.CSP);
        assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"" + Encode.forHtmlAttribute(Rapportpagina.CSP) + "\">"));
        assertTrue(html.indexOf("Content-Security-Policy") < html.indexOf("<style>"), "the policy comes before the style sheet");
        assertTrue(stijl.group(1).contains("@page{size:A4;margin:12mm}"));
        // nothing from elsewhere: no URL but the plots' own pattern
        assertFalse(html.contains("http:") || html.contains("https:") || html.contains("//"), "no address anywhere");
        assertEquals(count(html, "url("), count(html, "url(#arcering-te-laat)"));
    }

    @Test
    void eenAnderDocumentWordtGeweigerd() {
        assertThrows(IllegalArgumentException.class, () -> Rapportpagina.html(JSON.createObjectNode().put("schema", "termijnwacht.rapportage/2")));
        assertThrows(IllegalArgumentException.class, () -> Rapportpagina.html(null));
    }

    @Test
    void getallenInHetNederlands() {
        assertEquals("1.442", Rapportpagina.getal(1442));
        assertEquals("-1.234.567", Rapportpagina.getal(-1234567));
        assertEquals("0", Rapportpagina.getal(0));
        assertEquals("€ 1.442", Rapportpagina.euro(1442));
        assertEquals("12,5%", Rapportpagina.procent(12.5));
        assertEquals("100,0%", Rapportpagina.procent(100));
        assertEquals("1.000,1", Rapportpagina.decimaal(1000.05));
        assertEquals("GM\uFFFDx…", Rapportpagina.schoon("GM\u202Exyz", 4));
        assertEquals("a😀b", Rapportpagina.schoon("a😀b", 3), "a character outside the BMP counts once and stays whole");
    }

    // ---- helpers ----

    private static String figuur(String html, String id) {
        Matcher m = FIGUUR.matcher(html);
        while (m.find()) {
            if (m.group(1).equals(id)) {
                return m.group(2);
            }
        }
        throw new AssertionError("no figure " + id);
    }

    private static List<String> waarden(String tekst) {
        List<String> l = new ArrayList<>();
        Matcher m = WAARDE.matcher(tekst);
        while (m.find()) {
            l.add(m.group(1));
        }
        return l;
    }

    /** The plot's half of a figure's values (the table's half is the same, as the first test shows). */
    private static List<String> helft(List<String> alle) {
        return alle.subList(0, alle.size() / 2);
    }

    private static List<String> sorted(List<String> l) {
        return l.stream().sorted().toList();
    }

    private static int count(String tekst, String deel) {
        int n = 0;
        for (int i = tekst.indexOf(deel); i >= 0; i = tekst.indexOf(deel, i + deel.length())) {
            n++;
        }
        return n;
    }
}
