package nl.termijnwacht.cli;

import static nl.termijnwacht.functions.stelselrapportage.Voorbeeldrapporten.VIJANDIG;
import static nl.termijnwacht.functions.stelselrapportage.Voorbeeldrapporten.fixture;
import static nl.termijnwacht.functions.stelselrapportage.Voorbeeldrapporten.landelijk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import nl.termijnwacht.functions.stelselrapportage.Rapportpagina;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The regietafel's report page as headless Chromium (infra/chromium.sh) draws and prints it: a national week (342
 * gemeenten) and a one-gemeente week each print on one or two A4 pages, the screenshot is neither blank nor one
 * colour (its plots are drawn in their colours: the CSP admitted the style sheet), the DOM holds the four plots, and
 * hostile names from the document stay text: no element comes from them. The screenshots and the national page are
 * kept in target/ (rapportpagina.png, .html, .pdf; rapportpagina-een.png) to look at. Without Chromium this test
 * fails: it never skips.
 *
 * <p>Like {@link LadderkaartTest}, the checks are about structure, not pixels or file sizes, so they hold across the
 * Chromium versions Debian serves; its PDF reading ({@link LadderkaartTest#pdfObjecten}) is shared. The documents are
 * those of {@code RapportpaginaTest}: {@link nl.termijnwacht.functions.stelselrapportage.Voorbeeldrapporten}, from the
 * test-jar of functions/stelselrapportage.
 */
class RapportpaginaBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path UIT = Path.of("target");
    /** A4's width at 96 dpi; tall enough to see the whole page on a screen. */
    private static final int BREED = 794;
    private static final int HOOG = 2000;

    static String chromium;
    static String versie;

    @TempDir
    Path map;

    private int runs;

    @BeforeAll
    static void zoekChromium() throws Exception {
        chromium = Chromium.pad();
        versie = Chromium.versie();
        System.out.println("RapportpaginaBrowserTest: " + versie + " (" + chromium + ")");
    }

    // ---- the national week ----

    @Test
    void landelijkeWeekIsGetekendEnPrintOpHoogstensTweeA4() throws Exception {
        ObjectNode document = landelijk(342);
        String html = Rapportpagina.html(document);
        Path pagina = schrijf("landelijk", html);
        Files.createDirectories(UIT);
        Files.writeString(UIT.resolve("rapportpagina.html"), html);

        // 1. the screenshot: drawn, in the plots' colours
        Path png = UIT.resolve("rapportpagina.png").toAbsolutePath();
        chromium(pagina, "--screenshot=" + png);
        BufferedImage beeld = ImageIO.read(png.toFile());
        assertNotNull(beeld, "a PNG (" + versie + ")");
        int nietWit = 0;
        int blauw = 0;
        int vermiljoen = 0;
        int oranje = 0;
        int huisstijl = 0;
        Set<Integer> kleuren = new HashSet<>();
        for (int y = 0; y < beeld.getHeight(); y++) {
            for (int x = 0; x < beeld.getWidth(); x++) {
                int rgb = beeld.getRGB(x, y) & 0xFFFFFF;
                kleuren.add(rgb);
                if (rgb != 0xFFFFFF) {
                    nietWit++;
                }
                if (dichtBij(rgb, 0x0072B2)) {
                    blauw++;
                }
                if (dichtBij(rgb, 0xD55E00)) {
                    vermiljoen++;
                }
                if (dichtBij(rgb, 0xE69F00)) {
                    oranje++;
                }
                if (dichtBij(rgb, 0x1D5FA8)) {
                    huisstijl++;
                }
            }
        }
        int pixels = beeld.getWidth() * beeld.getHeight();
        System.out.printf("RapportpaginaBrowserTest: screenshot %d × %d, %d%% not white, %d colours, blue %d, vermilion %d, orange %d, style sheet's blue %d; "
                + "page %d bytes%n", beeld.getWidth(), beeld.getHeight(), 100L * nietWit / pixels, kleuren.size(), blauw, vermiljoen, oranje, huisstijl,
                html.getBytes(StandardCharsets.UTF_8).length);
        assertTrue(nietWit > pixels / 20, "not blank: " + nietWit + " of " + pixels + " pixels not white (" + versie + ")");
        assertTrue(kleuren.size() > 50, "many colours, not one: " + kleuren.size() + " (" + versie + ")");
        assertTrue(blauw > 2000, "the bars of besluiten tijdig and the line of open zaken, in blue: " + blauw + " pixels (" + versie + ")");
        assertTrue(vermiljoen > 2000, "the bars of the gemeenten over de termijn, in vermilion: " + vermiljoen + " pixels (" + versie + ")");
        assertTrue(oranje > 100, "te laat, hatched orange: " + oranje + " pixels (" + versie + ")");
        // the plots colour themselves (SVG attributes); the header rule and headings only if the CSP admitted the style sheet
        assertTrue(huisstijl > 1500, "the style sheet applied: its blue rule and headings, " + huisstijl + " pixels (" + versie + ")");

        // 2. the DOM as parsed: four plots, each named, and nothing but the page's own
        String dom = chromium(pagina, "--dump-dom");
        assertEquals(4, count(dom, "<svg "), "four plots (" + versie + ")");
        assertEquals(4, count(dom, "</svg>"));
        assertEquals(4, count(dom, "<table class=\"weken\"") + count(dom, "<table class=\"ladders\"") + count(dom, "<table>\n<caption>Figuur"),
                "each plot with its table");
        assertTrue(dom.contains("<h1>Stelselrapportage week 17 (20 t/m 26 april 2026)</h1>"), dom);
        assertFalse(dom.toLowerCase().contains("<script"), "no script");

        // 3. print: one or two A4 pages
        int paginas = paginas(pagina);
        System.out.println("RapportpaginaBrowserTest: 342 gemeenten → " + paginas + " A4 page(s)");
        assertTrue(paginas >= 1 && paginas <= 2, "one or two A4 pages, not " + paginas + " (" + versie + ")");
        Files.copy(map.resolve("landelijk.html.pdf"), UIT.resolve("rapportpagina.pdf"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void eenGemeentePrintOpHoogstensTweeA4() throws Exception {
        ObjectNode document = landelijk(1);
        assertEquals(1, document.get("gemeenten").size());
        Path pagina = schrijf("een", Rapportpagina.html(document));
        Files.createDirectories(UIT);
        Path png = UIT.resolve("rapportpagina-een.png").toAbsolutePath();
        chromium(pagina, "--screenshot=" + png);
        BufferedImage beeld = ImageIO.read(png.toFile());
        assertNotNull(beeld, "a PNG (" + versie + ")");
        Set<Integer> kleuren = new HashSet<>();
        for (int y = 0; y < beeld.getHeight(); y += 2) {
            for (int x = 0; x < beeld.getWidth(); x += 2) {
                kleuren.add(beeld.getRGB(x, y) & 0xFFFFFF);
            }
        }
        assertTrue(kleuren.size() > 50, "not blank: " + kleuren.size() + " colours (" + versie + ")");
        String dom = chromium(pagina, "--dump-dom");
        assertEquals(4, count(dom, "<svg "), "four plots for one gemeente too (" + versie + ")");
        assertTrue(dom.contains("<caption>Alle gemeenten, de meeste open zaken over de termijn eerst</caption>"), dom);
        int paginas = paginas(pagina);
        System.out.println("RapportpaginaBrowserTest: 1 gemeente → " + paginas + " A4 page(s)");
        assertTrue(paginas >= 1 && paginas <= 2, "one or two A4 pages, not " + paginas + " (" + versie + ")");
    }

    @Test
    void vijandigeTekstWordtInDeBrowserGeenElement() throws Exception {
        ObjectNode document = landelijk(342);
        ArrayNode gemeenten = (ArrayNode) document.get("gemeenten");
        ObjectNode esc = (ObjectNode) document.get("totaal").get("escalatiesOpen");
        for (int i = 0; i < VIJANDIG.size(); i++) {
            String v = VIJANDIG.get(i);
            ((ObjectNode) gemeenten.get(i)).put("gemeente", v).put("verstrekenOpen", 900 + i).put("openZaken", 1000).put("aandeelVerstreken", 90.0 + i);
            esc.putObject(v).put("1", 3);
            ((ArrayNode) document.get("bovenaan")).insertObject(0).put("escalatie", "termijnoverschrijding#" + v + "#ZAAK-1").put("ladder", v).put("niveau", 3)
                    .put("gemeente", v).put("sinds", "2026-03-01").put("dagen", 57);
            ((ArrayNode) document.get("aandacht")).insertObject(0).put("gemeente", v).putArray("redenen").add(v);
        }
        Path pagina = schrijf("vijandig", Rapportpagina.html(document));
        String dom = chromium(pagina, "--dump-dom");
        String klein = dom.toLowerCase();
        assertFalse(klein.contains("<script"), "no script element (" + versie + ")");
        assertFalse(klein.contains("<img"), "no img element (" + versie + ")");
        assertFalse(Pattern.compile("<[a-z][^>]*\\son[a-z]+=").matcher(klein).find(), "no event handler attribute (" + versie + ")");
        assertEquals(4, count(dom, "<svg "), "the plots are whole: none closed early (" + versie + ")");
        assertEquals(4, count(dom, "</svg>"));
        assertTrue(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the name shows as text");
        assertTrue(dom.contains("\"&gt;&lt;img src=x onerror=alert(1)&gt;"), "the name shows as text");
        assertFalse(dom.contains("\u202E"), "no bidi override reaches the page");
        // every element in the parsed page is one the page makes itself
        Matcher tag = Pattern.compile("<([a-z][a-z0-9-]*)").matcher(klein);
        Set<String> elementen = new HashSet<>();
        while (tag.find()) {
            elementen.add(tag.group(1));
        }
        elementen.removeAll(Set.of("html", "head", "meta", "title", "style", "body", "header", "main", "footer", "p", "h1", "h2", "h3", "ul", "ol", "li",
                "span", "strong", "div", "figure", "svg", "desc", "defs", "pattern", "rect", "line", "circle", "polyline", "text", "tspan", "table", "caption",
                "thead", "tbody", "tfoot", "tr", "th", "td"));
        assertTrue(elementen.isEmpty(), "elements that the page does not make: " + elementen);
    }

    @Test
    void legeWeekToontZinnenInPlaatsVanFiguren() throws Exception {
        ObjectNode document = fixture();
        ObjectNode t = JSON.createObjectNode().put("gemeenten", 0);
        for (String veld : List.of("openZaken", "opgeschort", "verstrekenOpen", "besluitenInPeriode", "tijdigInPeriode", "teLaatInPeriode",
                "dwangsomOpgebouwd", "dwangsomInPeriode", "bovenaan")) {
            t.put(veld, 0);
        }
        t.putNull("aandeelVerstreken").putNull("aandeelTijdig").putObject("escalatiesOpen");
        document.set("totaal", t);
        document.putArray("gemeenten");
        document.putArray("bovenaan");
        document.putArray("aandacht");
        document.putArray("verloop");
        Path pagina = schrijf("leeg", Rapportpagina.html(document));
        String dom = chromium(pagina, "--dump-dom");
        assertEquals(0, count(dom, "<svg"), "no empty plots");
        assertTrue(dom.contains("Er is deze week niets te melden"), dom);
        assertEquals(1, paginas(pagina), "one page");
    }

    // ---- Chromium ----

    private Path schrijf(String naam, String html) throws IOException {
        return Files.writeString(map.resolve(naam + ".html"), html);
    }

    /** Runs Chromium headless on {@code html} with {@code extra}; returns its stdout (the DOM for --dump-dom). */
    private String chromium(Path html, String... extra) throws Exception {
        int run = runs++;
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                "--user-data-dir=" + map.resolve("profiel-" + run), "--window-size=" + BREED + "," + HOOG));
        cmd.addAll(List.of(extra));
        cmd.add(html.toUri().toString());
        Path log = map.resolve("chromium-" + run + ".log");
        Path out = map.resolve("chromium-" + run + ".out");
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).redirectOutput(out.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail(versie + " did not finish within 90 s: " + Files.readString(log));
        }
        if (p.exitValue() != 0) {
            fail(versie + " exit " + p.exitValue() + ": " + Files.readString(log));
        }
        return Files.readString(out);
    }

    /** Prints {@code html} to PDF and returns its number of pages, each checked to be A4. */
    private int paginas(Path html) throws Exception {
        Path pdf = map.resolve(html.getFileName() + ".pdf");
        chromium(html, "--no-pdf-header-footer", "--print-to-pdf=" + pdf);
        byte[] bytes = Files.readAllBytes(pdf);
        assertEquals("%PDF-", new String(bytes, 0, Math.min(5, bytes.length), StandardCharsets.ISO_8859_1), "a PDF written (" + versie + ")");
        String objecten = LadderkaartTest.pdfObjecten(bytes);
        Matcher box = LadderkaartTest.MEDIABOX.matcher(objecten);
        int boxen = 0;
        while (box.find()) {
            boxen++;
            double breed = Double.parseDouble(box.group(3)) - Double.parseDouble(box.group(1));
            double hoog = Double.parseDouble(box.group(4)) - Double.parseDouble(box.group(2));
            assertTrue(Math.abs(breed - LadderkaartTest.A4_BREED_PT) < LadderkaartTest.PT_MARGE && Math.abs(hoog - LadderkaartTest.A4_HOOG_PT) < LadderkaartTest.PT_MARGE,
                    "an A4 page, not " + breed + " × " + hoog + " pt (" + versie + ")");
        }
        assertTrue(boxen > 0, "a page size in the PDF (" + versie + ")");
        return (int) LadderkaartTest.PAGINA.matcher(objecten).results().count();
    }

    private static boolean dichtBij(int rgb, int doel) {
        return Math.abs((rgb >> 16) - (doel >> 16)) < 24 && Math.abs((rgb >> 8 & 0xFF) - (doel >> 8 & 0xFF)) < 24 && Math.abs((rgb & 0xFF) - (doel & 0xFF)) < 24;
    }

    private static int count(String tekst, String deel) {
        int n = 0;
        for (int i = tekst.indexOf(deel); i >= 0; i = tekst.indexOf(deel, i + deel.length())) {
            n++;
        }
        return n;
    }
}
