package nl.termijnwacht.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
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
import java.util.regex.Pattern;
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
 */
class LadderkaartTest {

    static final Path LADDERS = Path.of("../../infra/ladders");
    /** A4 at 96 dpi. */
    static final int BREED = 794;
    static final int HOOG = 1123;
    /** {@code /Type /Page} objects, not the {@code /Pages} tree. */
    static final Pattern PAGINA = Pattern.compile("/Type\\s*/Page(?![A-Za-z])");

    static String chromium;

    @TempDir
    Path map;

    @BeforeAll
    static void zoekChromium() throws Exception {
        Process p = new ProcessBuilder("bash", "../../infra/chromium.sh").start();
        // an install may take a few minutes on a fresh machine
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("infra/chromium.sh: no answer within 10 minutes");
        }
        String uit = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String fout = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.exitValue() != 0 || uit.isEmpty()) {
            fail("infra/chromium.sh failed (exit " + p.exitValue() + "): " + fout);
        }
        chromium = uit.lines().reduce((a, b) -> b).orElseThrow();
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
            fail("chromium did not finish within 60 s: " + Files.readString(log));
        }
        if (p.exitValue() != 0) {
            fail("chromium exit " + p.exitValue() + ": " + Files.readString(log));
        }
    }

    private Path kaart(Escalatieladder l, String naam) throws IOException {
        return Files.writeString(map.resolve(naam + ".html"), Ladderkaart.html(l));
    }

    private int paginas(Path html) throws Exception {
        Path pdf = map.resolve(html.getFileName() + ".pdf");
        chromium(html, "--no-pdf-header-footer", "--print-to-pdf=" + pdf);
        assertTrue(Files.size(pdf) > 1000, "PDF written");
        return (int) PAGINA.matcher(new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1)).results().count();
    }

    @Test
    void kaartIsZichtbaarEnPastOpEenA4() throws Exception {
        Path html = kaart(shipped("termijnoverschrijding.yaml"), "termijnoverschrijding");
        Path png = map.resolve("termijnoverschrijding.png");
        chromium(html, "--screenshot=" + png);
        BufferedImage beeld = ImageIO.read(png.toFile());
        assertNotNull(beeld, "a PNG");
        assertEquals(BREED, beeld.getWidth());
        assertEquals(HOOG, beeld.getHeight());
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
        int pixels = BREED * HOOG;
        // measured: about 6 % dark (text, header bar, level dots) and some hundreds of colours (anti-aliased text)
        assertTrue(donker > pixels / 50, "dark pixels: " + donker + " of " + pixels);
        assertTrue(donker < pixels / 3, "not a dark page: " + donker + " of " + pixels);
        assertTrue(kleuren.size() > 50, "distinct colours: " + kleuren.size());
        assertTrue(blauw > pixels / 100, "the blue header row and level dots: " + blauw);
        // the page's bottom margin stays white: nothing runs off the page
        for (int y = HOOG - 40; y < HOOG; y++) {
            for (int x = 0; x < BREED; x++) {
                assertEquals(0xFFFFFF, beeld.getRGB(x, y) & 0xFFFFFF, "white bottom margin at " + x + "," + y);
            }
        }
        assertEquals(1, paginas(html));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"termijnoverschrijding.yaml", "uitvoeringsknelpunt.yaml"})
    void elkeMeegeleverdeLadderOokOntwerpOpEenPagina(String bestand) throws Exception {
        Escalatieladder l = shipped(bestand);
        assertEquals(1, paginas(kaart(l, "vastgesteld")), bestand);
        assertEquals(1, paginas(kaart(zonderVaststelling(l), "ontwerp")), bestand + " without vaststelling");
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
        assertEquals(1, paginas(kaart(l, "lang")));
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
        assertTrue(html.contains("<tr><th>Datum</th><td>1 oktober 2026</td></tr>"));
        assertTrue(html.contains("<tr><th>Kenmerk</th><td>B&amp;W-2026-123</td></tr>"));
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
                %% vastgesteld door College van burgemeester en wethouders op 1 oktober 2026, kenmerk B#38;W-2026-123
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
