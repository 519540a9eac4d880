package nl.termijnwacht.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import javax.imageio.ImageIO;
import nl.termijnwacht.aws.Ladders;
import nl.termijnwacht.core.Escalatieladder;
import nl.termijnwacht.core.Escalatieladder.Niveau;
import nl.termijnwacht.core.Escalatieladder.Vaststelling;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ladder card: its content and escaping, and — rendered by headless Chromium (infra/chromium.sh) — that it
 * shows something and prints on exactly one A4 page. Without Chromium this test fails: it never skips.
 *
 * <p>Chromium is whatever version Debian serves (infra/chromium.sh does not pin it), so the rendered checks are
 * about structure, not pixels: the page is neither blank nor dark, the header's blue is there, the foot of the page
 * is empty, and the PDF is one A4 page with a font embedded (text drawn). No check depends on exact colours, image
 * or file sizes, or how a browser version lays out its PDF objects. The version in use is logged.
 */
class LadderkaartTest {

    static final Path LADDERS = Path.of("../../infra/ladders");
    /** A4 at 96 dpi. */
    static final int BREED = 794;
    static final int HOOG = 1123;
    /** {@code /Type /Page} objects, not the {@code /Pages} tree. */
    static final Pattern PAGINA = Pattern.compile("/Type\\s*/Page(?![A-Za-z])");
    /** A page's size in points: {@code /MediaBox [0 0 595.28 841.89]}. */
    static final Pattern MEDIABOX = Pattern.compile("/MediaBox\\s*\\[\\s*([-\\d.]+)\\s+([-\\d.]+)\\s+([-\\d.]+)\\s+([-\\d.]+)\\s*]");
    /** An embedded font program: the page draws text. */
    static final Pattern FONT = Pattern.compile("/FontFile[23]?\\s");
    /** A4 in points, and how far a browser's rounding may stray from it. */
    static final double A4_BREED_PT = 595.28;
    static final double A4_HOOG_PT = 841.89;
    static final double PT_MARGE = 3;

    static String chromium;
    /** {@code chromium --version}, for the log and for every failure message. */
    static String versie;

    @TempDir
    Path map;

    @BeforeAll
    static void zoekChromium() throws Exception {
        chromium = Chromium.pad();
        versie = Chromium.versie();
        System.out.println("LadderkaartTest: " + versie + " (" + chromium + ")");
    }

    static Escalatieladder shipped(String bestand) throws IOException {
        return Ladders.lees(bestand, Files.readString(LADDERS.resolve(bestand)), "prod");
    }

    static Escalatieladder zonderVaststelling(Escalatieladder l) {
        return new Escalatieladder(l.id(), l.versie(), l.thema(), l.gemeente(), null, l.herinneringWerkdagen(), l.niveaus());
    }

    /** Runs Chromium headless on {@code html} with {@code extra}; its chatter goes to a log that a failure shows. */
    private void chromium(Path html, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--user-data-dir=" + map.resolve("profiel"), "--window-size=" + BREED + "," + HOOG));
        cmd.addAll(List.of(extra));
        cmd.add(html.toUri().toString());
        Path log = map.resolve("chromium.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(versie + " did not finish within 60 s: " + Files.readString(log));
        }
        if (p.exitValue() != 0) {
            fail(versie + " exit " + p.exitValue() + ": " + Files.readString(log));
        }
    }

    private Path kaart(Escalatieladder l, String naam) throws IOException {
        return Files.writeString(map.resolve(naam + ".html"), Ladderkaart.html(l));
    }

    /**
     * Prints {@code html} to PDF and returns its number of pages, after checking that every page is A4 and that a
     * font is embedded.
     */
    private int paginas(Path html) throws Exception {
        Path pdf = map.resolve(html.getFileName() + ".pdf");
        chromium(html, "--no-pdf-header-footer", "--print-to-pdf=" + pdf);
        byte[] bytes = Files.readAllBytes(pdf);
        assertTrue(new String(bytes, 0, Math.min(5, bytes.length), StandardCharsets.ISO_8859_1).equals("%PDF-"),
                "a PDF written (" + versie + ")");
        String objecten = pdfObjecten(bytes);
        int paginas = (int) PAGINA.matcher(objecten).results().count();
        Matcher box = MEDIABOX.matcher(objecten);
        int boxen = 0;
        while (box.find()) {
            boxen++;
            double breed = Double.parseDouble(box.group(3)) - Double.parseDouble(box.group(1));
            double hoog = Double.parseDouble(box.group(4)) - Double.parseDouble(box.group(2));
            assertTrue(Math.abs(breed - A4_BREED_PT) < PT_MARGE && Math.abs(hoog - A4_HOOG_PT) < PT_MARGE,
                    "an A4 page, not " + breed + " × " + hoog + " pt (" + versie + ")");
        }
        assertTrue(boxen > 0, "a page size in the PDF (" + versie + ")");
        assertTrue(FONT.matcher(objecten).find(), "text drawn: a font embedded in the PDF (" + versie + ")");
        return paginas;
    }

    /**
     * The PDF's objects as text: the file itself plus every stream that inflates. A browser may pack its objects
     * (pages included) into compressed object streams; this way they are counted either way.
     */
    static String pdfObjecten(byte[] pdf) {
        String tekst = new String(pdf, StandardCharsets.ISO_8859_1);
        StringBuilder alles = new StringBuilder(tekst);
        Matcher stroom = Pattern.compile("stream\\r?\\n").matcher(tekst);
        int vanaf = 0;
        while (stroom.find(vanaf)) {
            int begin = stroom.end();
            int eind = tekst.indexOf("endstream", begin);
            if (eind < 0) {
                break;
            }
            Inflater inflater = new Inflater();
            inflater.setInput(pdf, begin, eind - begin);
            ByteArrayOutputStream uit = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                while (!inflater.finished() && !inflater.needsInput()) {
                    int n = inflater.inflate(buffer);
                    if (n == 0 && inflater.needsDictionary()) {
                        break;
                    }
                    uit.write(buffer, 0, n);
                }
                alles.append('\n').append(uit.toString(StandardCharsets.ISO_8859_1));
            } catch (DataFormatException e) {
                // not a deflated stream (an image, say): nothing to read in it
            } finally {
                inflater.end();
            }
            vanaf = eind + "endstream".length();
        }
        return alles.toString();
    }

    @Test
    void kaartIsZichtbaarEnPastOpEenA4() throws Exception {
        Path html = kaart(shipped("termijnoverschrijding.yaml"), "termijnoverschrijding");
        Path png = map.resolve("termijnoverschrijding.png");
        chromium(html, "--screenshot=" + png);
        BufferedImage beeld = ImageIO.read(png.toFile());
        assertNotNull(beeld, "a PNG (" + versie + ")");
        // the window's size, give or take what a browser version spends on its own frame
        assertTrue(Math.abs(beeld.getWidth() - BREED) <= BREED / 10 && Math.abs(beeld.getHeight() - HOOG) <= HOOG / 10,
                "about A4 at 96 dpi: " + beeld.getWidth() + " × " + beeld.getHeight() + " (" + versie + ")");
        int donker = 0;
        int blauw = 0;
        Set<Integer> kleuren = new HashSet<>();
        for (int y = 0; y < beeld.getHeight(); y++) {
            for (int x = 0; x < beeld.getWidth(); x++) {
                int rgb = beeld.getRGB(x, y) & 0xFFFFFF;
                int r = rgb >> 16;
                int g = rgb >> 8 & 0xFF;
                int b = rgb & 0xFF;
                kleuren.add(rgb);
                if (r * 299 + g * 587 + b * 114 < 100_000) {
                    donker++;
                }
                if (b > 90 && r < 60 && b - r > 60) {
                    blauw++;
                }
            }
        }
        int pixels = beeld.getWidth() * beeld.getHeight();
        // measured (Chromium 150 and 156): about 6 % dark (text, header bar, level dots), hundreds of colours
        // (anti-aliased text); the bounds are wide on purpose: they tell a card from a blank or a black page
        assertTrue(donker > pixels / 50, "dark pixels: " + donker + " of " + pixels + " (" + versie + ")");
        assertTrue(donker < pixels / 3, "not a dark page: " + donker + " of " + pixels + " (" + versie + ")");
        assertTrue(kleuren.size() >= 3, "more than a flat page: " + kleuren.size() + " colours (" + versie + ")");
        assertTrue(blauw > pixels / 100, "the blue header row and level dots: " + blauw + " (" + versie + ")");
        // the foot of the page stays empty: nothing runs off it (near-white, not exactly white: colour handling
        // and anti-aliasing may differ between versions)
        int voet = 0;
        int voetDonker = 0;
        for (int y = beeld.getHeight() - 40; y < beeld.getHeight(); y++) {
            for (int x = 0; x < beeld.getWidth(); x++) {
                int rgb = beeld.getRGB(x, y) & 0xFFFFFF;
                voet++;
                if ((rgb >> 16) * 299 + (rgb >> 8 & 0xFF) * 587 + (rgb & 0xFF) * 114 < 200_000) {
                    voetDonker++;
                }
            }
        }
        assertTrue(voetDonker <= voet / 1000, "an empty foot: " + voetDonker + " of " + voet + " pixels not light (" + versie + ")");
        assertEquals(1, paginas(html), versie);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"termijnoverschrijding.yaml", "uitvoeringsknelpunt.yaml"})
    void elkeMeegeleverdeLadderOokOntwerpOpEenPagina(String bestand) throws Exception {
        Escalatieladder l = shipped(bestand);
        assertEquals(1, paginas(kaart(l, "vastgesteld")), bestand + " (" + versie + ")");
        assertEquals(1, paginas(kaart(zonderVaststelling(l), "ontwerp")), bestand + " without vaststelling (" + versie + ")");
    }

    @Test
    void achtNiveausPassenNogOpEenPagina() throws Exception {
        List<Niveau> niveaus = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            niveaus.add(new Niveau(i, "Overleg nummer " + i + " van de regio (ambtelijk)", "rol-" + i, i + 1, i + 5, i > 5));
        }
        Escalatieladder l = new Escalatieladder("lang", 12, "Een lang thema om te zien hoe de kop zich gedraagt bij veel tekst, met nog meer woorden",
                "GM0999", new Vaststelling("College van burgemeester en wethouders van een gemeente met een lange naam", LocalDate.of(2026, 10, 1),
                "B&W-2026-123456-ABCDEFG"), 3, niveaus);
        assertEquals(1, paginas(kaart(l, "lang")), versie);
    }

    @Test
    void paginasInEenGecomprimeerdeObjectstroomTellenMee() {
        // a PDF as a browser may write it: the page object packed into a deflated object stream
        byte[] pagina = "<</Type /Page /MediaBox [0 0 595.28 841.89]>>".getBytes(StandardCharsets.ISO_8859_1);
        Deflater deflater = new Deflater();
        deflater.setInput(pagina);
        deflater.finish();
        byte[] buffer = new byte[256];
        int n = deflater.deflate(buffer);
        deflater.end();
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        pdf.writeBytes("%PDF-1.5\n1 0 obj\n<</Type /ObjStm /N 1 /Filter /FlateDecode>>\nstream\n".getBytes(StandardCharsets.ISO_8859_1));
        pdf.write(buffer, 0, n);
        pdf.writeBytes("\nendstream\nendobj\n".getBytes(StandardCharsets.ISO_8859_1));
        byte[] bytes = pdf.toByteArray();
        assertEquals(0, PAGINA.matcher(new String(bytes, StandardCharsets.ISO_8859_1)).results().count(), "hidden in the raw bytes");
        String objecten = pdfObjecten(bytes);
        assertEquals(1, PAGINA.matcher(objecten).results().count(), objecten);
        assertTrue(MEDIABOX.matcher(objecten).find(), objecten);
    }

    @Test
    void kaartBevatElkNiveauEnDeVaststelling() throws IOException {
        Escalatieladder l = shipped("termijnoverschrijding.yaml");
        String html = Ladderkaart.html(l);
        assertTrue(html.contains("<html lang=\"nl\">"));
        assertTrue(html.contains("@page { size: A4;"), "A4");
        assertTrue(html.contains("Escalatieladder: Beslistermijnen omgevingsvergunningen"));
        assertTrue(html.contains("<code>termijnoverschrijding</code>, versie 1"));
        for (Niveau n : l.niveaus()) {
            String rij = html.substring(html.indexOf("<span class=\"bol\">" + n.niveau() + "</span>"));
            rij = rij.substring(0, rij.indexOf("</tr>"));
            assertTrue(rij.contains(n.naam()), rij);
            assertTrue(rij.contains("rol <code>" + n.rol() + "</code>"), rij);
            assertTrue(rij.contains(">" + n.reactieWerkdagen() + " werkdagen</td><td class=\"t\">" + n.opvolgWerkdagen() + " werkdagen</td>"), rij);
            assertTrue(rij.contains(n.informeerRegietafel() ? "<strong>ja</strong>" : ">nee<"), rij);
        }
        assertTrue(html.contains("naar niveau 2 bij geen reactie binnen 2 werkdagen, of niet opgelost binnen 5 werkdagen na oppakken"));
        assertTrue(html.contains("herinnering elke 5 werkdagen, tot de melding is opgelost"));
        assertTrue(html.contains("dan krijgt ook de regietafel bericht"));
        assertTrue(html.contains("<tr><th>Door</th><td>College van burgemeester en wethouders</td></tr>"));
        assertTrue(html.contains("<tr><th>Datum</th><td>19 december 2023</td></tr>"));
        assertTrue(html.contains("<tr><th>Kenmerk</th><td>B&amp;W-2023-412</td></tr>"));
        assertTrue(html.contains("de secretaris,") && html.contains("de burgemeester,"), "signature lines for the college");
        assertFalse(html.contains("NIET VASTGESTELD"));
        // standalone: no script, no external resource
        for (String verboden : new String[] {"<script", "http:", "https:", "src=", "url(", "<link", "@import"}) {
            assertFalse(html.toLowerCase().contains(verboden), verboden);
        }
        String ontwerp = Ladderkaart.html(zonderVaststelling(l));
        assertTrue(ontwerp.contains("<div class=\"stempelkop\">NIET VASTGESTELD — alleen voor stage local/test</div>"));
        assertTrue(ontwerp.contains("class=\"watermerk\""));
        assertEquals(Ladderkaart.html(l), html, "deterministic");
    }

    @Test
    void vijandigeTekstWordtGeescaped() {
        String kwaad = "<script>alert('x')</script> & \"<img src=x onerror=alert(1)>\"";
        Escalatieladder l = new Escalatieladder("termijnoverschrijding", 1, "Thema " + kwaad, "GM0999",
                new Vaststelling("Door " + kwaad, LocalDate.of(2026, 10, 1), "Kenmerk " + kwaad), 5,
                List.of(new Niveau(1, kwaad, "vakteam-vth", 2, 5, false), new Niveau(2, "Naam " + kwaad, "afdeling", 3, 5, true)));
        String html = Ladderkaart.html(l);
        assertFalse(html.contains("<script"), "no script element");
        assertFalse(html.contains("<img"), "no img element");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;&lt;img src=x onerror=alert(1)&gt;&quot;"), html);

        String mermaid = Ladderkaart.mermaid(l, Ladderkaart.Richting.OMLAAG);
        assertFalse(mermaid.contains("<script"), mermaid);
        for (String regel : mermaid.lines().filter(r -> r.startsWith("    n") && r.contains("[\"")).toList()) {
            String label = regel.substring(regel.indexOf("[\"") + 2, regel.lastIndexOf("\"]"));
            assertFalse(label.contains("\""), "a quote would end the label: " + regel);
        }
        assertTrue(mermaid.contains("#60;script#62;alert('x')#60;/script#62; #38; #34;#60;img"), mermaid);
    }

    @Test
    void mermaidVanDeMeegeleverdeLadder() throws IOException {
        Escalatieladder l = shipped("termijnoverschrijding.yaml");
        assertEquals("""
                %% Escalatieladder termijnoverschrijding versie 1: Beslistermijnen omgevingsvergunningen
                %% vastgesteld door College van burgemeester en wethouders op 19 december 2023, kenmerk B#38;W-2023-412
                flowchart TD
                    n1["<b>1. Vakteam VTH</b><br/>rol: vakteam-vth<br/>reageren binnen 2 werkdagen, oplossen binnen 5 werkdagen na oppakken"]
                    n2["<b>2. Afdelingshoofd VTH</b><br/>rol: afdelingshoofd-vth<br/>reageren binnen 3 werkdagen, oplossen binnen 5 werkdagen na oppakken"]
                    n3["<b>3. Gemeentesecretaris en portefeuillehouder</b><br/>rol: gemeentebestuur<br/>reageren binnen 5 werkdagen, oplossen binnen 10 werkdagen na oppakken<br/>informeert de regietafel<br/>herinnering elke 5 werkdagen tot opgelost"]
                    n1 -->|"geen reactie binnen 2 werkdagen"| n2
                    n2 -->|"geen reactie binnen 3 werkdagen"| n3
                    regietafel(["Regietafel"])
                    n3 -.->|informeert| regietafel
                    classDef regie stroke-width:3px
                    class n3 regie
                """, Ladderkaart.mermaid(l, Ladderkaart.Richting.OMLAAG));
        String omhoog = Ladderkaart.mermaid(zonderVaststelling(l), Ladderkaart.Richting.OMHOOG);
        assertTrue(omhoog.contains("\nflowchart BT\n"), omhoog);
        assertTrue(omhoog.contains("%% NIET VASTGESTELD — alleen voor stage local/test\n"), omhoog);

        Escalatieladder u = shipped("uitvoeringsknelpunt.yaml");
        String m = Ladderkaart.mermaid(u, Ladderkaart.Richting.OMLAAG);
        assertEquals(3, m.lines().filter(r -> r.contains(" -->|\"geen reactie binnen ")).count(), m);
        assertTrue(m.contains("    n3 -.->|informeert| regietafel\n    n4 -.->|informeert| regietafel\n"), m);
        assertTrue(m.contains("    class n3,n4 regie\n"), m);
    }

    @Test
    void uitlegRekentHetVoorbeeldGoed() throws IOException {
        // reached level 1 on a Monday, 2 working days: answer by Wednesday, else at 07:00 on Thursday to level 2
        List<String> uitleg = Ladderkaart.uitleg(shipped("termijnoverschrijding.yaml"));
        assertTrue(uitleg.getLast().contains("uiterlijk op woensdag; anders ligt zij op donderdag om 07.00 uur bij niveau 2"), uitleg.getLast());
        // 3 working days from Monday: Thursday, then Friday
        assertTrue(Ladderkaart.uitleg(shipped("uitvoeringsknelpunt.yaml")).getLast().contains("uiterlijk op donderdag; anders ligt zij op vrijdag"));
        Escalatieladder vijf = new Escalatieladder("x", 1, "x", null, null, 1,
                List.of(new Niveau(1, "a", "a", 4, 1, false), new Niveau(2, "b", "b", 1, 1, false)));
        assertTrue(Ladderkaart.uitleg(vijf).getLast().contains("uiterlijk op vrijdag; anders ligt zij op maandag een week later"));
    }
}
