package nl.termijnwacht.functions.stelselrapportage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.termijnwacht.aws.Hertelling;
import nl.termijnwacht.core.Isoweek;
import nl.termijnwacht.local.Functiecatalogus;
import nl.termijnwacht.local.Keten;
import nl.termijnwacht.local.Planning;
import nl.termijnwacht.local.Proefdata;
import nl.termijnwacht.local.Verzoekteller;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The weekly report on the emulator (docs/rapportage.md): the hand-computed set of zaken told as events to zaak-events,
 * with the scanners running every day, and the report of week 17 of 2026 as the regietafel gets it.
 */
class StelselrapportageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Isoweek W17 = new Isoweek(2026, 17);
    private static final String FUNCTIE = "stelselrapportage";

    private static Instant om(String dag, String tijd) {
        return LocalDate.parse(dag).atTime(LocalTime.parse(tijd)).atZone(Keten.AMSTERDAM).toInstant();
    }

    private record Feit(Instant op, String type, String gemeente, String zaak, String velden) {
    }

    private static Feit ontvangen(String gemeente, String zaak, String dag, String tijd) {
        return new Feit(om(dag, tijd), "AanvraagOntvangen", gemeente, zaak, "\"procedure\":\"regulier\",\"ontvangen\":\"" + dag + "\"");
    }

    private static Feit feit(String type, String zaak, String dag, String tijd, String velden) {
        return new Feit(om(dag, tijd), type, "GM0363", zaak, velden);
    }

    /** The set of ZaaktellingTest (core), as the zaaksysteem tells it, plus a gemeente with nothing open. */
    private static List<Feit> handset() {
        List<Feit> f = new ArrayList<>(List.of(
                ontvangen("GM0363", "C-1", "2026-01-26", "09:00"),
                ontvangen("GM0363", "E-1", "2026-02-02", "09:00"),
                ontvangen("GM0599", "Z-1", "2026-02-02", "09:00"),
                ontvangen("GM0363", "B-1", "2026-02-16", "09:00"),
                ontvangen("GM0363", "A-1", "2026-03-02", "09:00"),
                new Feit(om("2026-03-02", "10:00"), "BesluitBekendgemaakt", "GM0599", "Z-1", "\"datum\":\"2026-03-02\""),
                ontvangen("GM0363", "G-1", "2026-03-09", "09:00"),
                ontvangen("GM0363", "D-1", "2026-03-16", "09:00"),
                feit("IngebrekestellingOntvangen", "C-1", "2026-03-30", "09:00", "\"datum\":\"2026-03-30\""),
                feit("AanvullingGevraagd", "D-1", "2026-04-01", "09:00", "\"datum\":\"2026-04-01\",\"aanvullenVoor\":\"2026-05-01\""),
                feit("AanvraagIngetrokken", "G-1", "2026-04-21", "09:00", "\"datum\":\"2026-04-21\""),
                feit("BesluitBekendgemaakt", "A-1", "2026-04-22", "09:00", "\"datum\":\"2026-04-22\""),
                // the last minute of the period
                feit("BesluitBekendgemaakt", "E-1", "2026-04-26", "23:59", "\"datum\":\"2026-04-26\""),
                // on the report's own Monday, before the run: it counts from week 18
                ontvangen("GM0363", "F-1", "2026-04-27", "06:30")));
        return f;
    }

    /** Days from {@code van} to {@code tot}: each day's scheduled runs at 07:00, then that day's events in time order. */
    private static void speel(Keten keten, List<Feit> feiten, String van, String tot) {
        List<Feit> open = new ArrayList<>(feiten);
        for (LocalDate d = LocalDate.parse(van); !d.isAfter(LocalDate.parse(tot)); d = d.plusDays(1)) {
            Instant zeven = om(d.toString(), "07:00");
            open.stream().filter(x -> x.op().isBefore(zeven)).toList().forEach(x -> {
                keten.zaakFeit(x.op(), x.type(), x.gemeente(), x.zaak(), x.velden());
                open.remove(x);
            });
            keten.dag(d);
            Instant einde = d.plusDays(1).atStartOfDay(Keten.AMSTERDAM).toInstant();
            open.stream().filter(x -> x.op().isBefore(einde)).toList().forEach(x -> {
                keten.zaakFeit(x.op(), x.type(), x.gemeente(), x.zaak(), x.velden());
                open.remove(x);
            });
        }
    }

    private static List<ObjectNode> rapporten(Keten keten) {
        keten.nieuw();
        return keten.ontvangen(Keten.REGIETAFEL).stream().filter(m -> m.path("schema").asText().equals(Stelselrapport.SCHEMA)).toList();
    }

    private static JsonNode gemeente(JsonNode document, String code) {
        for (JsonNode g : document.get("gemeenten")) {
            if (g.get("gemeente").asText().equals(code)) {
                return g;
            }
        }
        throw new AssertionError(code + " ontbreekt in " + document);
    }

    @Test
    void deRegietafelKrijgtElkeMaandagHetRapportMetDeHandberekendeCijfers() {
        Keten keten = Keten.voorTest();
        speel(keten, handset(), "2026-01-26", "2026-04-27");
        List<ObjectNode> rapporten = rapporten(keten);
        // one per Monday from 26 January (week 4) up to 27 April (week 17): 14 reports, each week once
        assertEquals(14, rapporten.size(), rapporten.stream().map(r -> r.path("week").asText()).toList().toString());
        ObjectNode w17 = rapporten.get(rapporten.size() - 1);
        assertEquals("2026-W17", w17.get("week").asText());
        assertEquals("2026-04-20", w17.at("/periode/van").asText());
        assertEquals("2026-04-26", w17.at("/periode/tot").asText());
        assertEquals("rapportage#2026-W17#regietafel", w17.get("idempotencyKey").asText());

        JsonNode gm0363 = gemeente(w17, "GM0363");
        assertEquals(3, gm0363.get("openZaken").asLong(), "B, C, D");
        assertEquals(1, gm0363.get("opgeschort").asLong(), "D");
        assertEquals(2, gm0363.get("verstrekenOpen").asLong(), "B, C");
        assertEquals(2, gm0363.get("besluitenInPeriode").asLong());
        assertEquals(1, gm0363.get("tijdigInPeriode").asLong());
        assertEquals(1, gm0363.get("teLaatInPeriode").asLong(), "E, decided at 23:59 on the period's last day");
        assertEquals(322, gm0363.get("dwangsomOpgebouwd").asLong());
        assertEquals(161, gm0363.get("dwangsomInPeriode").asLong());
        assertEquals(50.0, gm0363.get("aandeelTijdig").asDouble());
        // B's and C's items are open on ladder termijnoverschrijding (E's was solved by its besluit)
        long open = 0;
        for (JsonNode niveau : gm0363.at("/escalatiesOpen/termijnoverschrijding")) {
            open += niveau.asLong();
        }
        assertEquals(2, open, gm0363.get("escalatiesOpen").toString());

        JsonNode leeg = gemeente(w17, "GM0599");
        assertEquals(0, leeg.get("openZaken").asLong(), "a gemeente with nothing open is listed with zeros");
        assertTrue(leeg.get("aandeelVerstreken").isNull());
        assertTrue(leeg.get("aandeelTijdig").isNull());

        assertEquals(3, w17.at("/totaal/openZaken").asLong());
        assertEquals(2, w17.at("/totaal/gemeenten").asLong());
        assertEquals(12, w17.get("verloop").size());
        assertEquals("2026-W17", w17.get("verloop").get(11).get("week").asText());
        assertEquals(2, w17.get("verloop").get(11).get("verstrekenOpen").asLong());
        assertEquals(3, w17.get("verloop").get(10).get("verstrekenOpen").asLong(), "week 16: B, C and E");
        assertTrue(w17.get("aandacht").get(0).get("gemeente").asText().equals("GM0363"));

        // the counters match the zaken and items, counted again one by one
        assertEquals(List.of(), Hertelling.van(keten.stack().clients(), JSON).vergelijk(List.of()));
    }

    @Test
    void eenHerhaaldeRunPubliceertNietOpnieuwEnBewaartEenNieuweVersieAlleenBijAndereCijfers() {
        Keten keten = Keten.voorTest();
        speel(keten, handset(), "2026-04-20", "2026-04-27");
        assertEquals(1, rapporten(keten).stream().filter(r -> r.get("week").asText().equals("2026-W17")).count());
        Rapportarchief archief = new Rapportarchief(keten.stack().clients().dynamoDb(), keten.stack().omgeving().rapportagesTabel(), JSON);
        assertEquals(1, archief.lees(W17).orElseThrow().versie());

        // the scheduler delivers the same Monday twice: same figures, no second notice, no second version
        keten.run(FUNCTIE, om("2026-04-27", "08:00"));
        assertEquals(1, rapporten(keten).stream().filter(r -> r.get("week").asText().equals("2026-W17")).count());
        assertEquals(1, archief.lees(W17).orElseThrow().versie());

        // a besluit for B told late (dated in week 17): a retried run keeps the new figures as version 2, still one notice
        keten.zaakFeit(om("2026-04-27", "09:00"), "BesluitBekendgemaakt", "GM0363", "B-1", "\"datum\":\"2026-04-24\"");
        keten.run(FUNCTIE, om("2026-04-27", "09:05"));
        Rapportarchief.Bewaard v2 = archief.lees(W17).orElseThrow();
        assertEquals(2, v2.versie());
        assertEquals(3, gemeente(v2.document(), "GM0363").get("besluitenInPeriode").asLong());
        assertEquals(1, rapporten(keten).stream().filter(r -> r.get("week").asText().equals("2026-W17")).count());
    }

    /** SNS fails: the run fails and publishes nothing; the scheduler's retry publishes it, once. */
    @Test
    void eenMislukteRunPubliceertNietsEnDeHerkansingPrecies1Keer() {
        Keten keten = Keten.voorTest();
        speel(keten, handset(), "2026-04-26", "2026-04-26");
        ExecutionInterceptor snsStoring = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof software.amazon.awssdk.services.sns.model.PublishBatchRequest) {
                    throw software.amazon.awssdk.core.exception.SdkClientException.create("SNS onbereikbaar");
                }
            }
        };
        var gestoord = keten.bouw(FUNCTIE, List.of(snsStoring));
        assertThrows(RuntimeException.class, () -> keten.run(gestoord, om("2026-04-27", "08:00")));
        assertEquals(0, rapporten(keten).size(), "nothing published");
        // halfway: the counters cannot be read at all
        ExecutionInterceptor dynamoStoring = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof software.amazon.awssdk.services.dynamodb.model.ScanRequest) {
                    throw software.amazon.awssdk.core.exception.SdkClientException.create("DynamoDB onbereikbaar");
                }
            }
        };
        assertThrows(RuntimeException.class, () -> keten.run(keten.bouw(FUNCTIE, List.of(dynamoStoring)), om("2026-04-27", "08:01")));
        assertEquals(0, rapporten(keten).size());
        keten.run(FUNCTIE, om("2026-04-27", "08:02"));
        keten.run(FUNCTIE, om("2026-04-27", "08:03"));
        assertEquals(1, rapporten(keten).size(), "the retry publishes it once");
    }

    /**
     * National scale by design: what the report reads grows with the gemeenten, not with the zaken. Ten times the
     * zaken over the same 300 gemeenten: the same number of requests and items read.
     */
    @Test
    void hetRapportLeestPerGemeenteEnkeleItemsOngeachtHetAantalZaken() {
        Map<Integer, long[]> gelezen = new TreeMap<>();
        for (int zaken : List.of(300, 3000)) {
            Keten keten = Keten.voorTest();
            Instant nu = om("2026-06-15", "07:00");
            Proefdata.vul(keten.stack(), zaken, 0, nu);
            Verzoekteller teller = new Verzoekteller(false);
            keten.run(keten.bouw(FUNCTIE, List.of(teller)), om("2026-06-22", "08:00"));
            gelezen.put(zaken, new long[] {teller.verzoeken(), teller.items()});
            JsonNode rapport = rapporten(keten).get(0);
            assertEquals(zaken, rapport.at("/totaal/openZaken").asLong());
            assertEquals(300, rapport.at("/totaal/gemeenten").asLong());
        }
        System.out.printf("stelselrapportage: 300 zaken → %d verzoeken, %d items gelezen; 3000 zaken → %d verzoeken, %d items%n",
                gelezen.get(300)[0], gelezen.get(300)[1], gelezen.get(3000)[0], gelezen.get(3000)[1]);
        assertEquals(gelezen.get(300)[1], gelezen.get(3000)[1], "items read do not grow with the zaken");
        assertTrue(gelezen.get(3000)[1] <= 3 * 300, "a few items per gemeente: " + gelezen.get(3000)[1]);
    }

    /**
     * A deployment from before the counters: its zaken carry no entries and the counters are empty. The recount
     * names the differences; counting the old zaken in (once, repeatable) leaves none.
     */
    @Test
    void zakenVanVoorDeTellersWordenEenmaalMeegeteld() {
        Keten keten = Keten.voorTest();
        speel(keten, handset(), "2026-04-20", "2026-04-26");
        var dynamo = keten.stack().clients().dynamoDb();
        var omgeving = keten.stack().omgeving();
        for (var item : dynamo.scan(b -> b.tableName(omgeving.tellersTabel())).items()) {
            if (!item.get("teller").s().startsWith(nl.termijnwacht.aws.Tellers.ZAKEN)) {
                continue; // the escalation items keep theirs: only zaken are from before
            }
            dynamo.deleteItem(b -> b.tableName(omgeving.tellersTabel()).key(Map.of("gemeente", item.get("gemeente"), "teller", item.get("teller"))));
        }
        for (var item : dynamo.scan(b -> b.tableName(omgeving.zakenTabel())).items()) {
            dynamo.updateItem(b -> b.tableName(omgeving.zakenTabel()).key(Map.of("gemeente", item.get("gemeente"), "zaak", item.get("zaak")))
                    .updateExpression("REMOVE telling"));
        }
        Hertelling hertelling = Hertelling.van(keten.stack().clients(), JSON);
        assertFalse(hertelling.vergelijk(List.of("GM0363", "GM0599")).isEmpty(), "the old zaken are not counted yet");
        Instant nu = om("2026-04-27", "10:00");
        assertEquals(6, hertelling.vulAan("GM0363", omgeving.instellingen(), nu), "A, B, C, D, E and G (F arrives on the 27th)");
        assertEquals(1, hertelling.vulAan("GM0599", omgeving.instellingen(), nu));
        assertEquals(0, hertelling.vulAan("GM0363", omgeving.instellingen(), nu), "counted once");
        assertEquals(List.of(), hertelling.vergelijk(List.of("GM0363", "GM0599")));
    }

    /**
     * 342 gemeenten that all need attention: the national document does not fit in one SNS message four times over, so
     * the notice names the most urgent gemeenten only, and says so; the kept report holds all 342.
     */
    @Test
    void eenLandelijkRapportPastInEenSnsBericht() {
        Keten keten = Keten.voorTest();
        var dynamo = keten.stack().clients().dynamoDb();
        String tabel = keten.stack().omgeving().tellersTabel();
        for (int g = 1; g <= 342; g++) {
            String code = String.format("GM%04d", g);
            int open = 100 + g;
            int verstreken = g % 40;
            dynamo.putItem(b -> b.tableName(tabel).item(Map.of(
                    "gemeente", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(code),
                    "teller", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(nl.termijnwacht.aws.Tellers.ZAKEN + "2026W16"),
                    "versie", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("1"),
                    "n2026W10", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(Integer.toString(open)),
                    "u2026W15", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(Integer.toString(verstreken)),
                    "b2026W17", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("3"),
                    "t2026W17", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("1"))));
        }
        keten.run(FUNCTIE, om("2026-04-27", "08:00"));
        List<ObjectNode> rapporten = rapporten(keten);
        assertEquals(1, rapporten.size());
        ObjectNode bericht = rapporten.get(0);
        assertFalse(bericht.get("gemeentenVolledig").asBoolean(), "shortened");
        assertTrue(bericht.get("gemeenten").size() > 0 && bericht.get("gemeenten").size() <= 100, "the most urgent: " + bericht.get("gemeenten").size());
        assertEquals(bericht.get("aandacht").get(0).get("gemeente"), bericht.get("gemeenten").get(0).get("gemeente"), "in order of urgency");
        assertEquals(342, bericht.at("/totaal/gemeenten").asInt(), "the totals cover all");
        Rapportarchief archief = new Rapportarchief(dynamo, keten.stack().omgeving().rapportagesTabel(), JSON);
        assertEquals(342, archief.lees(W17).orElseThrow().document().get("gemeenten").size(), "the kept report holds every gemeente");
    }

    /**
     * Eight writers at once, each its own zaak-events instance, 80 zaken of one gemeente: every zaak is counted once,
     * though all their transactions add to the same counter item.
     */
    @Test
    void gelijktijdigeZakenVanEenGemeenteTellenElkEenKeer() throws Exception {
        Keten keten = Keten.voorTest();
        keten.klok().zet(om("2026-04-14", "10:00"));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<String>> uit = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int draad = t;
                uit.add(pool.submit(() -> {
                    var handler = keten.bouw("zaak-events", List.of());
                    StringBuilder resultaten = new StringBuilder();
                    for (int i = 0; i < 10; i++) {
                        String event = "{\"id\":\"par-" + draad + "-" + i + "\",\"source\":\"termijnwacht.zaken\",\"detail-type\":\"AanvraagOntvangen\","
                                + "\"time\":\"2026-04-14T08:00:00Z\",\"detail\":{\"gemeente\":\"GM0363\",\"zaak\":\"P-" + draad + "-" + i + "\","
                                + "\"procedure\":\"regulier\",\"ontvangen\":\"2026-04-14\"}}";
                        resultaten.append(Keten.invoke(handler, event).path("resultaat").asText()).append(' ');
                    }
                    return resultaten.toString();
                }));
            }
            for (var f : uit) {
                assertEquals("VERWERKT ".repeat(10), f.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(List.of(), Hertelling.van(keten.stack().clients(), JSON).vergelijk(List.of("GM0363")));
        var stand = new nl.termijnwacht.aws.Tellers(keten.stack().clients().dynamoDb(), keten.stack().omgeving().tellersTabel()).lees().get("GM0363");
        assertEquals(80, stand.zaken().cijfers(new Isoweek(2026, 16)).openZaken());
    }

    /** The schedule as template.yaml gives it: Monday 08:00 in Amsterdam, in winter and in summer time alike. */
    @Test
    void hetSchemaVuurtMaandagOm8UurNederlandseTijd() {
        Planning p = Functiecatalogus.standaard().functie(FUNCTIE).orElseThrow().planning().orElseThrow();
        assertTrue(p.vuurtOp(Instant.parse("2026-01-05T07:00:00Z")), "winter: 08:00 CET");
        assertTrue(p.vuurtOp(Instant.parse("2026-04-27T06:00:00Z")), "summer: 08:00 CEST");
        assertTrue(p.vuurtOp(Instant.parse("2026-03-30T06:00:00Z")), "the Monday after the change to summer time");
        assertFalse(p.vuurtOp(Instant.parse("2026-04-27T07:00:00Z")), "09:00 CEST");
        assertFalse(p.vuurtOp(Instant.parse("2026-04-28T06:00:00Z")), "Tuesday");
        assertTrue(p.vuurtTussen(Instant.parse("2026-04-26T22:00:00Z"), Instant.parse("2026-04-27T22:00:00Z")));
        assertFalse(p.vuurtTussen(Instant.parse("2026-04-27T22:00:00Z"), Instant.parse("2026-05-03T22:00:00Z")));
    }
}
