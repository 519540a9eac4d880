package nl.termijnwacht.functions.zaakevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nl.termijnwacht.aws.AwsClients;
import nl.termijnwacht.local.Inbox;
import nl.termijnwacht.local.LokaleStack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** zaak-events against a real AWS-protocol emulator over HTTP (moto_server, or AWS_ENDPOINT_URL). */
class ZaakEventsHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = Path.of("../../events");
    private static final Instant NU = Instant.parse("2026-03-20T10:00:00Z");

    private LokaleStack stack;
    private AwsClients aws;
    private ZaakEventsHandler handler;

    @BeforeEach
    void stack() {
        stack = LokaleStack.voorTest();
        aws = stack.clients();
        handler = ZaakEventsHandler.bouw(aws, Clock.fixed(NU, ZoneOffset.UTC));
    }

    private JsonNode invoke(String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return JSON.readTree(out.toByteArray());
    }

    private static String sample(String naam) throws IOException {
        return Files.readString(EVENTS.resolve("zaak-events").resolve(naam + ".json"));
    }

    private static String event(String id, String type, String detail) {
        return "{\"id\":\"" + id + "\",\"source\":\"termijnwacht.zaken\",\"detail-type\":\"" + type
                + "\",\"time\":\"2026-03-02T09:00:00Z\",\"detail\":" + detail + "}";
    }

    private Map<String, AttributeValue> zaak(String gemeente, String zaak) {
        return aws.dynamoDb().getItem(b -> b.tableName("Zaken").consistentRead(true)
                .key(Map.of("gemeente", AttributeValue.fromS(gemeente), "zaak", AttributeValue.fromS(zaak)))).item();
    }

    /** The state that matters: facts and derived fields, without the version and the write time. */
    private Map<String, AttributeValue> toestand(String gemeente, String zaak) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(zaak(gemeente, zaak));
        item.remove("versie");
        item.remove("bijgewerkt");
        return item;
    }

    private List<JsonNode> afgewezen() {
        return Inbox.leesQueue(aws.sqs(), stack.voorzieningen().afgewezenQueueUrl());
    }

    @Test
    void aanvraagWordtOpgeslagenMetAfgeleideTermijnEnDueIndex() throws IOException {
        assertEquals("VERWERKT", invoke(sample("AanvraagOntvangen")).get("resultaat").asText());
        Map<String, AttributeValue> item = zaak("GM0363", "ZAAK-2026-0001");
        assertEquals("2026-04-28", item.get("uitersteBeslisdatum").s(), "8 weeks end on King's Day 2026 → Tue 04-28");
        assertEquals("OPEN", item.get("status").s());
        assertEquals(1, item.get("feiten").m().size());
        // next milestone: VOORWAARSCHUWING-10 on Mon 2026-04-13 07:00 Amsterdam = 05:00Z
        assertEquals(Instant.parse("2026-04-13T05:00:00Z").getEpochSecond(), Long.parseLong(item.get("dueAt").n()));
        assertTrue(item.containsKey("dueShard"));
        assertTrue(afgewezen().isEmpty());
    }

    /** The handler at a later moment: a fact is never reported before the day it happened. */
    private void op(String moment) {
        handler = ZaakEventsHandler.bouw(aws, Clock.fixed(Instant.parse(moment), ZoneOffset.UTC));
    }

    @Test
    void alleVoorbeeldeventsUitEventsMapWordenVerwerkt() throws IOException {
        op("2026-07-21T10:00:00Z"); // after the latest sample date
        try (Stream<Path> bestanden = Files.list(EVENTS.resolve("zaak-events"))) {
            List<Path> lijst = bestanden.sorted().toList();
            assertEquals(8, lijst.size(), "one sample per detail-type");
            for (Path p : lijst) {
                assertEquals("VERWERKT", invoke(Files.readString(p)).get("resultaat").asText(), p.toString());
            }
        }
        assertEquals("BESLOTEN", zaak("GM0363", "ZAAK-2026-0001").get("status").s());
        assertTrue(afgewezen().isEmpty());
    }

    @Test
    void dubbeleEnOngeordendeEventsGevenDezelfdeToestand() throws IOException {
        op("2026-04-21T10:00:00Z");
        List<String> events = new ArrayList<>();
        for (String naam : List.of("AanvraagOntvangen", "AanvullingGevraagd", "AanvullingOntvangen", "OpschortingMetInstemming", "TermijnVerlengd")) {
            events.add(sample(naam));
        }
        for (String e : events) {
            invoke(e);
        }
        Map<String, AttributeValue> opVolgorde = toestand("GM0363", "ZAAK-2026-0001");
        assertEquals("2026-06-28", opVolgorde.get("uitersteBeslisdatum").s());

        stack = LokaleStack.voorTest();
        aws = stack.clients();
        op("2026-04-21T10:00:00Z");
        List<String> gehusseld = new ArrayList<>(events);
        gehusseld.addAll(events); // every event twice
        Collections.shuffle(gehusseld, new java.util.Random(42));
        int dubbel = 0;
        for (String e : gehusseld) {
            if (invoke(e).get("resultaat").asText().equals("AL_VERWERKT")) {
                dubbel++;
            }
        }
        assertEquals(5, dubbel);
        assertEquals(opVolgorde, toestand("GM0363", "ZAAK-2026-0001"));
    }

    @Test
    void lopendeOpschortingHaaltZaakUitDeWaarschuwingen() throws IOException {
        invoke(sample("AanvraagOntvangen"));
        invoke(event("v1", "AanvullingGevraagd", "{\"gemeente\":\"GM0363\",\"zaak\":\"ZAAK-2026-0001\",\"datum\":\"2026-03-10\",\"aanvullenVoor\":\"2026-04-07\"}"));
        Map<String, AttributeValue> item = zaak("GM0363", "ZAAK-2026-0001");
        assertEquals("OPGESCHORT", item.get("status").s());
        // only the end of the term for supplementing is pending: 2026-04-07 07:00 CEST = 05:00Z
        assertEquals(Instant.parse("2026-04-07T05:00:00Z").getEpochSecond(), Long.parseLong(item.get("dueAt").n()));
    }

    @Test
    void beslotenZaakVerlaatDeDueIndex() throws IOException {
        invoke(sample("AanvraagOntvangen"));
        invoke(event("b1", "BesluitBekendgemaakt", "{\"gemeente\":\"GM0363\",\"zaak\":\"ZAAK-2026-0001\",\"datum\":\"2026-03-19\"}"));
        Map<String, AttributeValue> item = zaak("GM0363", "ZAAK-2026-0001");
        assertEquals("BESLOTEN", item.get("status").s());
        assertTrue(!item.containsKey("dueAt") && !item.containsKey("dueShard"), "sparse index: no pending milestone");
    }

    @Test
    void eventMetPersoonsgegevensSlaatAlleenDeBekendeVeldenOp() throws IOException {
        invoke(event("p1", "AanvraagOntvangen", "{\"gemeente\":\"GM0363\",\"zaak\":\"Z-1\",\"procedure\":\"regulier\",\"ontvangen\":\"2026-03-02\","
                + "\"aanvrager\":\"J. Jansen\",\"adres\":\"Dorpsstraat 1\",\"bsn\":\"123456782\"}"));
        String opgeslagen = zaak("GM0363", "Z-1").toString();
        assertTrue(!opgeslagen.contains("Jansen") && !opgeslagen.contains("Dorpsstraat") && !opgeslagen.contains("123456782"), opgeslagen);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "onbekend type | {\"id\":\"x1\",\"source\":\"termijnwacht.zaken\",\"detail-type\":\"AanvraagVerloren\",\"detail\":{\"gemeente\":\"GM0363\",\"zaak\":\"ZAAK-2026-0001\"}} | detail-type | onbekend type",
            "ontbrekend veld | {\"id\":\"x2\",\"source\":\"termijnwacht.zaken\",\"detail-type\":\"AanvraagOntvangen\",\"detail\":{\"gemeente\":\"GM0363\",\"zaak\":\"ZAAK-2026-0001\",\"procedure\":\"regulier\"}} | ontvangen | ontbreekt",
            "ongeldige gemeentecode | {\"id\":\"x3\",\"source\":\"termijnwacht.zaken\",\"detail-type\":\"AanvraagOntvangen\",\"detail\":{\"gemeente\":\"Amsterdam\",\"zaak\":\"ZAAK-2026-0001\",\"procedure\":\"regulier\",\"ontvangen\":\"2026-03-02\"}} | gemeente | CBS-gemeentecode",
            "onmogelijke datum | {\"id\":\"x4\",\"source\":\"termijnwacht.zaken\",\"detail-type\":\"AanvullingOntvangen\",\"detail\":{\"gemeente\":\"GM0363\",\"zaak\":\"ZAAK-2026-0001\",\"datum\":\"2026-02-30\"}} | datum | geen bestaande datum",
            "verlenging te lang | {\"id\":\"x5\",\"source\":\"termijnwacht.zaken\",\"detail-type\":\"TermijnVerlengd\",\"detail\":{\"gemeente\":\"GM0363\",\"zaak\":\"ZAAK-2026-0001\",\"duur\":\"P7W\",\"bekendgemaakt\":\"2026-03-10\"}} | duur | 6 weken",
            "verlenging gemeld vóór ze gebeurde | {\"id\":\"x6\",\"source\":\"termijnwacht.zaken\",\"detail-type\":\"TermijnVerlengd\",\"detail\":{\"gemeente\":\"GM0363\",\"zaak\":\"ZAAK-2026-0001\",\"duur\":\"P6W\",\"bekendgemaakt\":\"2026-04-29\"}} | bekendgemaakt | gemeld",
            "besluit vóór de ontvangst | {\"id\":\"x9\",\"source\":\"termijnwacht.zaken\",\"detail-type\":\"BesluitBekendgemaakt\",\"detail\":{\"gemeente\":\"GM0363\",\"zaak\":\"ZAAK-2026-0001\",\"datum\":\"2026-03-01\"}} | besluit | vóór de ontvangst",
            "tweede ontvangst | {\"id\":\"0\",\"source\":\"termijnwacht.zaken\",\"detail-type\":\"AanvraagOntvangen\",\"detail\":{\"gemeente\":\"GM0363\",\"zaak\":\"ZAAK-2026-0001\",\"procedure\":\"uitgebreid\",\"ontvangen\":\"2026-03-01\"}} | ontvangen | al een ontvangst",
            "id hergebruikt | {\"id\":\"0b7f7c1e-0001-4f43-9a55-1d0c5d8e0001\",\"source\":\"termijnwacht.zaken\",\"detail-type\":\"IngebrekestellingOntvangen\",\"detail\":{\"gemeente\":\"GM0363\",\"zaak\":\"ZAAK-2026-0001\",\"datum\":\"2026-03-05\"}} | id | al gebruikt",
            "ingebrekestelling uit de verre toekomst | {\"id\":\"x10\",\"source\":\"termijnwacht.zaken\",\"detail-type\":\"IngebrekestellingOntvangen\",\"detail\":{\"gemeente\":\"GM0363\",\"zaak\":\"ZAAK-2026-0001\",\"datum\":\"+999999999-12-31\"}} | datum | geen bestaande datum",
            "instemming uit 1970 | {\"id\":\"x11\",\"source\":\"termijnwacht.zaken\",\"detail-type\":\"OpschortingMetInstemming\",\"detail\":{\"gemeente\":\"GM0363\",\"zaak\":\"ZAAK-2026-0001\",\"datum\":\"1970-01-01\",\"dagen\":30}} | datum | buiten het bereik",
            "zaakreferentie is een BSN | {\"id\":\"x12\",\"source\":\"termijnwacht.zaken\",\"detail-type\":\"AanvraagOntvangen\",\"detail\":{\"gemeente\":\"GM0363\",\"zaak\":\"999999990\",\"procedure\":\"regulier\",\"ontvangen\":\"2026-03-02\"}} | zaak | elfproef",
            "overlopende duur | {\"id\":\"x13\",\"source\":\"termijnwacht.zaken\",\"detail-type\":\"TermijnVerlengd\",\"detail\":{\"gemeente\":\"GM0363\",\"zaak\":\"ZAAK-2026-0001\",\"duur\":\"P306783379W\",\"bekendgemaakt\":\"2026-03-10\"}} | duur | geen ISO-duur",
            "wabo-aanvraag | {\"id\":\"x7\",\"source\":\"termijnwacht.zaken\",\"detail-type\":\"AanvraagOntvangen\",\"detail\":{\"gemeente\":\"GM0363\",\"zaak\":\"ZAAK-2023-9\",\"procedure\":\"regulier\",\"ontvangen\":\"2023-12-01\"}} | ontvangen | Wabo",
            "andere bron | {\"id\":\"x8\",\"source\":\"iemand.anders\",\"detail-type\":\"AanvraagOntvangen\",\"detail\":{\"gemeente\":\"GM0363\",\"zaak\":\"ZAAK-2026-0001\"}} | source | geen zaakbron",
            "geen json | {dit is geen json | event | geen geldige JSON",
    })
    void foutEventVerandertNietsEnGaatMetRedenNaarDeAfwijzingsqueue(String naam, String event, String veld, String fragment) throws IOException {
        invoke(sample("AanvraagOntvangen"));
        Map<String, AttributeValue> voor = toestand("GM0363", "ZAAK-2026-0001");
        JsonNode uitkomst = invoke(event);
        assertEquals("AFGEWEZEN", uitkomst.get("resultaat").asText());
        assertEquals(voor, toestand("GM0363", "ZAAK-2026-0001"), "nothing applied");
        List<JsonNode> afgewezen = afgewezen();
        assertEquals(1, afgewezen.size());
        JsonNode a = afgewezen.getFirst();
        assertEquals(veld, a.get("veld").asText(), a.toString());
        assertTrue(a.get("reden").asText().contains(fragment), a.toString());
        assertTrue(a.get("reden").asText().length() < 300, "a reason quotes at most a short excerpt");
        assertTrue(a.has("event"), "the whole event is kept for replay");
    }

    @Test
    void tweedeVerlengingWordtAfgewezen() throws IOException {
        invoke(sample("AanvraagOntvangen"));
        invoke(event("v1", "TermijnVerlengd", "{\"gemeente\":\"GM0363\",\"zaak\":\"ZAAK-2026-0001\",\"duur\":\"P2W\",\"bekendgemaakt\":\"2026-03-10\"}"));
        JsonNode tweede = invoke(event("v2", "TermijnVerlengd", "{\"gemeente\":\"GM0363\",\"zaak\":\"ZAAK-2026-0001\",\"duur\":\"P2W\",\"bekendgemaakt\":\"2026-03-11\"}"));
        assertEquals("AFGEWEZEN", tweede.get("resultaat").asText());
        assertTrue(tweede.get("reden").asText().contains("één keer"), tweede.toString());
        assertEquals("2026-05-11", zaak("GM0363", "ZAAK-2026-0001").get("uitersteBeslisdatum").s(), "raw 04-27 + 2 weeks, first extension only");
    }

    @Test
    void gelijktijdigeEventsVoorDezelfdeZaakGaanGeenVanBeideVerloren() throws Exception {
        invoke(sample("AanvraagOntvangen"));
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            events.add(event("ing-" + i, "IngebrekestellingOntvangen", "{\"gemeente\":\"GM0363\",\"zaak\":\"ZAAK-2026-0001\",\"datum\":\"2026-03-1" + i + "\"}"));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            List<java.util.concurrent.Future<JsonNode>> uit = new ArrayList<>();
            for (String e : events) {
                // a handler per thread, as concurrent Lambda instances would have
                ZaakEventsHandler eigen = ZaakEventsHandler.bouw(stack.clients(), Clock.fixed(NU, ZoneOffset.UTC));
                uit.add(pool.submit(() -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    eigen.handleRequest(new ByteArrayInputStream(e.getBytes(StandardCharsets.UTF_8)), out, null);
                    return JSON.readTree(out.toByteArray());
                }));
            }
            for (var f : uit) {
                assertEquals("VERWERKT", f.get().get("resultaat").asText());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(7, zaak("GM0363", "ZAAK-2026-0001").get("feiten").m().size(), "optimistic locking kept every fact");
    }

    @Test
    void tijdelijkeStoringWordtDoorgegevenVoorEenNieuwePoging() throws IOException {
        software.amazon.awssdk.core.interceptor.ExecutionInterceptor storing = new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
            @Override
            public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution context,
                                        software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                // the zaak's write: a plain put, or with its counters a transaction
                if (context.request() instanceof software.amazon.awssdk.services.dynamodb.model.PutItemRequest
                        || context.request() instanceof software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest) {
                    throw software.amazon.awssdk.core.exception.SdkClientException.create("DynamoDB tijdelijk onbereikbaar");
                }
            }
        };
        ZaakEventsHandler gestoord = ZaakEventsHandler.bouw(stack.clients(List.of(storing)), Clock.fixed(NU, ZoneOffset.UTC));
        String event = sample("AanvraagOntvangen");
        org.junit.jupiter.api.Assertions.assertThrows(software.amazon.awssdk.core.exception.SdkClientException.class,
                () -> gestoord.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null),
                "thrown, so Lambda retries and in the end dead-letters it");
        assertTrue(afgewezen().isEmpty(), "a transient failure is not a malformed event");
        assertEquals("VERWERKT", invoke(event).get("resultaat").asText(), "the retry succeeds");
    }

    @Test
    void verlengingVoorDeOntvangstWordtGetoetstZodraDeOntvangstBekendIs() throws IOException {
        op("2026-05-02T10:00:00Z");
        // told before the receipt: it cannot be checked yet, so it is kept
        assertEquals("VERWERKT", invoke(event("v-laat", "TermijnVerlengd",
                "{\"gemeente\":\"GM0363\",\"zaak\":\"ZAAK-2026-0001\",\"duur\":\"P6W\",\"bekendgemaakt\":\"2026-05-01\"}")).get("resultaat").asText());
        assertEquals("ONVOLLEDIG", zaak("GM0363", "ZAAK-2026-0001").get("status").s());
        // the receipt arrives: the verlenging was made known after the deadline (04-28), so it does not stand
        assertEquals("VERWERKT", invoke(sample("AanvraagOntvangen")).get("resultaat").asText());
        Map<String, AttributeValue> item = zaak("GM0363", "ZAAK-2026-0001");
        assertEquals("2026-04-28", item.get("uitersteBeslisdatum").s(), "without the late verlenging");
        assertEquals(1, item.get("feiten").m().size());
        List<JsonNode> afgewezen = afgewezen();
        assertEquals(1, afgewezen.size());
        assertEquals("verlenging-bekendgemaakt", afgewezen.getFirst().get("veld").asText());
        assertEquals("v-laat", afgewezen.getFirst().at("/event/id").asText());
        assertEquals("TermijnVerlengd", afgewezen.getFirst().at("/event/detail-type").asText());
    }

    @Test
    void eenTweedeVerlengingIsDeNieuwkomerDieWordtAfgewezen_deEersteBlijftStaan() throws IOException {
        String v1 = event("v1", "TermijnVerlengd", "{\"gemeente\":\"GM0363\",\"zaak\":\"ZAAK-2026-0001\",\"duur\":\"P2W\",\"bekendgemaakt\":\"2026-03-10\"}");
        String v2 = event("v2", "TermijnVerlengd", "{\"gemeente\":\"GM0363\",\"zaak\":\"ZAAK-2026-0001\",\"duur\":\"P4W\",\"bekendgemaakt\":\"2026-03-12\"}");
        for (List<String> volgorde : List.of(List.of(v1, v2), List.of(v2, v1))) {
            stack();
            invoke(sample("AanvraagOntvangen"));
            assertEquals("VERWERKT", invoke(volgorde.get(0)).get("resultaat").asText());
            assertEquals("AFGEWEZEN", invoke(volgorde.get(1)).get("resultaat").asText());
            String eerste = JSON.readTree(volgorde.get(0)).get("id").asText();
            assertTrue(zaak("GM0363", "ZAAK-2026-0001").get("feiten").m().containsKey(eerste), "an accepted fact is never evicted");
            List<JsonNode> afgewezen = afgewezen();
            assertEquals(1, afgewezen.size());
            assertEquals(JSON.readTree(volgorde.get(1)).get("id").asText(), afgewezen.getFirst().at("/event/id").asText());
            assertEquals("verlenging", afgewezen.getFirst().get("veld").asText());
        }
    }

    @Test
    void eenAfwijzingBlijftOnderDeLimietVanSqsOokAlsOntsnappenHaarOpblaast() throws IOException {
        // 100,000 × 'é' fits EventBridge's 256 KB as UTF-8 (200 KB) but grows to 600 KB as JSON escapes
        String event = "{\"id\":\"x-groot\",\"source\":\"termijnwacht.zaken\",\"detail-type\":\"AanvraagOntvangen\",\"detail\":{"
                + "\"gemeente\":\"Amsterdam\",\"zaak\":\"ZAAK-2026-0001\",\"toelichting\":\"" + "é".repeat(100_000) + "\"}}";
        assertEquals("AFGEWEZEN", invoke(event).get("resultaat").asText());
        JsonNode a = afgewezen().getFirst();
        assertEquals("gemeente", a.get("veld").asText());
        assertEquals(event.getBytes(StandardCharsets.UTF_8).length, a.get("eventBytes").asInt());
        assertEquals(64, a.get("eventSha256").asText().length());
        assertTrue(a.get("eventBegin").asText().startsWith("{\"id\":\"x-groot\""), "its beginning, to trace it");
    }

    /** Issue 15: a rejection keeps at most 4 KiB of its event, with the size and SHA-256 to match it; a small event whole. */
    @Test
    void eenAfwijzingBewaartHoogstensVierKiBVanHetEventMetGrootteEnHash() throws Exception {
        String groot = "{\"id\":\"x-5kib\",\"source\":\"termijnwacht.zaken\",\"detail-type\":\"AanvraagOntvangen\",\"detail\":{"
                + "\"gemeente\":\"Amsterdam\",\"zaak\":\"ZAAK-2026-0001\",\"toelichting\":\"" + "ab€".repeat(1_000) + "\"}}";
        assertEquals("AFGEWEZEN", invoke(groot).get("resultaat").asText());
        String klein = "{\"id\":\"x-klein\",\"source\":\"termijnwacht.zaken\",\"detail-type\":\"AanvraagOntvangen\",\"detail\":{"
                + "\"gemeente\":\"Amsterdam\",\"zaak\":\"ZAAK-2026-0002\"}}";
        assertEquals("AFGEWEZEN", invoke(klein).get("resultaat").asText());
        List<JsonNode> afgewezen = afgewezen();
        assertEquals(2, afgewezen.size());
        JsonNode a = afgewezen.stream().filter(j -> j.has("eventBegin")).findFirst().orElseThrow(() -> new AssertionError(afgewezen.toString()));
        byte[] bytes = groot.getBytes(StandardCharsets.UTF_8);
        assertTrue(bytes.length > 5_000, "the event is larger than what is kept");
        assertFalse(a.has("event"), "a cut event is not stored as if it were whole");
        assertTrue(a.get("eventAfgekapt").asBoolean());
        assertEquals(bytes.length, a.get("eventBytes").asInt());
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes)), a.get("eventSha256").asText());
        String begin = a.get("eventBegin").asText();
        assertTrue(begin.getBytes(StandardCharsets.UTF_8).length <= 4096 && begin.getBytes(StandardCharsets.UTF_8).length > 4090, begin.length() + " characters");
        assertTrue(groot.startsWith(begin), "the first bytes, whole characters only");
        assertTrue(a.toString().length() < 30_000, "the message is bounded: " + a.toString().length());

        JsonNode k = afgewezen.stream().filter(j -> j.has("event")).findFirst().orElseThrow();
        assertEquals("x-klein", k.at("/event/id").asText(), "a small event is kept whole, for redrive");
        assertFalse(k.has("eventAfgekapt"));
        byte[] kleinBytes = klein.getBytes(StandardCharsets.UTF_8);
        assertEquals(kleinBytes.length, k.get("eventBytes").asInt());
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(kleinBytes)), k.get("eventSha256").asText());
    }

    @Test
    void eenAfzenderSpreektAlleenVoorZijnEigenGemeenten() throws IOException {
        String eigen = sample("AanvraagOntvangen"); // account 123456789012, gemeente GM0363
        String andereGemeente = eigen.replace("GM0363", "GM0014").replace("0b7f7c1e-0001", "0b7f7c1e-0901");
        String vreemdeAfzender = eigen.replace("123456789012", "999999999999").replace("0b7f7c1e-0001", "0b7f7c1e-0902");

        // without a binding (local, the CLI and the demo) every sender is admitted
        assertEquals("VERWERKT", invoke(andereGemeente).get("resultaat").asText());

        stack = LokaleStack.voorTest(Map.of("AFZENDERS", "123456789012=GM0363,GM0518;210987654321=GM0014"));
        aws = stack.clients();
        handler = ZaakEventsHandler.bouw(aws, Clock.fixed(NU, ZoneOffset.UTC));
        assertEquals("VERWERKT", invoke(eigen).get("resultaat").asText());
        Map<String, AttributeValue> voor = toestand("GM0014", "ZAAK-2026-0001");
        assertEquals("AFGEWEZEN", invoke(andereGemeente).get("resultaat").asText());
        assertEquals("AFGEWEZEN", invoke(vreemdeAfzender).get("resultaat").asText());
        assertEquals(voor, toestand("GM0014", "ZAAK-2026-0001"), "nothing written for the other gemeente");
        List<JsonNode> afgewezen = afgewezen();
        assertEquals(List.of("account", "account"), afgewezen.stream().map(a -> a.get("veld").asText()).toList());
        assertTrue(afgewezen.get(0).get("reden").asText().contains("mag niet spreken voor gemeente GM0014"), afgewezen.get(0).toString());
        assertTrue(afgewezen.get(1).get("reden").asText().contains("geen toegelaten afzender"), afgewezen.get(1).toString());
    }

    @Test
    void inProdIsEenAfzenderbindingVerplicht() {
        LokaleStack prod = LokaleStack.voorTest(Map.of("STAGE", "prod"));
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> ZaakEventsHandler.bouw(prod.clients(), Clock.fixed(NU, ZoneOffset.UTC)));
        assertTrue(e.getMessage().contains("AFZENDERS"), e.getMessage());
        // with a binding it starts
        ZaakEventsHandler.bouw(LokaleStack.voorTest(Map.of("STAGE", "prod", "AFZENDERS", "123456789012=GM0363")).clients(),
                Clock.fixed(NU, ZoneOffset.UTC));
    }

    @Test
    void eenOpgeslagenZaakVanDeEersteVersieBlijftLeesbaar() throws IOException {
        // the stored form of the first version: a map {soort, detail-JSON} per fact, soort = the class name
        Map<String, AttributeValue> feit = Map.of("soort", AttributeValue.fromS("AanvraagOntvangen"),
                "detail", AttributeValue.fromS("{\"procedure\":\"regulier\",\"ontvangen\":\"2026-03-02\"}"));
        Map<String, AttributeValue> verlenging = Map.of("soort", AttributeValue.fromS("TermijnVerlengd"),
                "detail", AttributeValue.fromS("{\"duur\":\"P14D\",\"bekendgemaakt\":\"2026-03-10\"}"));
        aws.dynamoDb().putItem(b -> b.tableName("Zaken").item(Map.of("gemeente", AttributeValue.fromS("GM0363"),
                "zaak", AttributeValue.fromS("ZAAK-2026-0001"), "versie", AttributeValue.fromN("1"),
                "feiten", AttributeValue.fromM(Map.of("oud-1", AttributeValue.fromM(feit), "oud-2", AttributeValue.fromM(verlenging))))));
        assertEquals("VERWERKT", invoke(sample("AanvullingGevraagd")).get("resultaat").asText());
        Map<String, AttributeValue> item = zaak("GM0363", "ZAAK-2026-0001");
        assertEquals("AanvraagOntvangen|regulier|2026-03-02", item.get("feiten").m().get("oud-1").s(), "rewritten in the compact form");
        assertEquals("TermijnVerlengd|14|2026-03-10", item.get("feiten").m().get("oud-2").s());
        assertEquals("OPGESCHORT", item.get("status").s());
    }
}
