package nl.termijnwacht.functions.escalatieantwoord;

import static nl.termijnwacht.local.Keten.ESCALATIES;
import static nl.termijnwacht.local.Keten.enige;
import static nl.termijnwacht.local.Keten.om;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.termijnwacht.aws.EscalatieRepository;
import nl.termijnwacht.core.Escalatie;
import nl.termijnwacht.local.Keten;
import nl.termijnwacht.local.VastleggendeContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * escalatie-antwoord end to end on the emulator ({@link Keten}): a zaak's term lapses, the escalatie-scanner sends a
 * level its notice with signed links, and those links are opened (GET, HEAD) and answered (POST) through the handler
 * as a Function URL delivers requests (payload 2.0). Checked on the stored item (every DynamoDB attribute), never on
 * the page alone: opening changes nothing, a tampered, stale or expired link writes nothing, an accepted answer writes
 * one step with {@code door} and {@code verwerkt}. Also the bus path of the same answers ({@code ANTWOORDERS}).
 */
class EscalatieAntwoordTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GEMEENTE = "GM0363";
    private static final String HOST = "127.0.0.1:8787";
    private static final String FORM = "application/x-www-form-urlencoded";

    // ------------------------------------------------------------------ set-up

    /** A chain with zaak {@code zaak} escalated: ESCALATIE/1 sent on 2026-04-29 07:00 (and ESCALATIE/2 on 05-04 when {@code totNiveau2}). */
    private static Keten geescaleerd(String zaak, boolean totNiveau2) {
        Keten keten = Keten.voorTest();
        keten.ontvang(GEMEENTE, zaak, "2026-03-02");
        keten.dagen("2026-04-27", totNiveau2 ? "2026-05-04" : "2026-04-29");
        return keten;
    }

    private static String id(String zaak) {
        return Escalatie.idVoorZaak(GEMEENTE, zaak);
    }

    /** The link for {@code antwoord} in the one ESCALATIE notice of this level (document field {@code antwoorden}). */
    private static String link(Keten keten, String id, int niveau, String antwoord) {
        ObjectNode melding = enige(keten.ontvangen(ESCALATIES), id, "ESCALATIE", niveau, ESCALATIES);
        for (JsonNode a : melding.get("antwoorden")) {
            if (a.get("antwoord").asText().equals(antwoord)) {
                String url = a.get("url").asText();
                assertTrue(melding.get("tekst").asText().contains("- " + antwoord + ": " + url), "the text names the link too: " + melding.get("tekst"));
                return url;
            }
        }
        throw new AssertionError("no link for " + antwoord + " in " + melding.get("antwoorden"));
    }

    private static String query(String url) {
        return URI.create(url).getRawQuery();
    }

    private static String token(String url) {
        for (String paar : query(url).split("&")) {
            if (paar.startsWith("t=")) {
                return paar.substring(2);
            }
        }
        throw new AssertionError("no token in " + url);
    }

    /** A Function URL event (payload format 2.0). */
    private static String verzoek(String methode, String query, Map<String, String> extraHeaders, String body) {
        ObjectNode e = JSON.createObjectNode().put("version", "2.0").put("routeKey", "$default").put("rawPath", "/").put("rawQueryString", query);
        ObjectNode h = e.putObject("headers").put("host", HOST).put("user-agent", "Mozilla/5.0 (test)");
        extraHeaders.forEach(h::put);
        e.putObject("requestContext").put("domainName", HOST).putObject("http").put("method", methode).put("path", "/");
        if (body != null) {
            e.put("body", body).put("isBase64Encoded", false);
        }
        return e.toString();
    }

    private static String formulier(String token, String antwoord, String toelichting) {
        StringBuilder b = new StringBuilder("t=").append(URLEncoder.encode(token, StandardCharsets.UTF_8));
        if (antwoord != null) {
            b.append("&antwoord=").append(URLEncoder.encode(antwoord, StandardCharsets.UTF_8));
        }
        if (toelichting != null) {
            b.append("&toelichting=").append(URLEncoder.encode(toelichting, StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    private static JsonNode get(Keten keten, Instant op, String url) {
        return keten.invoke(keten.functie("escalatie-antwoord"), op, verzoek("GET", query(url), Map.of(), null));
    }

    private static JsonNode post(Keten keten, Instant op, String token, String antwoord, String toelichting) {
        return post(keten, op, token, antwoord, toelichting, "http://" + HOST);
    }

    private static JsonNode post(Keten keten, Instant op, String token, String antwoord, String toelichting, String origin) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("content-type", FORM);
        if (origin != null) {
            h.put("origin", origin);
        }
        return keten.invoke(keten.functie("escalatie-antwoord"), op, verzoek("POST", "", h, formulier(token, antwoord, toelichting)));
    }

    private static int status(JsonNode a) {
        return a.get("statusCode").asInt();
    }

    private static String body(JsonNode a) {
        return a.get("body").asText();
    }

    private static boolean heeftFormulier(JsonNode a) {
        return body(a).contains("<form");
    }

    private static List<Escalatie.Stap> stappen(Keten keten, String id) {
        return keten.escalatieItem(id).escalatie().geschiedenis();
    }

    private static List<String> gebeurtenissen(Keten keten, String id) {
        return stappen(keten, id).stream().map(s -> s.gebeurtenis().name()).toList();
    }

    /** Runs {@code wat} and checks that the stored item is the same afterwards, every attribute (version and all). */
    private static void veranderdNiets(Keten keten, String id, String wat, Runnable r) {
        Map<String, AttributeValue> voor = keten.escalatieRuw(id);
        EscalatieRepository.Opgeslagen voorItem = keten.escalatieItem(id);
        r.run();
        assertEquals(voor, keten.escalatieRuw(id), wat + ": the stored item changed");
        assertEquals(voorItem, keten.escalatieItem(id), wat + ": the item changed");
    }

    /** One character of {@code deel} (0 claim, 1 MAC) replaced by another base64url character, away from the padding bits. */
    private static String flip(String token, int deel, int positie) {
        String[] d = token.split("\\.");
        char[] c = d[deel].toCharArray();
        c[positie] = c[positie] == 'A' ? 'B' : 'A';
        d[deel] = new String(c);
        return d[0] + "." + d[1];
    }

    private static String[] claim(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8).split("\\|", -1);
    }

    // ------------------------------------------------------------------ (a) opening changes nothing

    @Test
    void openenToontHetItemEnEenFormulierEnVerandertNiets() {
        Keten keten = geescaleerd("ZAAK-2026-0101", false);
        String id = id("ZAAK-2026-0101");
        String opgepakt = link(keten, id, 1, "Opgepakt");
        String opgelost = link(keten, id, 1, "Opgelost");
        assertTrue(opgepakt.startsWith("http://127.0.0.1:"), opgepakt);
        assertTrue(opgepakt.contains("/escalatie-antwoord/?t="), opgepakt);
        assertEquals(token(opgepakt), token(opgelost), "one signed claim, the answer only preselects");
        assertFalse(keten.ontvangen(ESCALATIES).getFirst().get("antwoorden").toString().contains("Teruggelegd"), "level 1 cannot send back");
        Instant op = om("2026-04-29", "10:00");

        veranderdNiets(keten, id, "GET, GET, HEAD, GET by a preview bot", () -> {
            JsonNode a = get(keten, op, opgepakt);
            assertEquals(200, status(a), body(a));
            String html = body(a);
            assertTrue(heeftFormulier(a), html);
            assertTrue(html.contains("<form method=\"post\">"), html);
            assertTrue(html.contains("ZAAK-2026-0101"), "the item is shown: " + html);
            assertTrue(html.contains("open, bij niveau 1"), html);
            assertTrue(html.contains("id=\"antwoord-opgepakt\" value=\"Opgepakt\" checked"), "the link's answer is preselected: " + html);
            assertTrue(html.contains("id=\"antwoord-opgelost\" value=\"Opgelost\" required"), html);
            assertFalse(html.contains("antwoord-teruggelegd"), "level 1 is offered no Teruggelegd: " + html);
            assertTrue(html.contains("<label for=\"toelichting\">"), html);
            assertTrue(html.contains("name=\"t\" value=\"" + token(opgepakt) + "\""), "the token travels back in the form only");

            JsonNode b = get(keten, op.plusSeconds(60), opgelost);
            assertEquals(200, status(b));
            assertTrue(body(b).contains("id=\"antwoord-opgelost\" value=\"Opgelost\" checked"), body(b));

            JsonNode head = keten.invoke(keten.functie("escalatie-antwoord"), op.plusSeconds(120), verzoek("HEAD", query(opgepakt), Map.of(), null));
            assertEquals(200, status(head));
            assertEquals("", body(head));
            assertEquals("no-store", head.get("headers").get("Cache-Control").asText());

            JsonNode bot = keten.invoke(keten.functie("escalatie-antwoord"), op.plusSeconds(180),
                    verzoek("GET", query(opgepakt), Map.of("user-agent", "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)"), null));
            assertEquals(200, status(bot));
            // a GET that names an answer does not give it
            JsonNode metAntwoord = keten.invoke(keten.functie("escalatie-antwoord"), op.plusSeconds(240),
                    verzoek("GET", query(opgepakt) + "&toelichting=Gedaan%20door%20bot", Map.of(), null));
            assertEquals(200, status(metAntwoord));
        });
        assertEquals(List.of("GEOPEND"), gebeurtenissen(keten, id));
        keten.run("escalatie-scanner", om("2026-04-29", "10:30"));
        assertEquals(List.of(), keten.nieuw(ESCALATIES), "opening sent nothing");
    }

    // ------------------------------------------------------------------ (b) the POST acts, once

    @Test
    void opgepaktViaDeLinkSchrijftEenStapMetDoorEnVerwerktEnNogmaalsIsAlGegeven() {
        Keten keten = geescaleerd("ZAAK-2026-0102", false);
        String id = id("ZAAK-2026-0102");
        String token = token(link(keten, id, 1, "Opgepakt"));
        Instant op = om("2026-04-30", "09:12");
        long versie = keten.escalatieItem(id).versie();

        JsonNode a = post(keten, op, token, "Opgepakt", null);
        assertEquals(200, status(a), body(a));
        assertTrue(body(a).contains("Uw antwoord Opgepakt is verwerkt"), body(a));
        assertEquals(List.of("GEOPEND", "OPGEPAKT"), gebeurtenissen(keten, id));
        Escalatie.Stap s = stappen(keten, id).getLast();
        assertEquals("link:niveau-1", s.door());
        assertEquals(op, s.verwerkt());
        assertEquals(1, s.niveau());
        assertEquals(LocalDate.parse("2026-04-30"), s.datum());
        assertNull(s.toelichting());
        assertTrue(s.event().startsWith("link-"), s.event());
        assertFalse(s.event().contains(token) || token.contains(s.event().substring(5)), "the token itself is never stored");
        assertFalse(keten.escalatieRuw(id).toString().contains(token.split("\\.")[1]), "no MAC in the stored item");
        assertEquals(versie + 1, keten.escalatieItem(id).versie());
        assertFalse(body(a).contains("id=\"antwoord-opgepakt\""), "after Opgepakt the form offers it no more: " + body(a));
        assertTrue(body(a).contains("id=\"antwoord-opgelost\""), body(a));

        veranderdNiets(keten, id, "the same POST again", () -> {
            JsonNode b = post(keten, op.plusSeconds(30), token, "Opgepakt", null);
            assertEquals(200, status(b), body(b));
            assertTrue(body(b).contains("al gegeven"), body(b));
        });
        assertEquals(1, stappen(keten, id).stream().filter(x -> x.gebeurtenis() == Escalatie.Gebeurtenis.OPGEPAKT).count());
        keten.run("escalatie-scanner", om("2026-04-30", "10:00"));
        assertEquals(List.of(), keten.nieuw(ESCALATIES), "taking it up sends nothing");
    }

    /**
     * A person who presses the button again the next day, or adds a word and presses it again, gave the same answer
     * through the same link: "al gegeven", not a refusal about event ids, and nothing written.
     */
    @Test
    void hetzelfdeAntwoordLaterOfMetAndereToelichtingNogmaalsIsAlGegeven() {
        Keten keten = geescaleerd("ZAAK-2026-0103", false);
        String id = id("ZAAK-2026-0103");
        String token = token(link(keten, id, 1, "Opgepakt"));
        assertEquals(200, status(post(keten, om("2026-04-29", "16:00"), token, "Opgepakt", "Wij pakken dit op.")));
        veranderdNiets(keten, id, "the same answer the next day, other toelichting", () -> {
            JsonNode volgendeDag = post(keten, om("2026-04-30", "09:00"), token, "Opgepakt", "Wij pakken dit op.");
            assertTrue(body(volgendeDag).contains("al gegeven"), status(volgendeDag) + " " + body(volgendeDag));
            JsonNode anders = post(keten, om("2026-04-29", "16:05"), token, "Opgepakt", "Wij pakken dit echt op.");
            assertTrue(body(anders).contains("al gegeven"), status(anders) + " " + body(anders));
        });
    }

    // ------------------------------------------------------------------ (c) tampered links

    @Test
    void eenVeranderdeLinkGeeft403EnSchrijftNiets() {
        Keten keten = geescaleerd("ZAAK-2026-0104", false);
        String id = id("ZAAK-2026-0104");
        String token = token(link(keten, id, 1, "Opgepakt"));
        String[] delen = token.split("\\.");
        String[] c = claim(token);
        assertEquals(6, c.length, String.join("|", c));
        assertEquals(id, c[2]);
        assertEquals("1", c[4]);
        // the claim re-encoded as level 2 (and as another item), the MAC kept
        c[4] = "2";
        String alsNiveau2 = Base64.getUrlEncoder().withoutPadding().encodeToString(String.join("|", c).getBytes(StandardCharsets.UTF_8)) + "." + delen[1];
        c[4] = "1";
        c[2] = id("ZAAK-2026-0999");
        String anderItem = Base64.getUrlEncoder().withoutPadding().encodeToString(String.join("|", c).getBytes(StandardCharsets.UTF_8)) + "." + delen[1];
        Map<String, String> vervalst = new LinkedHashMap<>();
        vervalst.put("one character of the MAC", flip(token, 1, 10));
        vervalst.put("first character of the MAC", flip(token, 1, 0));
        vervalst.put("one character of the claim", flip(token, 0, 12));
        vervalst.put("one character of the claim's end (the expiry)", flip(token, 0, delen[0].length() - 3));
        vervalst.put("claim says level 2", alsNiveau2);
        vervalst.put("claim names another item", anderItem);
        vervalst.put("MAC left off", delen[0] + ".");
        vervalst.put("MAC only", "." + delen[1]);
        vervalst.put("garbage", "niet-een-token");
        Instant op = om("2026-04-29", "11:00");
        veranderdNiets(keten, id, "tampered links", () -> {
            for (var v : vervalst.entrySet()) {
                assertNotEquals(token, v.getValue(), v.getKey());
                JsonNode g = keten.invoke(keten.functie("escalatie-antwoord"), op, verzoek("GET", "t=" + v.getValue() + "&antwoord=Opgepakt", Map.of(), null));
                assertEquals(403, status(g), v.getKey() + ": " + body(g));
                assertFalse(heeftFormulier(g), v.getKey());
                assertFalse(body(g).contains("ZAAK-2026-0104"), v.getKey() + ": nothing about the item is shown");
                assertTrue(body(g).contains("Deze link werkt niet"), body(g));
                JsonNode p = post(keten, op, v.getValue(), "Opgepakt", null);
                assertEquals(403, status(p), v.getKey() + " (POST): " + body(p));
                assertFalse(heeftFormulier(p), v.getKey());
                JsonNode o = post(keten, op, v.getValue(), "Opgelost", "Besluit is verzonden aan de aanvrager.");
                assertEquals(403, status(o), v.getKey() + " (POST Opgelost): " + body(o));
            }
            JsonNode zonder = keten.invoke(keten.functie("escalatie-antwoord"), op, verzoek("GET", "", Map.of(), null));
            assertEquals(403, status(zonder), body(zonder));
        });
        assertEquals(List.of("GEOPEND"), gebeurtenissen(keten, id));
        // and the genuine link still works
        assertEquals(200, status(post(keten, op, token, "Opgepakt", null)));
        assertEquals(List.of("GEOPEND", "OPGEPAKT"), gebeurtenissen(keten, id));
    }

    // ------------------------------------------------------------------ (d) a turn that is over

    @Test
    void eenLinkVanNiveau1NadatHetItemNaarNiveau2GingWordtGeweigerd() {
        Keten keten = geescaleerd("ZAAK-2026-0105", true);
        String id = id("ZAAK-2026-0105");
        assertEquals(2, keten.escalatieItem(id).escalatie().stand().niveau());
        String oud = link(keten, id, 1, "Opgelost");
        Instant op = om("2026-05-04", "10:00");
        assertTrue(op.isBefore(Instant.ofEpochSecond(Long.parseLong(claim(token(oud))[5]))), "the old link has not expired yet: only its turn is over");
        veranderdNiets(keten, id, "a level-1 link at level 2", () -> {
            JsonNode g = get(keten, op, oud);
            assertEquals(200, status(g), body(g));
            assertFalse(heeftFormulier(g), "no form for a turn that is over: " + body(g));
            assertTrue(body(g).contains("beurt die voorbij is"), body(g));
            assertTrue(body(g).contains("open, bij niveau 2"), body(g));
            for (String antwoord : List.of("Opgepakt", "Opgelost")) {
                JsonNode p = post(keten, op, token(oud), antwoord, "Besluit is verzonden aan de aanvrager.");
                assertEquals(422, status(p), antwoord + ": " + body(p));
                assertFalse(heeftFormulier(p), body(p));
                assertTrue(body(p).contains("Niet verwerkt"), body(p));
                assertTrue(body(p).contains("niet aan zet"), body(p));
            }
        });
        assertEquals(List.of("GEOPEND", "OMHOOG"), gebeurtenissen(keten, id));
        // the level at turn can answer with its own link
        JsonNode nieuw = post(keten, op, token(link(keten, id, 2, "Opgepakt")), "Opgepakt", null);
        assertEquals(200, status(nieuw), body(nieuw));
        assertEquals("link:niveau-2", stappen(keten, id).getLast().door());
    }

    // ------------------------------------------------------------------ (e) expired

    @Test
    void eenVerlopenLinkGeeft410MetDeStandEnWeigertHetAntwoord() {
        Keten keten = geescaleerd("ZAAK-2026-0106", false);
        String id = id("ZAAK-2026-0106");
        String url = link(keten, id, 1, "Opgepakt");
        Instant verloopt = Instant.ofEpochSecond(Long.parseLong(claim(token(url))[5]));
        assertTrue(verloopt.isAfter(om("2026-05-01", "07:00")), "valid at least through level 1's answer term: " + verloopt);
        veranderdNiets(keten, id, "an expired link", () -> {
            for (Instant op : List.of(verloopt, verloopt.plusSeconds(86_400 * 30))) {
                JsonNode g = get(keten, op, url);
                assertEquals(410, status(g), op + ": " + body(g));
                assertTrue(body(g).contains("verlopen"), body(g));
                assertTrue(body(g).contains("ZAAK-2026-0106"), "the state is shown: " + body(g));
                assertTrue(body(g).contains("open, bij niveau 1"), body(g));
                assertFalse(heeftFormulier(g), body(g));
                JsonNode p = post(keten, op, token(url), "Opgepakt", null);
                assertEquals(410, status(p), body(p));
                assertTrue(body(p).contains("niet verwerkt"), body(p));
                assertFalse(heeftFormulier(p), body(p));
            }
        });
        // one second before it expires the link still verifies (the page opens; answering is up to the ladder)
        assertNotEquals(410, status(get(keten, verloopt.minusSeconds(1), url)));
    }

    // ------------------------------------------------------------------ (f) Teruggelegd needs a decision in words

    @Test
    void teruggelegdZonderWoordenGeeft422EnMetWoordenGaatHetItemEenNiveauOmlaag() {
        Keten keten = geescaleerd("ZAAK-2026-0107", true);
        String id = id("ZAAK-2026-0107");
        String url = link(keten, id, 2, "Teruggelegd");
        String token = token(url);
        Instant op = om("2026-05-04", "11:00");
        JsonNode g = get(keten, op, url);
        assertTrue(body(g).contains("id=\"antwoord-teruggelegd\" value=\"Teruggelegd\" checked"), body(g));
        veranderdNiets(keten, id, "Teruggelegd without words", () -> {
            for (String leeg : new String[] {null, "", "   ", "ok", "- - -", "123 456 789", "x y z"}) {
                JsonNode p = post(keten, op, token, "Teruggelegd", leeg);
                assertEquals(422, status(p), "'" + leeg + "': " + body(p));
                assertTrue(body(p).contains("Niet verwerkt"), body(p));
                assertTrue(heeftFormulier(p), "the form stays, to try again: " + body(p));
            }
            JsonNode zonderKeuze = post(keten, op, token, null, "Een besluit met woorden.");
            assertEquals(422, status(zonderKeuze), body(zonderKeuze));
            assertTrue(body(zonderKeuze).contains("Kies een antwoord"), body(zonderKeuze));
        });
        String besluit = "Extra capaciteit toegewezen; vakteam beslist binnen de termijn.";
        JsonNode p = post(keten, op, token, "Teruggelegd", besluit);
        assertEquals(200, status(p), body(p));
        Escalatie e = keten.escalatieItem(id).escalatie();
        assertEquals(1, e.stand().niveau(), "one level down");
        assertEquals(List.of("GEOPEND", "OMHOOG", "TERUGGELEGD"), gebeurtenissen(keten, id));
        Escalatie.Stap s = stappen(keten, id).getLast();
        assertEquals(1, s.niveau());
        assertEquals(besluit, s.toelichting());
        assertEquals("link:niveau-2", s.door());
        assertEquals(op, s.verwerkt());
        assertFalse(heeftFormulier(p), "level 2's turn is over once it sent it back: " + body(p));
        keten.run("escalatie-scanner", om("2026-05-04", "11:15"));
        List<ObjectNode> nieuw = keten.nieuw(ESCALATIES);
        assertEquals(List.of("2026-05-04T11:15 TERUGGELEGD/1 escalaties"), nieuw.stream().map(Keten::regel).toList());
    }

    // ------------------------------------------------------------------ personal data through every answer path

    /**
     * Personal data typed into the form reaches no notice, no regietafel copy and no stored step: Opgepakt and Teruggelegd
     * through level 2's link, Opgelost through the link of level 1's TERUGGELEGD notice. Each text holds several items in
     * the forms a person types them (non-breaking spaces, full-width digits and @, dots in a BSN, a link with a query).
     */
    @Test
    void persoonsgegevensUitHetFormulierBereikenGeenMeldingEnGeenTabel() {
        Keten keten = geescaleerd("ZAAK-2026-0110", true);
        String id = id("ZAAK-2026-0110");
        String token2 = token(link(keten, id, 2, "Opgepakt"));
        Map<String, String> geheimen = new LinkedHashMap<>(); // what must be gone -> where it was typed
        String opgepakt = "Overleg met dhr. J. Jansen, mail jan.jansen@gemeente.nl, bel 06\u00A012345678 of +31 (0)6 1234 5678 morgen.";
        for (String g : List.of("Jansen", "jan.jansen", "12345678", "1234 5678")) {
            geheimen.put(g, "Opgepakt");
        }
        assertEquals(200, status(post(keten, om("2026-05-04", "11:00"), token2, "Opgepakt", opgepakt)));
        String terug = "Besluit: BSN 123.456.782 niet gebruiken, adres 1234 AB 12 en Dorpsstraat 12a, aanvrager geboren 01-02-1980, rekening"
                + " NL91 ABNA 0417 1643 00, zie https://voorbeeld.nl/pad?naam=jan en vraag @pietjansen.";
        for (String g : List.of("456.782", "1234 AB", "Dorpsstraat", "1980", "0417", "voorbeeld.nl", "pietjansen")) {
            geheimen.put(g, "Teruggelegd");
        }
        assertEquals(200, status(post(keten, om("2026-05-06", "10:00"), token2, "Teruggelegd", terug)));
        keten.run("escalatie-scanner", om("2026-05-06", "10:15"));
        keten.nieuw();
        ObjectNode teruggelegd = enige(keten.ontvangen(ESCALATIES), id, "TERUGGELEGD", 1, ESCALATIES);
        String token1 = null;
        for (JsonNode a : teruggelegd.get("antwoorden")) {
            token1 = a.get("antwoord").asText().equals("Opgelost") ? token(a.get("url").asText()) : token1;
        }
        String opgelost = "Opgelost: mevrouw De Vries gebeld op \uFF10\uFF16\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF17\uFF18, trekt de aanvraag in;"
                + " mail jan\uFF20gemeente.nl.";
        for (String g : List.of("Vries", "gemeente.nl", "\uFF11\uFF12\uFF13")) {
            geheimen.put(g, "Opgelost");
        }
        JsonNode dicht = post(keten, om("2026-05-06", "11:00"), token1, "Opgelost", opgelost);
        assertEquals(200, status(dicht), body(dicht));
        keten.run("escalatie-scanner", om("2026-05-06", "11:15"));
        keten.nieuw();

        List<ObjectNode> meldingen = keten.ontvangen(ESCALATIES, Keten.REGIETAFEL);
        assertTrue(meldingen.stream().anyMatch(m -> m.get("soort").asText().equals("OPGELOST") && m.get("regietafel").asBoolean()),
                "closed without besluit: the regietafel got its copy, which is checked too");
        String opgeslagen = keten.escalatieRuw(id).toString();
        List<String> gelekt = new ArrayList<>();
        for (Map.Entry<String, String> g : geheimen.entrySet()) {
            for (ObjectNode m : meldingen) {
                if (m.toString().contains(g.getKey())) {
                    gelekt.add(g.getValue() + ": '" + g.getKey() + "' in " + m.get("soort") + "/" + m.get("niveau"));
                }
            }
            if (opgeslagen.contains(g.getKey())) {
                gelekt.add(g.getValue() + ": '" + g.getKey() + "' in table Escalaties");
            }
        }
        assertEquals(List.of(), gelekt, geheimen.size() + " items tried in " + meldingen.size() + " notices and the stored item");
        assertTrue(stappen(keten, id).stream().filter(st -> st.door() != null).allMatch(st -> st.toelichting().contains("[verwijderd]")),
                "each answer kept its words, with the personal data replaced");
        System.out.printf("persoonsgegevens via de antwoordlinks: %d geprobeerd in %d meldingen en de tabel, %d gelekt%n", geheimen.size(), meldingen.size(), gelekt.size());
    }

    // ------------------------------------------------------------------ (g) a form from elsewhere

    @Test
    void eenPostMetEenVreemdeOriginGeeft403() {
        Keten keten = geescaleerd("ZAAK-2026-0108", false);
        String id = id("ZAAK-2026-0108");
        String token = token(link(keten, id, 1, "Opgepakt"));
        Instant op = om("2026-04-29", "12:00");
        veranderdNiets(keten, id, "foreign Origin", () -> {
            for (String origin : List.of("https://evil.example", "http://127.0.0.1:9999", "http://127.0.0.1:8787.evil.example", "https://127.0.0.1:8787x")) {
                JsonNode p = post(keten, op, token, "Opgepakt", null, origin);
                assertEquals(403, status(p), origin + ": " + body(p));
                assertFalse(body(p).contains("ZAAK-2026-0108"), origin);
            }
        });
        // same origin, and no Origin at all (an older browser), are accepted
        assertEquals(200, status(post(keten, op, token, "Opgepakt", null, null)));
        assertEquals(List.of("GEOPEND", "OPGEPAKT"), gebeurtenissen(keten, id));
    }

    // ------------------------------------------------------------------ (h) headers and the log line

    @Test
    void elkeAntwoordpaginaHeeftStrengeHeadersEnDeLogregelBevatGeenToken() throws Exception {
        Keten keten = geescaleerd("ZAAK-2026-0109", false);
        String id = id("ZAAK-2026-0109");
        String url = link(keten, id, 1, "Opgepakt");
        String token = token(url);
        Instant op = om("2026-04-29", "13:00");
        Map<String, JsonNode> antwoorden = new LinkedHashMap<>();
        antwoorden.put("GET 200", get(keten, op, url));
        antwoorden.put("GET 403", keten.invoke(keten.functie("escalatie-antwoord"), op, verzoek("GET", "t=" + flip(token, 1, 7), Map.of(), null)));
        antwoorden.put("POST 422", post(keten, op, token, null, null));
        antwoorden.put("POST 403 origin", post(keten, op, token, "Opgepakt", null, "https://evil.example"));
        antwoorden.put("GET 410", get(keten, Instant.ofEpochSecond(Long.parseLong(claim(token)[5])), url));
        antwoorden.put("POST 200", post(keten, op, token, "Opgepakt", null));
        for (var a : antwoorden.entrySet()) {
            JsonNode h = a.getValue().get("headers");
            String csp = h.path("Content-Security-Policy").asText("");
            assertTrue(csp.startsWith("default-src 'none'"), a.getKey() + ": " + h);
            assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("form-action 'self'"), a.getKey() + ": " + csp);
            assertFalse(csp.contains("unsafe-inline") || csp.contains("script-src"), a.getKey() + ": " + csp);
            assertEquals("no-store", h.path("Cache-Control").asText(), a.getKey());
            assertEquals("no-referrer", h.path("Referrer-Policy").asText(), a.getKey());
            assertEquals("nosniff", h.path("X-Content-Type-Options").asText(), a.getKey());
            assertTrue(h.path("Content-Type").asText().startsWith("text/html"), a.getKey());
            String html = body(a.getValue());
            assertFalse(html.contains("<script") || html.contains("src=") || html.contains("http://") || html.contains("https://"),
                    a.getKey() + ": nothing loads from anywhere: " + html);
            // the one inline style sheet is exactly what the CSP admits by hash
            Matcher stijl = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(html);
            assertTrue(stijl.find(), a.getKey());
            String hash = "sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(stijl.group(1).getBytes(StandardCharsets.UTF_8)));
            assertTrue(csp.contains("style-src '" + hash + "'"), a.getKey() + ": " + hash + " not in " + csp);
            assertFalse(stijl.find(), "one style sheet only");
        }
        assertEquals(List.of(200, 403, 422, 403, 410, 200), antwoorden.values().stream().map(EscalatieAntwoordTest::status).toList());
        JsonNode methode = keten.invoke(keten.functie("escalatie-antwoord"), op, verzoek("PUT", query(url), Map.of(), null));
        assertEquals(405, status(methode));
        assertEquals("GET, HEAD, POST", methode.get("headers").get("Allow").asText());

        // the log line: status and duration, never the token (nor its halves) or the free text
        Keten andere = geescaleerd("ZAAK-2026-0110", false);
        String id2 = id("ZAAK-2026-0110");
        String url2 = link(andere, id2, 1, "Opgepakt");
        String token2 = token(url2);
        String geheim = "Geheime toelichting voor de log";
        VastleggendeContext ctx = new VastleggendeContext("escalatie-antwoord");
        var handler = andere.functie("escalatie-antwoord");
        andere.klok().zet(op);
        List<String> uit = new ArrayList<>();
        for (String invoer : List.of(
                verzoek("GET", query(url2), Map.of(), null),
                verzoek("HEAD", query(url2), Map.of(), null),
                verzoek("GET", "t=" + flip(token2, 1, 7), Map.of(), null),
                verzoek("POST", "", Map.of("content-type", FORM, "origin", "http://" + HOST), formulier(token2, "Opgelost", geheim + " en meer woorden")))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(invoer.getBytes(StandardCharsets.UTF_8)), out, ctx);
            uit.add(out.toString(StandardCharsets.UTF_8));
        }
        assertEquals(4, ctx.regels.size(), "one log line per request: " + ctx.regels);
        assertTrue(uit.getLast().contains("\"statusCode\":200"), uit.getLast());
        assertEquals("OPGELOST", gebeurtenissen(andere, id2).getLast(), "the logged POST did act");
        String[] delen = token2.split("\\.");
        for (String regel : ctx.regels) {
            assertTrue(regel.contains("\"status\""), regel);
            for (String verboden : List.of(token2, delen[0], delen[1], delen[1].substring(0, 16), "Geheime", id2, "ZAAK-2026-0110", "t=")) {
                assertFalse(regel.contains(verboden), "log line holds '" + verboden + "': " + regel);
            }
        }
    }

    // ------------------------------------------------------------------ (i) the bus path: ANTWOORDERS

    /** Opens item {@code zaak} directly (zaak-events would need a sender account) and lets the escalatie-scanner tell level 1. */
    private static String geopendEnGemeld(Keten keten, String zaak) {
        Instant op = om("2026-04-29", "07:00");
        keten.klok().zet(op);
        EscalatieRepository.van(keten.stack().clients()).open(Escalatie.voorVerstrekenZaak(GEMEENTE, zaak, LocalDate.parse("2026-04-28"),
                LocalDate.parse("2026-04-29")), op, null, op);
        keten.run("escalatie-scanner", op);
        String id = id(zaak);
        enige(keten.nieuw(ESCALATIES), id, "ESCALATIE", 1, ESCALATIES);
        return id;
    }

    private static String busAntwoord(Keten keten, String account, String type, Instant op, String id, int niveau, String toelichting) {
        return Keten.antwoordEvent(keten.nieuwId(), type, op, Keten.detail(id, niveau, LocalDate.ofInstant(op, Keten.AMSTERDAM).toString(), toelichting))
                .replace("\"account\":\"123456789012\"", "\"account\":\"" + account + "\"");
    }

    private static void busAfgewezen(Keten keten, String id, String wat, Instant op, String event, String redenBevat) {
        veranderdNiets(keten, id, wat, () -> {
            JsonNode uit = keten.antwoordRuw(op, event);
            assertEquals("AFGEWEZEN", uit.get("resultaat").asText(), wat + ": " + uit);
            assertTrue(uit.get("reden").asText().startsWith("account: "), wat + ": " + uit);
            assertTrue(uit.get("reden").asText().contains(redenBevat), wat + ": " + uit);
        });
        List<JsonNode> queue = keten.afgewezen();
        assertEquals(1, queue.size(), wat + ": " + queue);
        assertEquals("account", queue.getFirst().get("veld").asText(), wat);
    }

    @Test
    void inProdZonderAntwoordersWordtGeenBusantwoordToegelaten() {
        Keten keten = Keten.voorTest(Map.of("STAGE", "prod", "AFZENDERS", "123456789012=GM0363"));
        String id = geopendEnGemeld(keten, "ZAAK-2026-0111");
        Instant op = om("2026-04-29", "10:00");
        busAfgewezen(keten, id, "the zaaksysteem, bound in AFZENDERS only", op,
                busAntwoord(keten, "123456789012", "Opgepakt", op, id, 1, null), "geen gekoppeld systeem");
        busAfgewezen(keten, id, "any other account", op,
                busAntwoord(keten, "111111111111", "Opgelost", op, id, 1, "Besluit is verzonden aan de aanvrager."), "via de links");
        // the links still work in prod
        JsonNode p = post(keten, op, token(link(keten, id, 1, "Opgepakt")), "Opgepakt", null);
        assertEquals(200, status(p), body(p));
        assertEquals("link:niveau-1", stappen(keten, id).getLast().door());
    }

    @Test
    void eenAntwoorderMagAlleenAlsZijnNiveauEnEenZaaksysteemNiet() {
        Keten keten = Keten.voorTest(Map.of("STAGE", "prod", "AFZENDERS", "123456789012=GM0363", "ANTWOORDERS", "111111111111=GM0363@1"));
        String id = geopendEnGemeld(keten, "ZAAK-2026-0112");
        Instant op = om("2026-04-29", "10:00");
        busAfgewezen(keten, id, "level 2 from an account bound to level 1", op,
                busAntwoord(keten, "111111111111", "Opgepakt", op, id, 2, null), "als niveau 2");
        busAfgewezen(keten, id, "the zaaksysteem, bound in AFZENDERS only", op,
                busAntwoord(keten, "123456789012", "Opgepakt", op, id, 1, null), "geen gekoppeld systeem");
        busAfgewezen(keten, id, "an account of no binding", op,
                busAntwoord(keten, "333333333333", "Opgepakt", op, id, 1, null), "geen gekoppeld systeem");
        String andereGemeente = Escalatie.idVoorZaak("GM0599", "ZAAK-2026-0112");
        JsonNode vreemd = keten.antwoordRuw(op, busAntwoord(keten, "111111111111", "Opgepakt", op, andereGemeente, 1, null));
        assertEquals("AFGEWEZEN", vreemd.get("resultaat").asText(), vreemd.toString());
        assertTrue(vreemd.get("reden").asText().contains("gemeente GM0599"), vreemd.toString());
        keten.afgewezen();

        JsonNode goed = keten.antwoordRuw(op, busAntwoord(keten, "111111111111", "Opgepakt", op, id, 1, null));
        assertEquals("VERWERKT", goed.get("resultaat").asText(), goed.toString());
        assertEquals(List.of("GEOPEND", "OPGEPAKT"), gebeurtenissen(keten, id));
        assertEquals("bus:111111111111", stappen(keten, id).getLast().door());
        assertEquals(op, stappen(keten, id).getLast().verwerkt());
    }
}
