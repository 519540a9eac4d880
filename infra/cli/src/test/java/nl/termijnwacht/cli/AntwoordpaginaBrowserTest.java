package nl.termijnwacht.cli;

import static nl.termijnwacht.local.Keten.ESCALATIES;
import static nl.termijnwacht.local.Keten.enige;
import static nl.termijnwacht.local.Keten.om;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import nl.termijnwacht.core.Escalatie;
import nl.termijnwacht.local.Keten;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answer page as a person sees it: a zaak escalates on the emulator, the notice's signed link is served by
 * {@link Urlserver} (what {@code termijnwacht serve} runs), and headless Chromium (infra/chromium.sh) opens it. A
 * screenshot (target/antwoordpagina/, one copy at /tmp/antwoordpagina.png), the rendered DOM (form, labels, the
 * link's answer chosen), and the answer given in the browser through the DevTools protocol (a click on the button,
 * the page that follows read back), then the same answer again ("al gegeven"). Without Chromium it fails, never skips.
 */
class AntwoordpaginaBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GEMEENTE = "GM0363";
    private static final String ZAAK = "ZAAK-2026-0201";
    private static final Path UIT = Path.of("target/antwoordpagina");

    static String chromium;

    @TempDir
    Path map;

    private final List<Process> processen = new ArrayList<>();
    private Urlserver server;

    @BeforeAll
    static void zoekChromium() throws Exception {
        chromium = Chromium.pad();
    }

    @AfterEach
    void stop() {
        for (Process p : processen) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        if (server != null) {
            server.close();
        }
    }

    private static int vrijePoort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private List<String> basis() {
        return new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                "--user-data-dir=" + map.resolve("profiel-" + processen.size()), "--window-size=800,1300"));
    }

    /** Chromium with {@code extra} on {@code url}, to its end; returns its stdout. */
    private String chromiumRun(String url, String... extra) throws Exception {
        List<String> cmd = basis();
        cmd.addAll(List.of(extra));
        cmd.add(url);
        Path log = map.resolve("chromium-" + processen.size() + ".log");
        Path out = map.resolve("chromium-" + processen.size() + ".out");
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).redirectOutput(out.toFile()).start();
        processen.add(p);
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            fail("chromium did not finish within 90 s: " + Files.readString(log));
        }
        assertEquals(0, p.exitValue(), "chromium: " + Files.readString(log));
        return Files.readString(out);
    }

    @Test
    void deLinkOpentEenLeesbaarFormulierEnDeKnopGeeftHetAntwoordEenKeer() throws Exception {
        int poort = vrijePoort();
        String basis = "http://127.0.0.1:" + poort + "/escalatie-antwoord/";
        Keten keten = Keten.voorTest(Map.of("ANTWOORD_URL", basis));
        keten.ontvang(GEMEENTE, ZAAK, "2026-03-02");
        keten.dagen("2026-04-27", "2026-04-29");
        String id = Escalatie.idVoorZaak(GEMEENTE, ZAAK);
        ObjectNode melding = enige(keten.ontvangen(ESCALATIES), id, "ESCALATIE", 1, ESCALATIES);
        String link = null;
        for (JsonNode a : melding.get("antwoorden")) {
            if (a.get("antwoord").asText().equals("Opgepakt")) {
                link = a.get("url").asText();
            }
        }
        assertNotNull(link, melding.toString());
        assertTrue(link.startsWith(basis + "?t="), link);
        Instant nu = om("2026-04-29", "10:00");
        server = new Urlserver(new Functies(keten.stack()), poort, () -> nu);
        var voor = keten.escalatieRuw(id);

        // 1. the screenshot: the page is drawn (not blank), with the button's blue
        Files.createDirectories(UIT);
        Path png = UIT.resolve("antwoordpagina.png").toAbsolutePath();
        chromiumRun(link, "--screenshot=" + png);
        BufferedImage beeld = ImageIO.read(png.toFile());
        assertNotNull(beeld, "a PNG");
        Files.copy(png, Path.of("/tmp/antwoordpagina.png"), StandardCopyOption.REPLACE_EXISTING);
        Set<Integer> kleuren = new HashSet<>();
        int blauw = 0;
        int donker = 0;
        for (int y = 0; y < beeld.getHeight(); y += 2) {
            for (int x = 0; x < beeld.getWidth(); x += 2) {
                int rgb = beeld.getRGB(x, y) & 0xffffff;
                kleuren.add(rgb);
                int r = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                if (b > 140 && r < 60 && g > 70 && g < 120) {
                    blauw++; // #1d5fa8, the button and the notice's edge
                }
                if (r + g + b < 150) {
                    donker++;
                }
            }
        }
        assertTrue(kleuren.size() > 20, "not blank: " + kleuren.size() + " colours");
        assertTrue(blauw > 200, "the button is drawn in its blue (CSP admitted the style sheet): " + blauw + " pixels");
        assertTrue(donker > 500, "text is drawn: " + donker + " dark pixels");

        // 2. the DOM as rendered: the form, each choice labelled, the link's answer chosen
        String dom = chromiumRun(link, "--dump-dom");
        assertTrue(dom.contains("<form method=\"post\">"), dom);
        assertTrue(dom.contains("<legend>Als Vakteam VTH (niveau 1)</legend>"), dom);
        assertTrue(Pattern.compile("<label for=\"antwoord-opgepakt\"><input type=\"radio\" name=\"antwoord\" id=\"antwoord-opgepakt\" value=\"Opgepakt\" checked=\"\" required=\"\"> Opgepakt")
                .matcher(dom).find(), dom);
        assertTrue(dom.contains("<label for=\"antwoord-opgelost\">"), dom);
        assertTrue(dom.contains("<label for=\"toelichting\">") && dom.contains("<textarea id=\"toelichting\""), dom);
        assertTrue(dom.contains("<button type=\"submit\">Antwoord geven</button>"), dom);
        assertTrue(dom.contains(ZAAK), dom);
        assertEquals(voor, keten.escalatieRuw(id), "opening (screenshot, DOM) changed nothing");

        // 3. the answer, given in the browser: a click on the button (DevTools protocol)
        try (Devtools dt = Devtools.start(this, link)) {
            dt.wacht("document.readyState === 'complete' && !!document.querySelector('form')", "the form");
            dt.evalueer("document.querySelector('#antwoord-opgepakt').click(); document.querySelector('button[type=submit]').click(); 'ok'");
            String tekst = dt.wacht("document.readyState === 'complete' && document.body.innerText.includes('is verwerkt') ? document.body.innerText : ''",
                    "the page after the answer");
            assertTrue(tekst.contains("Uw antwoord Opgepakt is verwerkt"), tekst);
            assertTrue(tekst.contains("opgepakt op woensdag 29 april 2026"), tekst);
            Files.write(UIT.resolve("antwoordpagina-verwerkt.png"), dt.screenshot());
            Escalatie.Stap s = keten.escalatieItem(id).escalatie().geschiedenis().getLast();
            assertEquals(Escalatie.Gebeurtenis.OPGEPAKT, s.gebeurtenis());
            assertEquals("link:niveau-1", s.door());
            assertEquals(nu, s.verwerkt());
            var na = keten.escalatieRuw(id);

            // 4. the same answer again, from a tab that still shows the first form: the link opened anew, Opgepakt
            //    posted as that old form would (the new page offers it no more)
            dt.evalueer("location.href = " + JSON.writeValueAsString(link) + "; 'ok'");
            dt.wacht("document.readyState === 'complete' && !!document.querySelector('form') && !document.body.innerText.includes('is verwerkt')", "the link again");
            assertEquals("false", dt.evalueer("String(!!document.querySelector('#antwoord-opgepakt'))"), "Opgepakt is offered no more");
            dt.evalueer("""
                    const f = document.querySelector('form');
                    f.querySelectorAll('input[name=antwoord]').forEach(r => r.remove());
                    const i = document.createElement('input'); i.type = 'hidden'; i.name = 'antwoord'; i.value = 'Opgepakt'; f.appendChild(i);
                    f.submit(); 'ok'""");
            String nogmaals = dt.wacht("document.readyState === 'complete' && document.body.innerText.includes('al gegeven') ? document.body.innerText : ''",
                    "the page after the same answer again");
            assertTrue(nogmaals.contains("Dit antwoord (Opgepakt) was al gegeven; er is niets veranderd."), nogmaals);
            assertEquals(na, keten.escalatieRuw(id), "the same answer again wrote nothing");
        }
        assertEquals(1, keten.escalatieItem(id).escalatie().geschiedenis().stream().filter(s -> s.gebeurtenis() == Escalatie.Gebeurtenis.OPGEPAKT).count());

        // 5. and the exact same POST replayed by a plain client: already given; from another site: refused
        String token = URI.create(link).getRawQuery().split("&")[0].substring(2);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> herhaald = http.send(HttpRequest.newBuilder(URI.create(link)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("t=" + token + "&antwoord=Opgepakt&toelichting=")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, herhaald.statusCode(), herhaald.body());
        assertTrue(herhaald.body().contains("al gegeven"), herhaald.body());
        assertEquals("no-store", herhaald.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(herhaald.headers().firstValue("Content-Security-Policy").orElse("").startsWith("default-src 'none'"));
        HttpResponse<String> vreemd = http.send(HttpRequest.newBuilder(URI.create(link)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.ofString("t=" + token + "&antwoord=Opgelost&toelichting=Twee+woorden"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, vreemd.statusCode(), vreemd.body());
        assertEquals(1, keten.escalatieItem(id).escalatie().geschiedenis().stream().filter(s -> s.gebeurtenis() == Escalatie.Gebeurtenis.OPGEPAKT).count());
    }

    /** Headless Chromium driven over the DevTools protocol (a WebSocket of java.net.http): evaluate, wait, screenshot. */
    private static final class Devtools implements AutoCloseable {
        private final WebSocket ws;
        private final BlockingQueue<JsonNode> berichten = new LinkedBlockingQueue<>();
        private final AtomicInteger volgnummer = new AtomicInteger();

        private Devtools(WebSocket ws) {
            this.ws = ws;
        }

        static Devtools start(AntwoordpaginaBrowserTest test, String url) throws Exception {
            List<String> cmd = test.basis();
            cmd.addAll(List.of("--remote-debugging-port=0", "--remote-allow-origins=*", url));
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            test.processen.add(p);
            BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
            Pattern luistert = Pattern.compile("DevTools listening on (ws://[^\\s]+)");
            String browser = null;
            long tot = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            StringBuilder gezien = new StringBuilder();
            for (String regel; browser == null && System.nanoTime() < tot && (regel = err.readLine()) != null; ) {
                gezien.append(regel).append('\n');
                Matcher m = luistert.matcher(regel);
                if (m.find()) {
                    browser = m.group(1);
                }
            }
            assertNotNull(browser, "chromium's DevTools address: " + gezien);
            Thread.ofVirtual().start(() -> {
                try {
                    err.transferTo(java.io.Writer.nullWriter());
                } catch (java.io.IOException e) {
                    // chromium stopped
                }
            });
            URI b = URI.create(browser);
            HttpClient http = HttpClient.newHttpClient();
            String pagina = null;
            for (int i = 0; i < 100 && pagina == null; i++) {
                JsonNode lijst = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://" + b.getAuthority() + "/json/list")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                for (JsonNode t : lijst) {
                    if (t.path("type").asText().equals("page")) {
                        pagina = t.get("webSocketDebuggerUrl").asText();
                    }
                }
                if (pagina == null) {
                    Thread.sleep(100);
                }
            }
            assertNotNull(pagina, "a page target");
            Devtools[] dt = new Devtools[1];
            StringBuilder deel = new StringBuilder();
            WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(pagina), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    deel.append(data);
                    if (last) {
                        try {
                            dt[0].berichten.add(JSON.readTree(deel.toString()));
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        deel.setLength(0);
                    }
                    w.request(1);
                    return CompletableFuture.completedFuture(null);
                }
            }).get(30, TimeUnit.SECONDS);
            dt[0] = new Devtools(ws);
            return dt[0];
        }

        private JsonNode stuur(String methode, ObjectNode params) throws Exception {
            int nr = volgnummer.incrementAndGet();
            ObjectNode bericht = JSON.createObjectNode().put("id", nr).put("method", methode);
            bericht.set("params", params);
            ws.sendText(bericht.toString(), true).get(10, TimeUnit.SECONDS);
            long tot = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < tot) {
                JsonNode b = berichten.poll(1, TimeUnit.SECONDS);
                if (b != null && b.path("id").asInt(-1) == nr) {
                    return b;
                }
            }
            throw new AssertionError("no answer to " + methode + " within 30 s");
        }

        /** The value of {@code js} as text; "" when the page was between documents. */
        String evalueer(String js) throws Exception {
            JsonNode a = stuur("Runtime.evaluate", JSON.createObjectNode().put("expression", js).put("returnByValue", true));
            if (a.has("error") || a.path("result").has("exceptionDetails")) {
                return "";
            }
            return a.path("result").path("result").path("value").asText("");
        }

        /** Waits (at most 30 s) until {@code js} yields something other than "", "false"; returns it. */
        String wacht(String js, String wat) throws Exception {
            long tot = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            String laatste = "";
            while (System.nanoTime() < tot) {
                laatste = evalueer(js);
                if (!laatste.isEmpty() && !laatste.equals("false")) {
                    return laatste;
                }
                Thread.sleep(150);
            }
            throw new AssertionError(wat + ": not within 30 s; page text: " + evalueer("document.body ? document.body.innerText : '(no body)'"));
        }

        byte[] screenshot() throws Exception {
            JsonNode a = stuur("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
            return Base64.getDecoder().decode(a.path("result").path("data").asText());
        }

        @Override
        public void close() {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "klaar");
        }
    }
}
