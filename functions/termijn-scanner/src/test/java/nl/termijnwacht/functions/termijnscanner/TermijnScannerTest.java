package nl.termijnwacht.functions.termijnscanner;

import static nl.termijnwacht.local.Keten.om;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import nl.termijnwacht.local.Keten;
import nl.termijnwacht.local.Keten.Gebeurtenis;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.sns.model.PublishBatchRequest;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;

/** termijn-scanner end to end: real handlers, real SDK clients, an AWS emulator over HTTP. */
class TermijnScannerTest {

    private static Gebeurtenis ontvangen(String zaak, String datum, Instant geregistreerd) {
        return new Gebeurtenis(geregistreerd, "AanvraagOntvangen", "GM0363", zaak, "\"procedure\":\"regulier\",\"ontvangen\":\"" + datum + "\"");
    }

    private static Gebeurtenis feit(Instant op, String type, String zaak, String velden) {
        return new Gebeurtenis(op, type, "GM0363", zaak, velden);
    }

    private static List<Gebeurtenis> scenario() {
        return List.of(
                ontvangen("A1-gewoon", "2026-03-02", om("2026-03-02", "09:00")),
                ontvangen("B1-opschorting-over-waarschuwing", "2026-03-02", om("2026-03-02", "09:00")),
                feit(om("2026-04-10", "10:00"), "AanvullingGevraagd", "B1-opschorting-over-waarschuwing", "\"datum\":\"2026-04-10\",\"aanvullenVoor\":\"2026-04-24\""),
                feit(om("2026-04-17", "12:00"), "AanvullingOntvangen", "B1-opschorting-over-waarschuwing", "\"datum\":\"2026-04-17\""),
                ontvangen("C1-verlengd", "2026-01-19", om("2026-01-19", "09:00")),
                feit(om("2026-02-20", "09:00"), "TermijnVerlengd", "C1-verlengd", "\"duur\":\"P6W\",\"bekendgemaakt\":\"2026-02-20\""),
                ontvangen("D1-laat-geregistreerd", "2026-03-02", om("2026-04-21", "10:00")),
                ontvangen("E1-besloten", "2026-03-02", om("2026-03-02", "09:00")),
                feit(om("2026-04-15", "16:00"), "BesluitBekendgemaakt", "E1-besloten", "\"datum\":\"2026-04-15\""),
                ontvangen("F1-ingetrokken", "2026-03-02", om("2026-03-02", "09:00")),
                feit(om("2026-03-20", "09:00"), "AanvraagIngetrokken", "F1-ingetrokken", "\"datum\":\"2026-03-20\""),
                ontvangen("G1-dwangsom", "2026-01-05", om("2026-01-05", "09:00")),
                feit(om("2026-03-10", "11:00"), "IngebrekestellingOntvangen", "G1-dwangsom", "\"datum\":\"2026-03-10\""));
    }

    @Test
    void exacteMeldingsmomentenVoorEenKwartaal() {
        Keten keten = Keten.voorTest();
        RequestStreamHandler scanner = keten.functie("termijn-scanner");
        keten.simuleer(scanner, LocalDate.parse("2026-01-19"), LocalDate.parse("2026-05-08"), scenario());
        List<ObjectNode> alle = keten.nieuw();

        // deadline Tue 2026-04-28 (8 weeks end on King's Day); warnings at 07:00 CEST = 05:00Z
        assertEquals(List.of(
                "VOORWAARSCHUWING-10@2026-04-13 2026-04-13T05:00:00Z",
                "VOORWAARSCHUWING-5@2026-04-20 2026-04-20T05:00:00Z",
                "VOORWAARSCHUWING-2@2026-04-23 2026-04-23T05:00:00Z",
                "VERVALDAG@2026-04-28 2026-04-28T05:00:00Z",
                "VERSTREKEN@2026-04-29 2026-04-29T05:00:00Z"), Keten.samenvatting(alle, "A1-gewoon"));

        // suspended 04-11..04-16 while VW-10 (04-13) was due: paused; after the supplement (04-17 12:00) the
        // deadline is Mon 05-04 and its VW-10 (04-17 07:00) is overdue: sent at the next run.
        assertEquals(List.of(
                "VOORWAARSCHUWING-10@2026-04-17 2026-04-18T04:45:00Z",
                "VOORWAARSCHUWING-5@2026-04-24 2026-04-24T05:00:00Z",
                "VOORWAARSCHUWING-2@2026-04-30 2026-04-30T05:00:00Z",
                "VERVALDAG@2026-05-04 2026-05-04T05:00:00Z",
                "VERSTREKEN@2026-05-05 2026-05-05T05:00:00Z"), Keten.samenvatting(alle, "B1-opschorting-over-waarschuwing"));

        // extended by 6 weeks to Mon 2026-04-27 (King's Day; no Atw shift for an extended term)
        assertEquals(List.of(
                "VOORWAARSCHUWING-10@2026-04-13 2026-04-13T05:00:00Z",
                "VOORWAARSCHUWING-5@2026-04-20 2026-04-20T05:00:00Z",
                "VOORWAARSCHUWING-2@2026-04-23 2026-04-23T05:00:00Z",
                "VERVALDAG@2026-04-27 2026-04-27T05:00:00Z",
                "VERSTREKEN@2026-04-28 2026-04-28T05:00:00Z"), Keten.samenvatting(alle, "C1-verlengd"));

        // registered on 04-21 with VW-10 and VW-5 overdue: only the latest is sent, no burst
        assertEquals(List.of(
                "VOORWAARSCHUWING-5@2026-04-20 2026-04-22T04:45:00Z",
                "VOORWAARSCHUWING-2@2026-04-23 2026-04-23T05:00:00Z",
                "VERVALDAG@2026-04-28 2026-04-28T05:00:00Z",
                "VERSTREKEN@2026-04-29 2026-04-29T05:00:00Z"), Keten.samenvatting(alle, "D1-laat-geregistreerd"));

        assertEquals(List.of("VOORWAARSCHUWING-10@2026-04-13 2026-04-13T05:00:00Z"), Keten.samenvatting(alle, "E1-besloten"));
        assertEquals(List.of(), Keten.samenvatting(alle, "F1-ingetrokken"));

        // deadline Mon 2026-03-02 (CET: 07:00 = 06:00Z); ingebrekestelling 03-10 → dwangsom 03-24 .. 05-04 (CEST)
        assertEquals(List.of(
                "VOORWAARSCHUWING-10@2026-02-16 2026-02-16T06:00:00Z",
                "VOORWAARSCHUWING-5@2026-02-23 2026-02-23T06:00:00Z",
                "VOORWAARSCHUWING-2@2026-02-26 2026-02-26T06:00:00Z",
                "VERVALDAG@2026-03-02 2026-03-02T06:00:00Z",
                "VERSTREKEN@2026-03-03 2026-03-03T06:00:00Z",
                "DWANGSOM_START@2026-03-24 2026-03-24T06:00:00Z",
                "DWANGSOM_MAX@2026-05-04 2026-05-04T05:00:00Z"), Keten.samenvatting(alle, "G1-dwangsom"));

        ObjectNode voorbeeld = alle.stream().filter(m -> m.get("zaak").asText().equals("A1-gewoon")
                && m.get("mijlpaal").asText().equals("VOORWAARSCHUWING-5")).findFirst().orElseThrow();
        assertEquals("termijnwacht.melding/1", voorbeeld.get("schema").asText());
        assertEquals("VOORWAARSCHUWING", voorbeeld.get("soort").asText());
        assertEquals("GM0363", voorbeeld.get("gemeente").asText());
        assertEquals("2026-04-28", voorbeeld.get("uitersteBeslisdatum").asText());
        assertEquals(5, voorbeeld.get("werkdagenResterend").asInt());
        assertEquals("2026-04-28", voorbeeld.get("verlengingMogelijkTot").asText());
        assertEquals("zaak#GM0363#A1-gewoon#VOORWAARSCHUWING-5@2026-04-20", voorbeeld.get("idempotencyKey").asText());
        assertEquals("termijnmeldingen", voorbeeld.get("topic").asText());
        assertTrue(voorbeeld.get("tekst").asText().contains("nog 5 werkdagen tot de uiterste beslisdatum, dinsdag 28 april 2026"));

        // each idempotencyKey exactly once
        assertEquals(alle.size(), alle.stream().map(m -> m.get("idempotencyKey").asText()).distinct().count());

        // the same period simulated again sends nothing new
        keten.simuleer(scanner, LocalDate.parse("2026-01-19"), LocalDate.parse("2026-05-08"), List.of());
        assertEquals(List.of(), keten.nieuw());
    }

    /** A scanner of its own (its own clients), on the chain's clock. */
    private static TermijnScannerHandler scanner(Keten keten) {
        return TermijnScannerHandler.bouw(keten.stack().clients(), keten.klok());
    }

    @Test
    void drieGelijktijdigeScannersSturenEenMelding() throws Exception {
        Keten keten = Keten.voorTest();
        for (int i = 0; i < 12; i++) {
            keten.zaakFeit(om("2026-03-02", "09:00"), "AanvraagOntvangen", "GM0363", "Z-" + i, "\"procedure\":\"regulier\",\"ontvangen\":\"2026-03-02\"");
        }
        List<TermijnScannerHandler> scanners = List.of(scanner(keten), scanner(keten), scanner(keten));
        keten.klok().zet(Keten.om7("2026-04-13"));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (TermijnScannerHandler s : scanners) {
                runs.add(pool.submit((Callable<Void>) () -> {
                    s.scan().voerUit(Keten.om7("2026-04-13"));
                    return null;
                }));
            }
            for (Future<?> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        // runs that found a claim busy leave the zaak due; one more run completes whatever is left
        scanners.getFirst().scan().voerUit(Keten.om("2026-04-13", "07:15"));
        List<ObjectNode> meldingen = keten.nieuw();
        assertEquals(12, meldingen.size(), Keten.samenvatting(meldingen, "Z-0").toString());
        assertEquals(12, meldingen.stream().map(m -> m.get("zaak").asText()).distinct().count());
    }

    @Test
    void eenMislukteSentMarkeringVerstuurtNietsOpnieuw_deRunFaaltWel() {
        Keten keten = Keten.voorTest(Map.of("LEASE", "PT5M"));
        keten.zaakFeit(om("2026-03-02", "09:00"), "AanvraagOntvangen", "GM0363", "Z1-crash", "\"procedure\":\"regulier\",\"ontvangen\":\"2026-03-02\"");
        AtomicBoolean crash = new AtomicBoolean(true);
        ExecutionInterceptor crashNaPubliceren = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof UpdateItemRequest u && u.tableName().equals("Meldingen") && crash.getAndSet(false)) {
                    throw new IllegalStateException("gesimuleerde crash tussen publiceren en SENT");
                }
            }
        };
        RequestStreamHandler scanner = keten.bouw("termijn-scanner", List.of(crashNaPubliceren));
        Instant zeven = Keten.om7("2026-04-13");
        try {
            keten.run(scanner, zeven);
            throw new AssertionError("de run had moeten falen (alarm)");
        } catch (IllegalStateException verwacht) {
            assertTrue(verwacht.getMessage().contains("markeren"), verwacht.getMessage());
        }
        List<ObjectNode> eerst = keten.nieuw();
        assertEquals(1, eerst.size());
        keten.run(scanner, Keten.om("2026-04-13", "07:01")); // within the lease: another run must not send
        assertEquals(0, keten.nieuw().size());
        // The publish went out and the zaak recorded it, so even after the lease nothing is re-sent. (A real
        // crash between publish and SENT, where the zaak is not advanced either, is StoringenTest's kill test.)
        keten.run(scanner, Keten.om("2026-04-13", "07:15"));
        keten.run(scanner, Keten.om("2026-04-13", "07:30"));
        keten.run(scanner, Keten.om("2026-04-13", "08:00"));
        assertEquals(0, keten.nieuw().size(), "sent once, never again");
    }

    @Test
    void snsFaaltVoorSommigeBerichtenEnVerliestNiets() {
        Keten keten = Keten.voorTest();
        for (int i = 0; i < 14; i++) {
            keten.zaakFeit(om("2026-03-02", "09:00"), "AanvraagOntvangen", "GM0363", "Z-" + i, "\"procedure\":\"regulier\",\"ontvangen\":\"2026-03-02\"");
        }
        AtomicBoolean storing = new AtomicBoolean(true);
        ExecutionInterceptor verminkEnkele = new ExecutionInterceptor() {
            @Override
            public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
                if (context.request() instanceof PublishBatchRequest batch && storing.get()) {
                    // every third entry becomes invalid, so the emulator itself refuses just those entries
                    List<PublishBatchRequestEntry> entries = new ArrayList<>();
                    for (int i = 0; i < batch.publishBatchRequestEntries().size(); i++) {
                        PublishBatchRequestEntry e = batch.publishBatchRequestEntries().get(i);
                        entries.add(i % 3 == 0 ? e.toBuilder().message("geen json").build() : e);
                    }
                    return batch.toBuilder().publishBatchRequestEntries(entries).build();
                }
                return context.request();
            }
        };
        RequestStreamHandler scanner = keten.bouw("termijn-scanner", List.of(verminkEnkele));
        JsonNode verslag = keten.run(scanner, Keten.om7("2026-04-13"));
        // batches of 10 and 4: entries 0, 3, 6, 9 and 0, 3 refused
        assertEquals(6, verslag.get("mislukt").asInt(), verslag.toString());
        assertEquals(8, keten.nieuw().size());
        storing.set(false);
        keten.run(scanner, Keten.om("2026-04-13", "07:15"));
        assertEquals(6, keten.nieuw().size());
        Set<String> zaken = keten.ontvangen().stream().map(m -> m.get("zaak").asText()).collect(Collectors.toSet());
        assertEquals(14, zaken.size());
        assertEquals(14, keten.ontvangen().size(), "none lost, none twice");
    }

    @Test
    void eenOnberekenbareZaakHoudtDeAnderenNietTegen() {
        Keten keten = Keten.voorTest();
        keten.zaakFeit(om("2026-03-02", "09:00"), "AanvraagOntvangen", "GM0363", "Z1-goed", "\"procedure\":\"regulier\",\"ontvangen\":\"2026-03-02\"");
        keten.zaakFeit(om("2026-03-02", "09:00"), "AanvraagOntvangen", "GM0363", "Z2-kapot", "\"procedure\":\"regulier\",\"ontvangen\":\"2026-03-02\"");
        // A second verlenging written past zaak-events (as an old release or a manual fix might): its facts no longer compute.
        var dynamo = keten.stack().clients().dynamoDb();
        var sleutel = Map.of("gemeente", AttributeValue.fromS("GM0363"), "zaak", AttributeValue.fromS("Z2-kapot"));
        var item = new java.util.HashMap<>(dynamo.getItem(b -> b.tableName("Zaken").key(sleutel)).item());
        var feiten = new java.util.HashMap<>(item.get("feiten").m());
        for (String id : List.of("v1", "v2")) {
            feiten.put(id, AttributeValue.fromM(Map.of("soort", AttributeValue.fromS("TermijnVerlengd"),
                    "detail", AttributeValue.fromS("{\"duur\":\"P2W\",\"bekendgemaakt\":\"2026-03-10\"}"))));
        }
        item.put("feiten", AttributeValue.fromM(feiten));
        dynamo.putItem(b -> b.tableName("Zaken").item(item));
        // Accepted once, refused by today's input rules (a reference without a digit, a receipt dated in 2025):
        // stored facts are read as stored, so this zaak still gets its warning.
        long due = Keten.om7("2026-04-13").getEpochSecond();
        dynamo.putItem(b -> b.tableName("Zaken").item(Map.of("gemeente", AttributeValue.fromS("GM0363"), "zaak", AttributeValue.fromS("Oud.Kenmerk"),
                "versie", AttributeValue.fromN("3"), "dueShard", AttributeValue.fromN("1"), "dueAt", AttributeValue.fromN(Long.toString(due)),
                "feiten", AttributeValue.fromM(Map.of("o1", AttributeValue.fromS("AanvraagOntvangen|regulier|2025-11-03"),
                        "o2", AttributeValue.fromS("OpschortingMetInstemming|2025-11-10|30"))))));
        // A corrupt item: named by reference, counted, and the others go on.
        dynamo.putItem(b -> b.tableName("Zaken").item(Map.of("gemeente", AttributeValue.fromS("GM0363"), "zaak", AttributeValue.fromS("Z4-corrupt"),
                "versie", AttributeValue.fromN("1"), "dueShard", AttributeValue.fromN("2"), "dueAt", AttributeValue.fromN(Long.toString(due)),
                "feiten", AttributeValue.fromM(Map.of("c1", AttributeValue.fromS("Onzin|x"))))));

        RequestStreamHandler scanner = keten.functie("termijn-scanner");
        IllegalStateException fout = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> keten.run(scanner, Keten.om7("2026-04-13")));
        assertTrue(fout.getMessage().contains("GM0363/Z2-kapot") && fout.getMessage().contains("GM0363/Z4-corrupt"), fout.getMessage());
        assertTrue(fout.getMessage().startsWith("2 zaken"), fout.getMessage());
        var nieuw = keten.nieuw();
        assertEquals(List.of("VOORWAARSCHUWING-10@2026-04-13 2026-04-13T05:00:00Z"), Keten.samenvatting(nieuw, "Z1-goed"));
        // 2025-11-03 + 56 + 30 days = Wed 2026-01-28: lapsed, so only VERSTREKEN (the latest of its chain) is sent
        assertEquals(List.of("VERSTREKEN@2026-01-29 2026-04-13T05:00:00Z"), Keten.samenvatting(nieuw, "Oud.Kenmerk"));
        var oud = dynamo.getItem(b -> b.tableName("Zaken").key(Map.of("gemeente", AttributeValue.fromS("GM0363"),
                "zaak", AttributeValue.fromS("Oud.Kenmerk")))).item();
        assertEquals("2026-01-28", oud.get("uitersteBeslisdatum").s(), "read and computed despite today's input rules");
    }

    @Test
    void eenVroegGedateerdBesluitMaaktEenZaakNietStil() {
        // The first version let a typo (besluit dated the day before the receipt) evict the receipt: the zaak
        // went ONVOLLEDIG and a quarter of runs sent nothing. The newcomer is refused; the receipt stands.
        Keten keten = Keten.voorTest();
        keten.zaakFeit(om("2026-03-02", "09:00"), "AanvraagOntvangen", "GM0363", "Z1-typo", "\"procedure\":\"regulier\",\"ontvangen\":\"2026-03-02\"");
        assertEquals("AFGEWEZEN", keten.zaakEvent(om("2026-03-03", "09:00"), "BesluitBekendgemaakt", "GM0363", "Z1-typo",
                "\"datum\":\"2026-03-01\"").get("resultaat").asText());
        // a second receipt with other data, even with an id that sorts first, does not replace the first
        assertEquals("AFGEWEZEN", keten.zaakEvent(om("2026-03-04", "09:00"), "AanvraagOntvangen", "GM0363", "Z1-typo",
                "\"procedure\":\"uitgebreid\",\"ontvangen\":\"2026-03-01\"").get("resultaat").asText());
        keten.simuleer(keten.functie("termijn-scanner"), LocalDate.parse("2026-04-01"), LocalDate.parse("2026-06-30"), List.of());
        assertEquals(List.of(
                "VOORWAARSCHUWING-10@2026-04-13 2026-04-13T05:00:00Z",
                "VOORWAARSCHUWING-5@2026-04-20 2026-04-20T05:00:00Z",
                "VOORWAARSCHUWING-2@2026-04-23 2026-04-23T05:00:00Z",
                "VERVALDAG@2026-04-28 2026-04-28T05:00:00Z",
                "VERSTREKEN@2026-04-29 2026-04-29T05:00:00Z"), Keten.samenvatting(keten.nieuw(), "Z1-typo"));
    }

    @Test
    void eenVerzoekOmAanvullingNaDeTermijnVerschuiftNietsInDeKeten() {
        Keten keten = Keten.voorTest();
        keten.zaakFeit(om("2026-03-02", "09:00"), "AanvraagOntvangen", "GM0363", "Z1-laat", "\"procedure\":\"regulier\",\"ontvangen\":\"2026-03-02\"");
        RequestStreamHandler scanner = keten.functie("termijn-scanner");
        keten.simuleer(scanner, LocalDate.parse("2026-04-01"), LocalDate.parse("2026-04-29"), List.of());
        // after the deadline (04-28) a request to supplement is stored but suspends nothing: no OPGESCHORT, no new dates
        keten.zaakFeit(om("2026-05-04", "10:00"), "AanvullingGevraagd", "GM0363", "Z1-laat", "\"datum\":\"2026-05-04\",\"aanvullenVoor\":\"2026-05-18\"");
        keten.simuleer(scanner, LocalDate.parse("2026-04-30"), LocalDate.parse("2026-06-30"), List.of());
        assertEquals(List.of(
                "VOORWAARSCHUWING-10@2026-04-13 2026-04-13T05:00:00Z",
                "VOORWAARSCHUWING-5@2026-04-20 2026-04-20T05:00:00Z",
                "VOORWAARSCHUWING-2@2026-04-23 2026-04-23T05:00:00Z",
                "VERVALDAG@2026-04-28 2026-04-28T05:00:00Z",
                "VERSTREKEN@2026-04-29 2026-04-29T05:00:00Z"), Keten.samenvatting(keten.nieuw(), "Z1-laat"));
        var item = keten.stack().clients().dynamoDb().getItem(b -> b.tableName("Zaken").key(Map.of("gemeente", AttributeValue.fromS("GM0363"),
                "zaak", AttributeValue.fromS("Z1-laat")))).item();
        assertEquals("VERSTREKEN", item.get("status").s());
        assertEquals("2026-04-28", item.get("uitersteBeslisdatum").s());
    }

    @Test
    void planningseventUitEventsMap() throws java.io.IOException {
        Keten keten = Keten.voorTest();
        keten.zaakFeit(om("2026-03-02", "09:00"), "AanvraagOntvangen", "GM0363", "Z-1", "\"procedure\":\"regulier\",\"ontvangen\":\"2026-03-02\"");
        String schedule = java.nio.file.Files.readString(java.nio.file.Path.of("../../events/termijn-scanner/schedule.json"));
        JsonNode verslag = keten.invoke("termijn-scanner", Keten.om7("2026-04-23"), schedule);
        assertEquals(1, verslag.get("verzonden").asInt(), verslag.toString());
        assertEquals("VOORWAARSCHUWING-2", keten.nieuw().getFirst().get("mijlpaal").asText(), "VW-10 and VW-5 overdue: only the latest");
    }

    @Test
    void eenGemeenteFiltertOpHaarEigenCode() {
        Keten keten = Keten.voorTest();
        var aws = keten.stack().clients();
        String queue = aws.sqs().createQueue(b -> b.queueName("vth-gm0599")).queueUrl();
        String arn = aws.sqs().getQueueAttributes(b -> b.queueUrl(queue).attributeNamesWithStrings("QueueArn")).attributesAsStrings().get("QueueArn");
        aws.sns().subscribe(b -> b.topicArn(keten.stack().voorzieningen().termijnmeldingenTopicArn()).protocol("sqs").endpoint(arn)
                .attributes(Map.of("FilterPolicy", "{\"gemeente\":[\"GM0599\"]}", "RawMessageDelivery", "true")));
        keten.zaakFeit(om("2026-03-02", "09:00"), "AanvraagOntvangen", "GM0363", "Z1-ams", "\"procedure\":\"regulier\",\"ontvangen\":\"2026-03-02\"");
        keten.zaakFeit(om("2026-03-02", "09:00"), "AanvraagOntvangen", "GM0599", "Z2-rdam", "\"procedure\":\"regulier\",\"ontvangen\":\"2026-03-02\"");
        keten.run("termijn-scanner", Keten.om7("2026-04-13"));
        assertEquals(2, keten.nieuw().size(), "the unfiltered inbox gets both");
        List<JsonNode> gefilterd = nl.termijnwacht.local.Inbox.leesQueue(aws.sqs(), queue);
        assertEquals(1, gefilterd.size());
        assertEquals("Z2-rdam", gefilterd.getFirst().get("zaak").asText(), "raw delivery: the sqs JSON document itself");
        assertEquals("GM0599", gefilterd.getFirst().get("gemeente").asText());
    }
}
