package nl.termijnwacht.functions.escalatieevents;

import static nl.termijnwacht.local.Keten.ESCALATIES;
import static nl.termijnwacht.local.Keten.elkeSleutelEenKeer;
import static nl.termijnwacht.local.Keten.enige;
import static nl.termijnwacht.local.Keten.REGIETAFEL;
import static nl.termijnwacht.local.Keten.gebeurtenissen;
import static nl.termijnwacht.local.Keten.om;
import static nl.termijnwacht.local.Keten.verloop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nl.termijnwacht.aws.EscalatieRepository.Opgeslagen;
import nl.termijnwacht.aws.Ladders;
import nl.termijnwacht.functions.escalatiescanner.EscalatieScan;
import nl.termijnwacht.functions.escalatiescanner.EscalatieScannerHandler;
import nl.termijnwacht.core.Escalatie;
import nl.termijnwacht.local.Keten;
import nl.termijnwacht.local.Laddertermen;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * escalatie-events end to end against the emulator, on {@link Keten}: the replies of ladder levels in the whole chain
 * (a zaak's term lapses, the termijn-scanner opens its item, the escalatie-scanner climbs the ladder and sends what a
 * reply changed). Taken up, solved, sent back down, a gemeente's own ladder, and every reply that is rejected — to the
 * rejection queue with field and reason, the item unchanged. Expected dates come from the ladder YAML
 * ({@link Laddertermen}, not through the functions' Ladders) and the Atw calendar.
 */
class EscalatieEventsKetenTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LADDERS = Path.of("../../infra/ladders");
    private static final String GEMEENTE = "GM0363";
    /** The topics of the ladder's notices. */
    private static final String[] LADDER = {ESCALATIES, REGIETAFEL};

    // ------------------------------------------------------------------ 1. taken up at level 2, not solved

    @Test
    void opgepaktOpNiveau2MaarNietOpgelostGaatNaDeOpvolgtermijnOmhoog() {
        Keten keten = Keten.voorTest();
        Laddertermen t = Laddertermen.termijnoverschrijding();
        keten.ontvang(GEMEENTE, "ZAAK-2026-0002", "2026-03-02");
        String id = Escalatie.idVoorZaak(GEMEENTE, "ZAAK-2026-0002");
        keten.dagen("2026-04-27", "2026-05-05");
        LocalDate opgepakt = LocalDate.parse("2026-05-06");
        keten.antwoordVerwerkt(om(opgepakt, "10:00"), "Opgepakt", id, 2, "Capaciteit ingepland.");
        assertEquals(keten.kalender().werkdagenNa(opgepakt, t.trede(2).opvolg()).toString(), keten.escalatieRuw(id).get("reactieUiterlijk").s());
        keten.run("escalatie-scanner", om(opgepakt, "10:15"));
        assertEquals(List.of(), keten.nieuw(LADDER), "taking it up sends nothing");
        LocalDate tot = LocalDate.parse("2026-06-15");
        keten.dagen(opgepakt, tot);

        LocalDate omhoog = keten.kalender().werkdagenNa(opgepakt, t.trede(2).opvolg() + 1);
        assertEquals(LocalDate.parse("2026-05-18"), omhoog, "hand-checked: 7, 8, 11, 12, 13 May (14 and 15 off) → Mon 18 May");
        List<String> verwacht = new ArrayList<>(List.of("2026-04-29T07:00 ESCALATIE/1 escalaties", "2026-05-04T07:00 ESCALATIE/2 escalaties"));
        verwacht.addAll(t.regels(omhoog.atTime(7, 0), "ESCALATIE", 3));
        verwacht.addAll(t.klim(keten.kalender(), 3, omhoog, tot));
        assertEquals(verwacht, verloop(keten.ontvangen(LADDER), id));
        assertEquals(List.of("GEOPEND", "OMHOOG", "OPGEPAKT", "OMHOOG"),
                gebeurtenissen(enige(keten.ontvangen(LADDER), id, "ESCALATIE", 3, ESCALATIES)));
        elkeSleutelEenKeer(keten.ontvangen(LADDER));
    }

    // ------------------------------------------------------------------ 2. solved by the level at turn

    @Test
    void opgelostDoorHetNiveauAanZetMeldtElkGeinformeerdNiveauEnDanNooitMeer() {
        Keten keten = Keten.voorTest();
        keten.ontvang(GEMEENTE, "ZAAK-2026-0031", "2026-03-02");
        keten.ontvang(GEMEENTE, "ZAAK-2026-0032", "2026-03-02");
        String boven = Escalatie.idVoorZaak(GEMEENTE, "ZAAK-2026-0031");
        String onder = Escalatie.idVoorZaak(GEMEENTE, "ZAAK-2026-0032");
        keten.dagen("2026-04-27", "2026-04-29");
        keten.antwoordVerwerkt(om("2026-04-30", "10:00"), "Opgelost", onder, 1, "Besluit verzonden.");
        keten.run("escalatie-scanner", om("2026-04-30", "10:15"));
        // the zaak has no besluit: closing it is a decision of level 1 that the regietafel is told about too
        List<ObjectNode> zonderBesluit = keten.nieuw(LADDER);
        assertEquals(List.of("2026-04-30T10:15 OPGELOST/1 escalaties", "2026-04-30T10:15 OPGELOST/1 regietafel"), verloop(zonderBesluit, onder));
        assertTrue(zonderBesluit.stream().allMatch(m -> m.get("zonderBesluit").asBoolean()), zonderBesluit.toString());
        keten.dagen("2026-04-30", "2026-05-11");
        keten.antwoordVerwerkt(om("2026-05-12", "10:00"), "Opgelost", boven, 3, "Besluit genomen en bekendgemaakt.");
        keten.run("escalatie-scanner", om("2026-05-12", "10:15"));
        List<ObjectNode> opgelost = keten.nieuw(LADDER);
        assertEquals(List.of("2026-05-12T10:15 OPGELOST/1 escalaties", "2026-05-12T10:15 OPGELOST/2 escalaties",
                "2026-05-12T10:15 OPGELOST/3 escalaties", "2026-05-12T10:15 OPGELOST/3 regietafel"), verloop(opgelost, boven));
        ObjectNode o3 = enige(opgelost, boven, "OPGELOST", 3, ESCALATIES);
        assertTrue(o3.get("reactieUiterlijk").isNull());
        assertTrue(o3.get("volgendeStap").isNull());
        assertEquals("OPGELOST", gebeurtenissen(o3).getLast());
        assertTrue(o3.get("tekst").asText().contains("Besluit genomen en bekendgemaakt."), o3.get("tekst").asText());
        assertEquals("OPGELOST", o3.get("attributen").get("soort").asText());

        keten.dagen(LocalDate.parse("2026-05-12"), LocalDate.parse("2026-05-12").plusDays(30));
        assertEquals(List.of(), keten.nieuw(LADDER), "nothing more, ever");
        assertEquals(4 + 2, keten.ontvangen(LADDER).stream().filter(m -> m.get("soort").asText().equals("OPGELOST")).count());
        assertEquals(List.of("2026-04-29T07:00 ESCALATIE/1 escalaties", "2026-04-30T10:15 OPGELOST/1 escalaties", "2026-04-30T10:15 OPGELOST/1 regietafel"),
                verloop(keten.ontvangen(LADDER), onder));
        for (String id : List.of(boven, onder)) {
            assertEquals("OPGELOST", keten.escalatieRuw(id).get("status").s());
            assertFalse(keten.escalatieRuw(id).containsKey("dueAt"), "out of the due index: " + keten.escalatieRuw(id));
        }
        assertTrue(keten.escalaties().inIndex().isEmpty());
        elkeSleutelEenKeer(keten.ontvangen(LADDER));
    }

    // ------------------------------------------------------------------ 3. sent back down

    @Test
    void teruggelegdDoorNiveau2GeeftNiveau1EenBesluitEnEenNieuweTermijn() {
        Keten keten = Keten.voorTest();
        Laddertermen t = Laddertermen.termijnoverschrijding();
        keten.ontvang(GEMEENTE, "ZAAK-2026-0005", "2026-03-02");
        String id = Escalatie.idVoorZaak(GEMEENTE, "ZAAK-2026-0005");
        keten.dagen("2026-04-27", "2026-05-05");
        String besluit = "Extra capaciteit toegewezen; vakteam beslist binnen de termijn.";
        LocalDate terug = LocalDate.parse("2026-05-06");
        keten.antwoordVerwerkt(om(terug, "10:00"), "Teruggelegd", id, 2, besluit);
        keten.run("escalatie-scanner", om(terug, "10:15"));
        List<ObjectNode> nieuw = keten.nieuw(LADDER);
        assertEquals(List.of("2026-05-06T10:15 TERUGGELEGD/1 escalaties"), nieuw.stream().map(Keten::regel).toList());
        ObjectNode tg = nieuw.getFirst();
        assertEquals("vakteam-vth", tg.get("rol").asText());
        assertEquals("TERUGGELEGD", tg.get("attributen").get("soort").asText());
        JsonNode laatste = tg.get("geschiedenis").get(tg.get("geschiedenis").size() - 1);
        assertEquals("TERUGGELEGD", laatste.get("gebeurtenis").asText());
        assertEquals(besluit, laatste.get("toelichting").asText());
        assertEquals(1, laatste.get("niveau").asInt());
        assertTrue(tg.get("tekst").asText().contains("met besluit: " + besluit), tg.get("tekst").asText());
        assertEquals(keten.kalender().werkdagenNa(terug, t.trede(1).reactie()).toString(), tg.get("reactieUiterlijk").asText(), "a fresh term");
        assertEquals("2026-05-08", tg.get("reactieUiterlijk").asText());

        LocalDate tot = LocalDate.parse("2026-06-15");
        keten.dagen(terug.plusDays(1), tot);
        List<String> verwacht = new ArrayList<>(List.of("2026-04-29T07:00 ESCALATIE/1 escalaties", "2026-05-04T07:00 ESCALATIE/2 escalaties",
                "2026-05-06T10:15 TERUGGELEGD/1 escalaties"));
        verwacht.addAll(t.klim(keten.kalender(), 1, terug, tot));
        List<String> echt = verloop(keten.ontvangen(LADDER), id);
        assertEquals(verwacht, echt);
        assertEquals("2026-05-11T07:00 ESCALATIE/2 escalaties", echt.get(3), "hand-checked: 7, 8 May, then Mon 11 May");
        elkeSleutelEenKeer(keten.ontvangen(LADDER));
    }

    // ------------------------------------------------------------------ 4. a gemeente's own ladder

    private static final String VARIANT = """
            id: termijnoverschrijding
            versie: 2
            thema: Beslistermijnen omgevingsvergunningen, eigen ladder
            gemeente: GM0999
            herinneringWerkdagen: 2
            niveaus:
              - niveau: 1
                naam: Team vergunningen
                rol: team-vergunningen
                reactieWerkdagen: 1
                opvolgWerkdagen: 1
              - niveau: 2
                naam: Teamleider
                rol: teamleider
                reactieWerkdagen: 1
                opvolgWerkdagen: 1
              - niveau: 3
                naam: Directeur
                rol: directeur
                reactieWerkdagen: 1
                opvolgWerkdagen: 1
                informeerRegietafel: true
              - niveau: 4
                naam: Burgemeester
                rol: burgemeester
                reactieWerkdagen: 1
                opvolgWerkdagen: 1
                informeerRegietafel: true
            """;

    @Test
    void eenGemeenteMetEenEigenLadderVolgtDieDeAnderenDeStandaard(@TempDir Path map) throws IOException {
        try (var bestanden = Files.list(LADDERS)) {
            for (Path p : bestanden.toList()) {
                Files.copy(p, map.resolve(p.getFileName()));
            }
        }
        Files.writeString(map.resolve("termijnoverschrijding.GM0999.yaml"), VARIANT);
        Ladders ladders = Ladders.uitMap(map, "test");
        // escalatie-scanner and escalatie-events read these ladders; the rest of their configuration is the stack's
        Keten keten = Keten.voorTest()
                .met("escalatie-events", (aws, klok) -> new EscalatieEventsHandler(aws, ladders, klok))
                .met("escalatie-scanner", (aws, klok) -> new EscalatieScannerHandler(aws, new EscalatieScan(aws, ladders, JSON), klok));
        keten.ontvang("GM0999", "ZAAK-2026-0999", "2026-03-02");
        keten.ontvang("GM0001", "ZAAK-2026-0001", "2026-03-02");
        String variant = Escalatie.idVoorZaak("GM0999", "ZAAK-2026-0999");
        String gewoon = Escalatie.idVoorZaak("GM0001", "ZAAK-2026-0001");
        LocalDate geopend = LocalDate.parse("2026-04-29");
        LocalDate tot = LocalDate.parse("2026-05-29");
        keten.dagen(LocalDate.parse("2026-04-27"), tot);

        Laddertermen eigen = Laddertermen.uit(map.resolve("termijnoverschrijding.GM0999.yaml"));
        Laddertermen std = Laddertermen.termijnoverschrijding();
        List<String> verwachtEigen = new ArrayList<>(eigen.regels(geopend.atTime(7, 0), "ESCALATIE", 1));
        verwachtEigen.addAll(eigen.klim(keten.kalender(), 1, geopend, tot));
        List<String> verwachtStd = new ArrayList<>(std.regels(geopend.atTime(7, 0), "ESCALATIE", 1));
        verwachtStd.addAll(std.klim(keten.kalender(), 1, geopend, tot));
        List<String> echtEigen = verloop(keten.ontvangen(LADDER), variant);
        assertEquals(verwachtEigen, echtEigen);
        assertEquals(verwachtStd, verloop(keten.ontvangen(LADDER), gewoon));
        // hand-checked: 1 day a level from Wed 04-29 → Fri 05-01, Wed 05-06 (05-04 counts, 05-05 off), Fri 05-08
        assertEquals(List.of("2026-04-29T07:00 ESCALATIE/1 escalaties", "2026-05-01T07:00 ESCALATIE/2 escalaties",
                "2026-05-06T07:00 ESCALATIE/3 escalaties", "2026-05-06T07:00 ESCALATIE/3 regietafel",
                "2026-05-08T07:00 ESCALATIE/4 escalaties", "2026-05-08T07:00 ESCALATIE/4 regietafel"), echtEigen.subList(0, 6));

        ObjectNode e4 = enige(keten.ontvangen(LADDER), variant, "ESCALATIE", 4, ESCALATIES);
        assertEquals("burgemeester", e4.get("rol").asText());
        assertEquals("burgemeester", e4.get("attributen").get("rol").asText());
        assertEquals(2, e4.get("ladderVersie").asInt());
        assertTrue(e4.get("tekst").asText().contains("Ladder termijnoverschrijding (GM0999) versie 2"), e4.get("tekst").asText());
        assertEquals("vakteam-vth", enige(keten.ontvangen(LADDER), gewoon, "ESCALATIE", 1, ESCALATIES).get("rol").asText());

        // escalatie-events reads the same ladders: level 4 exists for GM0999 only
        Instant later = om(tot.plusDays(1), "10:00");
        assertEquals("VERWERKT", keten.antwoord(later, "Opgepakt", variant, 4, null).get("resultaat").asText());
        JsonNode af = keten.antwoord(later, "Opgepakt", gewoon, 4, null);
        assertEquals("AFGEWEZEN", af.get("resultaat").asText(), af.toString());
        assertEquals("niveau", keten.afgewezen().getFirst().get("veld").asText());
        elkeSleutelEenKeer(keten.ontvangen(LADDER));
    }

    // ------------------------------------------------------------------ 5. rejected replies

    private static String bestand(String naam) {
        try {
            return Files.readString(Path.of("../../events").resolve(naam));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A reply that must be rejected on {@code veld}, with the item(s) unchanged, stored version and all. */
    private static void afgewezen(Keten keten, String wat, Instant op, String invoer, String veld, String redenBevat, String... items) {
        Map<String, Opgeslagen> voor = new HashMap<>();
        Map<String, Map<String, AttributeValue>> ruwVoor = new HashMap<>();
        for (String i : items) {
            voor.put(i, keten.escalatieItem(i));
            ruwVoor.put(i, keten.escalatieRuw(i));
        }
        JsonNode uit = keten.antwoordRuw(op, invoer);
        assertEquals("AFGEWEZEN", uit.get("resultaat").asText(), wat + ": " + uit);
        List<JsonNode> queue = keten.afgewezen();
        assertEquals(1, queue.size(), wat + ": " + queue);
        JsonNode a = queue.getFirst();
        assertEquals("termijnwacht.afwijzing/1", a.get("schema").asText());
        assertEquals("escalatie-events", a.get("functie").asText());
        assertEquals(veld, a.get("veld").asText(), wat + ": " + a);
        assertTrue(a.get("reden").asText().contains(redenBevat), wat + ": " + a.get("reden").asText());
        assertNotNull(a.get("event"), wat);
        for (String i : items) {
            assertEquals(voor.get(i), keten.escalatieItem(i), wat + ": item changed");
            assertEquals(ruwVoor.get(i), keten.escalatieRuw(i), wat + ": stored item changed");
        }
    }

    @Test
    void elkAfgewezenAntwoordGaatNaarDeAfwijzingsqueueEnVerandertNiets() {
        Keten keten = Keten.voorTest();
        // ZAAK-2026-0001 is the zaak the sample events in events/ name
        keten.ontvang(GEMEENTE, "ZAAK-2026-0001", "2026-03-02");
        keten.ontvang(GEMEENTE, "ZAAK-2026-0071", "2026-03-02");
        String id = Escalatie.idVoorZaak(GEMEENTE, "ZAAK-2026-0001");
        String dicht = Escalatie.idVoorZaak(GEMEENTE, "ZAAK-2026-0071");
        keten.dagen("2026-04-27", "2026-04-29");

        Instant dertig = om("2026-04-30", "10:00");
        afgewezen(keten, "Teruggelegd van niveau 1", dertig, Keten.antwoordEvent(keten.nieuwId(), "Teruggelegd", dertig,
                Keten.detail(id, 1, "2026-04-30", "Geen besluit mogelijk.")), "niveau", "laagste niveau", id);
        keten.antwoordVerwerkt(dertig, "Opgelost", dicht, 1, "Besluit verzonden.");
        keten.dagen("2026-04-30", "2026-05-07");
        assertEquals(2, keten.escalatieItem(id).escalatie().stand().niveau());

        Instant op = om("2026-05-07", "10:00");
        List<String> beide = List.of(id, dicht);
        String[] items = beide.toArray(String[]::new);
        afgewezen(keten, "niveau niet aan zet (events/escalatie-events/Opgepakt.json, niveau 1)", op, bestand("escalatie-events/Opgepakt.json"),
                "niveau", "niet aan zet", items);
        afgewezen(keten, "niveau boven het niveau aan zet", op, antwoord(keten, "Opgepakt", op, id, 3, "2026-05-07", null), "niveau", "niet aan zet", items);
        afgewezen(keten, "onbekende escalatie", op, bestand("afgewezen/antwoord-onbekende-escalatie.json"), "escalatie", "onbekende escalatie", items);
        afgewezen(keten, "opgeloste escalatie", op, antwoord(keten, "Opgepakt", op, dicht, 1, "2026-05-07", null), "escalatie", "al opgelost", items);
        afgewezen(keten, "niveau ontbreekt", op, bestand("afgewezen/antwoord-niveau-ontbreekt.json"), "niveau", "ontbreekt", items);
        afgewezen(keten, "niveau \"twee\"", op, Keten.antwoordEvent(keten.nieuwId(), "Opgepakt", op,
                "{\"escalatie\":\"" + id + "\",\"niveau\":\"twee\",\"datum\":\"2026-05-07\"}"), "niveau", "geheel getal", items);
        afgewezen(keten, "niveau 2.5", op, Keten.antwoordEvent(keten.nieuwId(), "Opgepakt", op,
                "{\"escalatie\":\"" + id + "\",\"niveau\":2.5,\"datum\":\"2026-05-07\"}"), "niveau", "geheel getal", items);
        afgewezen(keten, "ongeldige datum", op, antwoord(keten, "Opgepakt", op, id, 2, "2026-02-30", null), "datum", "geen bestaande datum", items);
        afgewezen(keten, "datum in de toekomst", op, antwoord(keten, "Opgepakt", op, id, 2, "2026-05-08", null), "datum", "na vandaag", items);
        afgewezen(keten, "datum voor de dag dat het niveau het kreeg", op, antwoord(keten, "Opgepakt", op, id, 2, "2026-05-01", null),
                "datum", "ligt voor 2026-05-04", items);
        afgewezen(keten, "onbekend detail-type", op, bestand("afgewezen/antwoord-onbekend-type.json"), "detail-type", "onbekend antwoord", items);
        afgewezen(keten, "geen JSON", op, "{\"id\":\"x-1\",\"detail-type\":\"Opgepakt\",", "event", "geen geldige JSON", items);
        afgewezen(keten, "detail is tekst", op, Keten.antwoordEvent(keten.nieuwId(), "Opgepakt", op, "\"" + id + "\""), "detail", "geen JSON-object", items);
        afgewezen(keten, "detail is een lijst", op, Keten.antwoordEvent(keten.nieuwId(), "Opgepakt", op, "[]"), "detail", "geen JSON-object", items);
        afgewezen(keten, "Teruggelegd zonder besluit", op, bestand("afgewezen/teruggelegd-zonder-besluit.json"), "toelichting", "verplicht", items);
        afgewezen(keten, "andere bron", op, antwoord(keten, "Opgepakt", op, id, 2, "2026-05-07", null).replace("termijnwacht.escalaties", "termijnwacht.zaken"),
                "source", "geen escalatiebron", items);

        String opgepakt = antwoord(keten, "Opgepakt", op, id, 2, "2026-05-07", "Wordt opgepakt.");
        assertEquals("VERWERKT", keten.antwoordRuw(op, opgepakt).get("resultaat").asText());
        afgewezen(keten, "tweede Opgepakt", op, antwoord(keten, "Opgepakt", op, id, 2, "2026-05-07", null), "escalatie", "al opgepakt", items);

        // the same reply delivered again: recognised, nothing changes, nothing rejected
        Map<String, AttributeValue> voor = keten.escalatieRuw(id);
        JsonNode nogmaals = keten.antwoordRuw(om("2026-05-07", "11:00"), opgepakt);
        assertEquals("AL_VERWERKT", nogmaals.get("resultaat").asText(), nogmaals.toString());
        assertEquals(voor, keten.escalatieRuw(id));
        assertEquals(List.of(), keten.afgewezen());
        // the same event id for another reply is refused
        String ander = opgepakt.replace("\"detail-type\":\"Opgepakt\"", "\"detail-type\":\"Opgelost\"");
        afgewezen(keten, "event-id hergebruikt", op, ander, "id", "al gebruikt", items);

        keten.run("escalatie-scanner", om("2026-05-07", "10:30"));
        assertEquals(List.of(), keten.nieuw(LADDER), "no rejected reply made a notice");
        assertEquals(List.of("GEOPEND", "OMHOOG", "OPGEPAKT"), keten.escalatieItem(id).escalatie().geschiedenis().stream().map(s -> s.gebeurtenis().name()).toList());
    }

    // ------------------------------------------------------------------ senders bound to gemeenten

    /**
     * A sender bound to another gemeente learns nothing: its reply is refused on the gemeente in the item's id before the
     * item is read, with the same reason whether the item exists or not (it could tell them apart by "onbekende
     * escalatie" before). A sender bound to the gemeente still gets that answer for an unknown item.
     */
    @Test
    void eenAfzenderVanEenAndereGemeenteLeertNietOfEenEscalatieBestaat() {
        // bound as answering integrations; a zaaksysteem binding (AFZENDERS) would grant nothing here
        Keten keten = Keten.voorTest(Map.of("ANTWOORDERS", "123456789012=GM0363@1;222222222222=GM0599@1"));
        Instant op = om("2026-04-30", "10:00");
        keten.klok().zet(op);
        String bestaat = Escalatie.idVoorZaak(GEMEENTE, "ZAAK-2026-0001");
        nl.termijnwacht.aws.EscalatieRepository.van(keten.stack().clients()).open(nl.termijnwacht.core.Escalatie.voorVerstrekenZaak(GEMEENTE,
                "ZAAK-2026-0001", LocalDate.parse("2026-04-28"), LocalDate.parse("2026-04-29")), op, null, op);
        String bestaatNiet = Escalatie.idVoorZaak(GEMEENTE, "ZAAK-2026-0999");

        List<String> redenen = new ArrayList<>();
        for (String escalatie : List.of(bestaat, bestaatNiet)) {
            String vreemd = antwoord(keten, "Opgelost", op, escalatie, 1, "2026-04-30", "Opgelost door de andere gemeente.")
                    .replace("\"account\":\"123456789012\"", "\"account\":\"222222222222\"");
            JsonNode uit = keten.antwoordRuw(op, vreemd);
            assertEquals("AFGEWEZEN", uit.get("resultaat").asText(), uit.toString());
            assertTrue(uit.get("reden").asText().startsWith("account: "), uit.toString());
            redenen.add(uit.get("reden").asText());
        }
        assertEquals(redenen.get(0), redenen.get(1), "the same answer for an item that exists and one that does not");
        assertEquals(2, keten.afgewezen().size());
        assertTrue(keten.escalatieItem(bestaat).escalatie().open() && keten.escalatieItem(bestaat).versie() == 1, "the item is untouched");

        JsonNode eigen = keten.antwoordRuw(op, antwoord(keten, "Opgepakt", op, bestaatNiet, 1, "2026-04-30", null));
        assertTrue(eigen.get("reden").asText().startsWith("escalatie: onbekende escalatie"), eigen.toString());
    }

    private static String antwoord(Keten keten, String type, Instant op, String escalatie, int niveau, String datum, String toelichting) {
        return Keten.antwoordEvent(keten.nieuwId(), type, op, Keten.detail(escalatie, niveau, datum, toelichting));
    }
}
