package nl.termijnwacht.functions.escalatiescanner;

import static nl.termijnwacht.local.Keten.ESCALATIES;
import static nl.termijnwacht.local.Keten.elkeSleutelEenKeer;
import static nl.termijnwacht.local.Keten.enige;
import static nl.termijnwacht.local.Keten.REGIETAFEL;
import static nl.termijnwacht.local.Keten.TERMIJNMELDINGEN;
import static nl.termijnwacht.local.Keten.gebeurtenissen;
import static nl.termijnwacht.local.Keten.om;
import static nl.termijnwacht.local.Keten.om7;
import static nl.termijnwacht.local.Keten.verloop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import nl.termijnwacht.aws.Antwoordlinks;
import nl.termijnwacht.aws.DueScan;
import nl.termijnwacht.aws.EscalatieRepository;
import nl.termijnwacht.aws.EscalatieRepository.Opgeslagen;
import nl.termijnwacht.aws.MeldingenLedger;
import nl.termijnwacht.aws.Omgeving;
import nl.termijnwacht.aws.Parallel;
import nl.termijnwacht.aws.Publisher;
import nl.termijnwacht.core.Kalender;
import nl.termijnwacht.functions.termijnscanner.TermijnScannerHandler;
import nl.termijnwacht.core.Escalatie;
import nl.termijnwacht.local.Keten;
import nl.termijnwacht.local.Laddertermen;
import nl.termijnwacht.local.LokaleStack;
import nl.termijnwacht.local.Storingsproxy;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The escalation chain end to end against the emulator, on {@link Keten}: a zaak's term lapses, the termijn-scanner
 * opens an item, the escalatie-scanner climbs the ladder; a besluit or withdrawal solves it; exactly-once under
 * repetition, concurrency and a crash between publish and ledger. (The replies of ladder levels, which escalatie-events
 * handles, are tested in that module.) Expected dates come from the ladder YAML ({@link Laddertermen}, not through
 * the functions' Ladders) and the Atw calendar.
 */
class EscalatieKetenTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GEMEENTE = "GM0363";
    /** The topics of the ladder's notices. */
    private static final String[] LADDER = {ESCALATIES, REGIETAFEL};

    // ------------------------------------------------------------------ 1. a silent zaak climbs the ladder

    @Test
    void eenStilleZaakKlimtDeLadderRondKoningsdag() {
        Keten keten = Keten.voorTest();
        Kalender k = keten.kalender();
        Laddertermen t = Laddertermen.termijnoverschrijding();
        // received Mon 2026-03-02: 8 weeks end on King's Day (Mon 04-27), shifted to Tue 04-28; VERSTREKEN Wed 04-29 07:00
        keten.ontvang(GEMEENTE, "ZAAK-2026-0427", "2026-03-02");
        String id = Escalatie.idVoorZaak(GEMEENTE, "ZAAK-2026-0427");
        LocalDate tot = LocalDate.parse("2026-06-30");
        keten.dagen(LocalDate.parse("2026-04-01"), tot);

        List<ObjectNode> verstreken = keten.ontvangen(TERMIJNMELDINGEN).stream().filter(m -> m.get("mijlpaal").asText().equals("VERSTREKEN")).toList();
        assertEquals(1, verstreken.size());
        assertEquals("2026-04-29T05:00:00Z", verstreken.getFirst().get("aangemaakt").asText());
        Opgeslagen item = keten.escalatieItem(id);
        assertEquals(LocalDate.parse("2026-04-29"), item.escalatie().stand().geopend(), "opened the day VERSTREKEN went out");

        LocalDate geopend = LocalDate.parse("2026-04-29");
        List<String> verwacht = new ArrayList<>(t.regels(geopend.atTime(7, 0), "ESCALATIE", 1));
        verwacht.addAll(t.klim(k, 1, geopend, tot));
        List<String> echt = verloop(keten.ontvangen(LADDER), id);
        assertEquals(verwacht, echt);

        // hand-checked: level 1 (2 days) from Wed 04-29: Thu 30, Fri 1 May → up Mon 05-04. Level 2 (3 days): Tue 05-05
        // is Bevrijdingsdag (Atw), Wed 6, Thu 7, Fri 8 → up Mon 05-11. Level 3 reminds after 5 days: Tue 12, Wed 13,
        // Thu 14 Hemelvaart and Fri 15 (gelijkgesteld) off, Mon 18, Tue 19, Wed 20 → Thu 05-21.
        assertEquals(List.of(
                "2026-04-29T07:00 ESCALATIE/1 escalaties",
                "2026-05-04T07:00 ESCALATIE/2 escalaties",
                "2026-05-11T07:00 ESCALATIE/3 escalaties",
                "2026-05-11T07:00 ESCALATIE/3 regietafel",
                "2026-05-21T07:00 HERINNERING/3 escalaties",
                "2026-05-21T07:00 HERINNERING/3 regietafel"), echt.subList(0, 6));
        assertTrue(echt.size() > 8, "reminders keep coming until solved: " + echt);

        // the level-1 notice: document and attributes
        ObjectNode e1 = enige(keten.ontvangen(LADDER), id, "ESCALATIE", 1, ESCALATIES);
        String sleutel1 = "escalatie#" + id + "#1#ESCALATIE#1";
        assertEquals("termijnwacht.escalatie/1", e1.get("schema").asText());
        assertEquals("ESCALATIE", e1.get("soort").asText());
        assertEquals(id, e1.get("escalatie").asText());
        assertEquals("termijnoverschrijding", e1.get("ladder").asText());
        assertEquals(1, e1.get("niveau").asInt());
        assertEquals("vakteam-vth", e1.get("rol").asText());
        assertEquals(GEMEENTE, e1.get("gemeente").asText());
        assertEquals("ZAAK-2026-0427", e1.get("zaak").asText());
        assertTrue(e1.get("onderwerp").asText().startsWith("Beslistermijn verstreken van zaak ZAAK-2026-0427 (GM0363)"), e1.get("onderwerp").asText());
        assertEquals(1, e1.get("geschiedenis").size());
        assertEquals("GEOPEND", e1.get("geschiedenis").get(0).get("gebeurtenis").asText());
        assertEquals("2026-04-29", e1.get("geschiedenis").get(0).get("datum").asText());
        assertEquals(k.werkdagenNa(geopend, t.trede(1).reactie()).toString(), e1.get("reactieUiterlijk").asText());
        assertEquals("2026-05-01", e1.get("reactieUiterlijk").asText());
        assertEquals(sleutel1, e1.get("idempotencyKey").asText());
        assertEquals("2026-04-29T05:00:00Z", e1.get("aangemaakt").asText());
        assertFalse(e1.get("regietafel").asBoolean());
        assertEquals("OMHOOG", e1.get("volgendeStap").get("gebeurtenis").asText());
        assertEquals("2026-05-04", e1.get("volgendeStap").get("datum").asText());
        assertEquals(Map.of("soort", "ESCALATIE", "gemeente", GEMEENTE, "ladder", "termijnoverschrijding", "niveau", "1",
                "rol", "vakteam-vth", "idempotencyKey", sleutel1), attributen(e1));

        // level 3: on escalaties and, as a copy with its own key, on regietafel
        ObjectNode e3 = enige(keten.ontvangen(LADDER), id, "ESCALATIE", 3, ESCALATIES);
        ObjectNode r3 = enige(keten.ontvangen(LADDER), id, "ESCALATIE", 3, REGIETAFEL);
        assertEquals("gemeentebestuur", e3.get("rol").asText());
        assertEquals(3, e3.get("geschiedenis").size());
        assertEquals(List.of("GEOPEND", "OMHOOG", "OMHOOG"), gebeurtenissen(e3));
        assertEquals(k.werkdagenNa(LocalDate.parse("2026-05-11"), t.trede(3).reactie()).toString(), e3.get("reactieUiterlijk").asText());
        assertEquals(e3.get("idempotencyKey").asText() + "#regietafel", r3.get("idempotencyKey").asText());
        assertTrue(r3.get("regietafel").asBoolean());
        assertTrue(r3.get("tekst").asText().contains("kopie voor de regietafel"), r3.get("tekst").asText());
        assertEquals(Map.of("soort", "ESCALATIE", "gemeente", GEMEENTE, "ladder", "termijnoverschrijding", "niveau", "3",
                "rol", "gemeentebestuur", "idempotencyKey", r3.get("idempotencyKey").asText()), attributen(r3));
        ObjectNode h = keten.ontvangen(LADDER).stream().filter(m -> m.get("soort").asText().equals("HERINNERING")).findFirst().orElseThrow();
        assertEquals("HERINNERING", h.get("attributen").get("soort").asText());
        assertEquals("HERINNERING", gebeurtenissen(h).getLast());

        elkeSleutelEenKeer(keten.ontvangen(LADDER));
        assertEquals("OPEN", keten.escalatieRuw(id).get("status").s());
        assertEquals("3", keten.escalatieRuw(id).get("niveau").n());
    }

    private static Map<String, String> attributen(ObjectNode m) {
        Map<String, String> a = new TreeMap<>();
        m.get("attributen").properties().forEach(e -> a.put(e.getKey(), e.getValue().asText()));
        return a;
    }

    // ------------------------------------------------------------------ 2. solved by the zaak

    @Test
    void eenBesluitOfIntrekkingLostHetOpEnMeldtElkGeinformeerdNiveau() {
        Keten keten = Keten.voorTest();
        keten.ontvang(GEMEENTE, "ZAAK-2026-0041", "2026-03-02");
        keten.ontvang(GEMEENTE, "ZAAK-2026-0042", "2026-03-02");
        String besluit = Escalatie.idVoorZaak(GEMEENTE, "ZAAK-2026-0041");
        String ingetrokken = Escalatie.idVoorZaak(GEMEENTE, "ZAAK-2026-0042");
        keten.dagen("2026-04-27", "2026-05-05");
        keten.zaakFeit(om("2026-05-06", "10:00"), "BesluitBekendgemaakt", GEMEENTE, "ZAAK-2026-0041", "\"datum\":\"2026-05-06\"");
        keten.run("escalatie-scanner", om("2026-05-06", "10:15"));
        assertEquals(List.of("2026-05-06T10:15 OPGELOST/1 escalaties", "2026-05-06T10:15 OPGELOST/2 escalaties"), verloop(keten.nieuw(LADDER), besluit));
        assertEquals("OPGELOST|2026-05-06|0|besluit bekendgemaakt op 2026-05-06", stap(keten.escalatieItem(besluit).escalatie().geschiedenis().getLast()));

        keten.dagen("2026-05-06", "2026-05-11");
        keten.zaakFeit(om("2026-05-12", "10:00"), "AanvraagIngetrokken", GEMEENTE, "ZAAK-2026-0042", "\"datum\":\"2026-05-12\"");
        keten.run("escalatie-scanner", om("2026-05-12", "10:15"));
        assertEquals(List.of("2026-05-12T10:15 OPGELOST/1 escalaties", "2026-05-12T10:15 OPGELOST/2 escalaties",
                "2026-05-12T10:15 OPGELOST/3 escalaties", "2026-05-12T10:15 OPGELOST/3 regietafel"), verloop(keten.nieuw(LADDER), ingetrokken));

        keten.dagen(LocalDate.parse("2026-05-12"), LocalDate.parse("2026-05-12").plusDays(30));
        assertEquals(List.of(), keten.nieuw(LADDER), "nothing more, ever");
        assertEquals(List.of("2026-04-29T07:00 ESCALATIE/1 escalaties", "2026-05-04T07:00 ESCALATIE/2 escalaties",
                "2026-05-06T10:15 OPGELOST/1 escalaties", "2026-05-06T10:15 OPGELOST/2 escalaties"), verloop(keten.ontvangen(LADDER), besluit));
        assertTrue(keten.escalaties().inIndex().isEmpty());
        // a repeated besluit (a re-delivery) changes nothing
        Map<String, AttributeValue> voor = keten.escalatieRuw(besluit);
        keten.zaakEvent(om("2026-06-20", "10:00"), "BesluitBekendgemaakt", GEMEENTE, "ZAAK-2026-0041", "\"datum\":\"2026-05-06\"");
        assertEquals(voor, keten.escalatieRuw(besluit));
        elkeSleutelEenKeer(keten.ontvangen(LADDER));
    }

    private static String stap(nl.termijnwacht.core.Escalatie.Stap s) {
        return s.gebeurtenis() + "|" + s.datum() + "|" + s.niveau() + "|" + s.toelichting();
    }

    // ------------------------------------------------------------------ 3. exactly once

    private static List<String> zaken(Keten keten, String prefix, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String zaak = prefix + String.format("%03d", i);
            keten.ontvang(GEMEENTE, zaak, "2026-03-02");
            ids.add(Escalatie.idVoorZaak(GEMEENTE, zaak));
        }
        return ids;
    }

    /** Runs {@code werk} on {@code n} threads released at the same moment; returns what each returned. */
    private static <T> List<T> tegelijk(List<Callable<T>> werk) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(werk.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> runs = new ArrayList<>();
            for (Callable<T> w : werk) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return w.call();
                }));
            }
            start.countDown();
            List<T> uit = new ArrayList<>();
            for (Future<T> f : runs) {
                uit.add(f.get(120, TimeUnit.SECONDS));
            }
            return uit;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Callable<DueScan.Verslag>> escalatieRuns(Keten keten, int n, Instant nu) {
        List<Callable<DueScan.Verslag>> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            EscalatieScannerHandler h = EscalatieScannerHandler.bouw(keten.stack().clients(), keten.klok());
            runs.add(() -> h.scan().voerUit(nu));
        }
        return runs;
    }

    private static Map<String, Long> perSleutel(List<ObjectNode> meldingen) {
        return meldingen.stream().collect(Collectors.groupingBy(m -> m.get("idempotencyKey").asText(), TreeMap::new, Collectors.counting()));
    }

    private static Set<String> sleutels(List<String> ids, String deel) {
        return ids.stream().map(i -> "escalatie#" + i + "#" + deel).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    @Test
    void herhaaldeEnGelijktijdigeEscalatieScannersSturenElkeMeldingEenKeer() throws Exception {
        long t0 = System.nanoTime();
        Keten keten = Keten.voorTest();
        List<String> ids = zaken(keten, "ZAAK-2026-8", 30);
        keten.run("termijn-scanner", om7("2026-04-29"));
        System.out.println("30 zaken en hun VERSTREKEN: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        assertEquals(30, keten.alleEscalatieItems().size());

        // twice at the same instant, one after the other
        keten.run("escalatie-scanner", om7("2026-04-29"));
        JsonNode tweede = keten.run("escalatie-scanner", om7("2026-04-29"));
        assertEquals(0, tweede.get("verzonden").asInt(), tweede.toString());
        List<ObjectNode> niveau1 = keten.nieuw(LADDER);
        assertEquals(sleutels(ids, "1#ESCALATIE#1"), perSleutel(niveau1).keySet());
        elkeSleutelEenKeer(niveau1);

        // level 2: two runs at the same instant, concurrently; level 3 (with its regietafel copies): ten. One more
        // run a quarter later completes what a run found busy. A run may report an item it could not store after 8
        // optimistic-lock attempts (ten writers on one item): that fails the run (alarm), never the outcome.
        StringBuilder verslagen = new StringBuilder();
        for (Map.Entry<String, Integer> fase : new TreeMap<>(Map.of("2026-05-04", 2, "2026-05-11", 10)).entrySet()) {
            String dag = fase.getKey();
            keten.klok().zet(om7(dag));
            long begin = System.nanoTime();
            List<DueScan.Verslag> v = tegelijk(escalatieRuns(keten, fase.getValue(), om7(dag)));
            verslagen.append(dag).append(" (").append((System.nanoTime() - begin) / 1_000_000).append(" ms): ").append(v.stream().map(r -> r.verzonden() + "/" + r.alVerzonden() + "/" + r.bezet() + "/" + r.itemFouten().size())
                    .toList()).append('\n');
            v.stream().flatMap(r -> r.itemFouten().stream()).map(f -> f.replaceAll("ZAAK-2026-8\\d+", "…")).distinct()
                    .forEach(f -> verslagen.append("  fout: ").append(f).append('\n'));
            keten.run("escalatie-scanner", om(dag, "07:15"));
        }
        System.out.print("gelijktijdig (verzonden/alVerzonden/bezet/fouten per run):\n" + verslagen);
        List<ObjectNode> hoger = keten.nieuw(LADDER);
        Set<String> verwacht = new java.util.TreeSet<>(sleutels(ids, "2#ESCALATIE#2"));
        verwacht.addAll(sleutels(ids, "3#ESCALATIE#3"));
        verwacht.addAll(sleutels(ids, "3#ESCALATIE#3#regietafel"));
        assertEquals(verwacht, perSleutel(hoger).keySet(), "none missing, none extra");
        elkeSleutelEenKeer(keten.ontvangen(LADDER));
        assertEquals(30 * 4, keten.ontvangen(LADDER).size());
        for (String i : ids) {
            assertEquals(List.of("GEOPEND", "OMHOOG", "OMHOOG"), keten.escalatieItem(i).escalatie().geschiedenis().stream().map(s -> s.gebeurtenis().name()).toList());
        }
    }

    @Test
    void herhaaldeEnGelijktijdigeTermijnScannersOpenenElkeZaakEenKeer() throws Exception {
        Keten keten = Keten.voorTest();
        List<String> ids = zaken(keten, "ZAAK-2026-9", 10);
        keten.dagen("2026-04-27", "2026-04-28");
        Instant zeven = om7("2026-04-29");
        keten.klok().zet(zeven);
        List<Callable<Object>> runs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            TermijnScannerHandler h = TermijnScannerHandler.bouw(keten.stack().clients(), keten.klok());
            runs.add(() -> h.scan().voerUit(zeven));
        }
        for (Callable<DueScan.Verslag> r : escalatieRuns(keten, 3, zeven)) {
            runs.add(r::call);
        }
        tegelijk(runs);
        keten.run("termijn-scanner", zeven);
        keten.run("termijn-scanner", zeven);
        keten.run("escalatie-scanner", zeven);
        tegelijk(runs);
        keten.run("termijn-scanner", om("2026-04-29", "07:15"));
        keten.run("escalatie-scanner", om("2026-04-29", "07:15"));
        keten.run("termijn-scanner", om("2026-04-29", "07:30"));
        keten.run("escalatie-scanner", om("2026-04-29", "07:30"));
        keten.nieuw(LADDER);

        List<Map<String, AttributeValue>> items = keten.alleEscalatieItems();
        assertEquals(ids.stream().sorted().toList(), items.stream().map(i -> i.get("escalatie").s()).sorted().toList(), "one item per zaak");
        for (String i : ids) {
            assertEquals(List.of("GEOPEND"), keten.escalatieItem(i).escalatie().geschiedenis().stream().map(s -> s.gebeurtenis().name()).toList());
        }
        assertEquals(sleutels(ids, "1#ESCALATIE#1"), perSleutel(keten.ontvangen(LADDER)).keySet());
        elkeSleutelEenKeer(keten.ontvangen(LADDER));
        Map<String, Long> verstreken = keten.ontvangen(TERMIJNMELDINGEN).stream().filter(m -> m.get("mijlpaal").asText().equals("VERSTREKEN"))
                .collect(Collectors.groupingBy(m -> m.get("zaak").asText(), Collectors.counting()));
        assertEquals(10, verstreken.size());
        assertTrue(verstreken.values().stream().allMatch(n -> n == 1), verstreken.toString());
    }

    /**
     * The escalatie-scanner with its DynamoDB calls through {@code proxy} and the SDK's retries off: as a Lambda whose
     * run is cut short, a faulted call stays failed. (With retries the SDK keeps trying for a minute, and one of the
     * tries lands.) The proxy carries a fifth of its faults out before answering 500: those are answers lost.
     */
    private static EscalatieScannerHandler scannerVia(Keten keten, Storingsproxy proxy) {
        Omgeving o = keten.stack().omgeving();
        DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.of(o.regio()))
                .endpointOverride(proxy.uri()).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("termijnwacht", "lokaal")))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        EscalatieRepository escalaties = new EscalatieRepository(dynamo, o.escalatiesTabel(), o.dueShards(), new nl.termijnwacht.aws.Tellers(dynamo, o.tellersTabel()));
        DueScan<EscalatieRepository.Opgeslagen> engine = new DueScan<>(escalaties.dueIndex(), new MeldingenLedger(dynamo, o.meldingenTabel(), o.lease()),
                new Publisher(keten.stack().clientsVia(proxy.uri()).sns(), JSON), new Parallel(o.parallel()));
        // the links are signed through the proxy too: a faulted GenerateMac must not lose or duplicate a notice either
        EscalatieScan scan = new EscalatieScan(escalaties, o.ladders(), engine, o, JSON, Antwoordlinks.van(keten.stack().clientsVia(proxy.uri())));
        return new EscalatieScannerHandler(keten.stack().clients(), scan, keten.klok());
    }

    /** One faulted run at 07:00, then fault-free runs at 07:02 (within the lease), 07:15 and 07:30; returns the counts per key. */
    private static Map<String, Long> eenGestoordeRun(Keten keten, List<String> ids, Predicate<Storingsproxy.Verzoek> wat, String foutBevat) {
        AtomicBoolean gepubliceerd = new AtomicBoolean();
        AtomicBoolean storen = new AtomicBoolean(true);
        try (Storingsproxy proxy = Storingsproxy.start(keten.stack().endpoint(), 1.0, 7,
                v -> storen.get() && gepubliceerd.get() && v.dienst().equals("dynamodb") && wat.test(v))) {
            proxy.bijVerzoek(v -> {
                if (v.operatie().equals("PublishBatch")) {
                    gepubliceerd.set(true);
                }
            });
            EscalatieScannerHandler scanner = scannerVia(keten, proxy);
            keten.klok().zet(om7("2026-04-29"));
            IllegalStateException fout = assertThrows(IllegalStateException.class, () -> Keten.invoke(scanner, "{}"),
                    "the run fails (alarm)");
            assertTrue(fout.getMessage().contains(foutBevat), fout.getMessage());
            storen.set(false);
            System.out.println("storingen: " + proxy.tellingen());
        }
        List<ObjectNode> eerst = keten.nieuw(LADDER);
        assertEquals(sleutels(ids, "1#ESCALATIE#1"), perSleutel(eerst).keySet(), "all published before the faults");
        elkeSleutelEenKeer(eerst);
        Map<String, Long> keer = herstelruns(keten);
        assertEquals(sleutels(ids, "1#ESCALATIE#1"), keer.keySet(), "every notice arrived, no other keys");
        assertTrue(keer.values().stream().allMatch(n -> n <= 2), "at most one re-send per notice: " + keer);
        for (String i : ids) {
            assertEquals(Set.of("escalatie#" + i + "#1#ESCALATIE#1"), keten.escalatieItem(i).escalatie().verzonden(), "recorded on the item");
            assertEquals(om7(keten.kalender().werkdagenNa(LocalDate.parse("2026-04-29"), 3)).getEpochSecond(),
                    Long.parseLong(keten.escalatieRuw(i).get("dueAt").n()), "next due: the climb");
        }
        keten.dagen("2026-04-30", "2026-05-01");
        assertEquals(List.of(), keten.nieuw(LADDER), "nothing more until the climb");
        return keer;
    }

    @Test
    void eenMislukteSentMarkeringVerstuurtNietsOpnieuw() {
        Keten keten = Keten.voorTest();
        List<String> ids = zaken(keten, "ZAAK-2026-5", 12);
        keten.run("termijn-scanner", om7("2026-04-29"));
        keten.nieuw(LADDER);
        // only the ledger's UpdateItem (mark SENT) fails; the item still records what was published
        Map<String, Long> keer = eenGestoordeRun(keten, ids, v -> v.operatie().equals("UpdateItem"), "markeren van");
        assertTrue(keer.values().stream().allMatch(n -> n == 1), "recorded on the item, so never re-sent: " + keer);
    }

    @Test
    void storingenNaHetPubliceren_elkeMeldingKomtAan_hooguitEenKeerOpnieuw() {
        Keten keten = Keten.voorTest();
        List<String> ids = zaken(keten, "ZAAK-2026-7", 12);
        keten.run("termijn-scanner", om7("2026-04-29"));
        keten.nieuw(LADDER);
        // every DynamoDB call after the first publish fails: no mark, no item update (a crash between publish and ledger)
        Map<String, Long> keer = eenGestoordeRun(keten, ids, v -> true, "escalaties konden niet worden verwerkt");
        long opnieuw = keer.values().stream().mapToLong(n -> n - 1).sum();
        System.out.println("storingen na publiceren: " + opnieuw + " van " + ids.size() + " opnieuw verstuurd (zelfde idempotencyKey)");
        assertTrue(opnieuw >= 1, "the faults fell between publish and ledger: something was re-sent");
    }

    /** A real crash: the escalatie-scanner process is killed when its first ledger mark (UpdateItem) reaches the proxy. */
    @Test
    void eenGedodeEscalatieScannerVerstuurtHooguitOpnieuwWatOnderwegWas() throws Exception {
        Keten keten = Keten.voorTest();
        List<String> ids = zaken(keten, "ZAAK-2026-6", 25);
        Instant nu = om7("2026-04-29");
        keten.run("termijn-scanner", nu);
        keten.nieuw(LADDER);
        AtomicBoolean gedood = new AtomicBoolean();
        try (Storingsproxy proxy = Storingsproxy.start(keten.stack().endpoint(), 1.0, 3, v -> gedood.get() && v.dienst().equals("dynamodb"))) {
            Process scanner = scannerProces(keten.stack(), proxy, nu);
            proxy.bijVerzoek(v -> {
                if (v.operatie().equals("UpdateItem") && gedood.compareAndSet(false, true)) {
                    scanner.destroyForcibly();
                    try {
                        scanner.waitFor(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            assertTrue(scanner.waitFor(120, TimeUnit.SECONDS), "the scanner process ends");
            assertTrue(gedood.get(), "killed at its first UpdateItem");
            assertTrue(scanner.exitValue() != 0, "killed mid-run, not ended by itself");
        }
        Map<String, Long> voor = perSleutel(keten.nieuw(LADDER));
        Map<String, Long> keer = herstelruns(keten);
        long opnieuw = keer.values().stream().mapToLong(n -> n - 1).sum();
        System.out.println("kill bij eerste UpdateItem: " + voor.size() + " verstuurd voor de kill, " + opnieuw + " opnieuw verstuurd");
        assertEquals(sleutels(ids, "1#ESCALATIE#1"), keer.keySet(), "none lost");
        assertTrue(keer.values().stream().allMatch(n -> n <= 2), "a notice is re-sent at most once: " + keer);
        assertTrue(opnieuw <= DueScan.PUBLICATIE_BREEDTE * 10, "at most the batches in flight: " + opnieuw);
        assertTrue(opnieuw >= 1, "the crash fell between publish and ledger: something was re-sent");
        for (String i : ids) {
            assertEquals(Set.of("escalatie#" + i + "#1#ESCALATIE#1"), keten.escalatieItem(i).escalatie().verzonden());
        }
    }

    private static Process scannerProces(LokaleStack stack, Storingsproxy proxy, Instant nu) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = Files.createTempFile("escalatie-scanner", ".log");
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ScannerProces.class.getName(),
                stack.endpoint().toString(), proxy.uri().toString(), nu.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /** Main of the scanner process: one escalatie-scanner run at {@code nu}, its clients through the proxy. */
    static final class ScannerProces {
        public static void main(String[] args) throws Exception {
            LokaleStack stack = LokaleStack.op(java.net.URI.create(args[0]));
            EscalatieScannerHandler scanner = EscalatieScannerHandler.bouw(stack.clientsVia(java.net.URI.create(args[1])),
                    Clock.fixed(Instant.parse(args[2]), ZoneOffset.UTC));
            scanner.handleRequest(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
        }
    }

    /**
     * The fault-free runs after a faulted or killed one: at 07:02, within the lease, nothing is re-sent; at 07:15 and
     * 07:30 the rest goes out. Returns how often each key arrived, over the whole test.
     */
    private static Map<String, Long> herstelruns(Keten keten) {
        keten.run("escalatie-scanner", om("2026-04-29", "07:02"));
        assertEquals(List.of(), keten.nieuw(LADDER), "within the lease nothing is re-sent");
        keten.run("escalatie-scanner", om("2026-04-29", "07:15"));
        keten.run("escalatie-scanner", om("2026-04-29", "07:30"));
        keten.nieuw(LADDER);
        return perSleutel(keten.ontvangen(LADDER));
    }
}
