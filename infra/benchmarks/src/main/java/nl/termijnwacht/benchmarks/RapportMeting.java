package nl.termijnwacht.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import nl.termijnwacht.aws.Tellers;
import nl.termijnwacht.core.Feit;
import nl.termijnwacht.core.Isoweek;
import nl.termijnwacht.core.Kalender;
import nl.termijnwacht.core.Procedure;
import nl.termijnwacht.core.Tellerstand;
import nl.termijnwacht.core.Termijnberekening;
import nl.termijnwacht.core.Zaakdossier;
import nl.termijnwacht.core.Zaaktelling;
import nl.termijnwacht.emulator.Emulator;
import nl.termijnwacht.functions.stelselrapportage.Rapportpagina;
import nl.termijnwacht.functions.stelselrapportage.StelselrapportageHandler;
import nl.termijnwacht.functions.zaakevents.ZaakEventsHandler;
import nl.termijnwacht.local.LokaleStack;
import nl.termijnwacht.local.Verzoekteller;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The regietafel's report at national size (docs/metingen.md, "The weekly report"): 342 gemeenten, 1,000,000 open
 * zaken and 50,000 open escalation items. moto cannot hold a million zaken, and the report never reads one: the
 * zaken's counter entries are computed in memory from synthetic dossiers (the same {@link Zaaktelling} the functions
 * write) and stored as the counters a real table would hold. Then the function runs in a JVM of its own with
 * {@code -Xmx256m} (a Lambda of 256 MB) against the emulator, and prints time, requests, items read and heap. Last,
 * the requests one zaak event costs with the counters.
 *
 * <p>Arguments: {@code [zaken] [gemeenten] [escalaties]}; default 1,000,000 342 50,000.
 */
public final class RapportMeting {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant MAANDAG = Instant.parse("2026-06-22T06:00:00Z"); // 08:00 CEST, reports 2026-W25

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--run")) {
            run(args[1]);
            return;
        }
        int zaken = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int gemeenten = args.length > 1 ? Integer.parseInt(args[1]) : 342;
        int escalaties = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
        try (Emulator emulator = Emulator.forTests()) {
            LokaleStack stack = LokaleStack.op(emulator.endpoint());
            long start = System.nanoTime();
            int items = vul(stack, zaken, gemeenten, escalaties);
            System.out.printf("tellers van %,d open zaken (en %,d besloten) en %,d escalaties in %d gemeenten berekend en opgeslagen: %,d items in %d s%n",
                    zaken, zaken / 5, escalaties,
                    gemeenten, items, Duration.ofNanos(System.nanoTime() - start).toSeconds());
            for (int i = 1; i <= 2; i++) {
                Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m", "-XX:+UseSerialGC",
                        "-cp", System.getProperty("java.class.path"), RapportMeting.class.getName(), "--run", emulator.endpoint().toString())
                        .inheritIO().start();
                if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    throw new IllegalStateException("de rapportrun faalde (exit " + p.exitValue() + ")");
                }
            }
            perZaakEvent(emulator);
        }
    }

    /** Counter items as the functions would have written them for these zaken: per gemeente a basis and two weeks. */
    private static int vul(LokaleStack stack, int zaken, int gemeenten, int escalaties) {
        Termijnberekening berekening = new Termijnberekening(Kalender.standaard());
        Random rnd = new Random(16);
        LocalDate vandaag = LocalDate.parse("2026-06-21");
        List<Tellerstand[]> delen = new ArrayList<>();
        for (int g = 0; g < gemeenten; g++) {
            delen.add(new Tellerstand[] {new Tellerstand(), new Tellerstand(), new Tellerstand()});
        }
        Procedure[] procedures = Procedure.values();
        // the open zaken, and a fifth as many decided ones in the last six months (the flows)
        int besloten = zaken / 5;
        for (int i = 0; i < zaken + besloten; i++) {
            int g = i % gemeenten;
            LocalDate ontvangen = vandaag.minusDays(rnd.nextInt(180));
            Procedure procedure = procedures[rnd.nextInt(procedures.length)];
            Zaakdossier d = Zaakdossier.leeg(code(g), "Z-" + i).met(new Feit.AanvraagOntvangen("o", procedure, ontvangen));
            int soort = rnd.nextInt(10);
            if (i >= zaken) {
                LocalDate besluit = ontvangen.plusDays(20 + rnd.nextInt(70));
                d = d.met(new Feit.BesluitBekendgemaakt("b", besluit.isAfter(vandaag) ? vandaag : besluit));
            } else if (soort == 0 && ontvangen.plusDays(10).isBefore(vandaag)) {
                d = d.met(new Feit.AanvullingGevraagd("v", ontvangen.plusDays(5), ontvangen.plusDays(40)));
            } else if (soort == 1 && ontvangen.plusDays(70).isBefore(vandaag)) {
                d = d.met(new Feit.IngebrekestellingOntvangen("i", ontvangen.plusDays(65 + rnd.nextInt(5))));
            }
            delen.get(g)[rnd.nextInt(10) < 8 ? 0 : 1 + rnd.nextInt(2)].tel(Zaaktelling.van(d, berekening));
        }
        Tellers tellers = Tellers.van(stack.clients());
        int items = 0;
        Isoweek w = Isoweek.gerapporteerdOp(MAANDAG, java.time.ZoneId.of("Europe/Amsterdam"));
        for (int g = 0; g < gemeenten; g++) {
            Tellerstand[] t = delen.get(g);
            items += zet(stack, code(g), Tellers.BASIS, t[0].ingedikt(w.plus(-11)).tellers(), Map.of("ingedikt", AttributeValue.fromS(w.plus(-11).sleutel())));
            items += zet(stack, code(g), Tellers.ZAKEN + w.sleutel(), t[1].tellers(), Map.of());
            items += zet(stack, code(g), Tellers.ZAKEN + w.plus(1).sleutel(), t[2].tellers(), Map.of());
        }
        // escalation items: open on termijnoverschrijding, levels 1–4 (4 is the top), one in twenty at the top
        Map<String, Map<String, AttributeValue>> esc = new HashMap<>();
        for (int i = 0; i < escalaties; i++) {
            String scope = code(i % gemeenten);
            Map<String, AttributeValue> item = esc.computeIfAbsent(scope, k -> new HashMap<>());
            int niveau = i % 20 == 0 ? 4 : 1 + rnd.nextInt(3);
            String teller = "termijnoverschrijding#" + niveau;
            long n = item.containsKey(teller) ? Long.parseLong(item.get(teller).n()) : 0;
            item.put(teller, AttributeValue.fromN(Long.toString(n + 1)));
            if (niveau == 4) {
                item.put(Tellers.TOP + "termijnoverschrijding:" + scope + ":Z-" + i, AttributeValue.fromS(vandaag.minusDays(rnd.nextInt(60)) + "|4"));
            }
        }
        for (var e : esc.entrySet()) {
            Map<String, AttributeValue> item = new HashMap<>(e.getValue());
            item.put("gemeente", AttributeValue.fromS(e.getKey()));
            item.put("teller", AttributeValue.fromS(Tellers.ESCALATIES));
            item.put("versie", AttributeValue.fromN("1"));
            stack.clients().dynamoDb().putItem(b -> b.tableName(stack.omgeving().tellersTabel()).item(item));
            items++;
        }
        return items;
    }

    private static int zet(LokaleStack stack, String gemeente, String teller, Map<String, Long> tellers, Map<String, AttributeValue> extra) {
        Map<String, AttributeValue> item = new HashMap<>(extra);
        item.put("gemeente", AttributeValue.fromS(gemeente));
        item.put("teller", AttributeValue.fromS(teller));
        item.put("versie", AttributeValue.fromN("1"));
        tellers.forEach((k, v) -> item.put(k, AttributeValue.fromN(Long.toString(v))));
        stack.clients().dynamoDb().putItem(b -> b.tableName(stack.omgeving().tellersTabel()).item(item));
        return 1;
    }

    private static String code(int g) {
        return String.format("GM%04d", 1 + g);
    }

    /** In its own JVM (-Xmx256m): one report run, with its figures. */
    private static void run(String endpoint) throws Exception {
        LokaleStack stack = LokaleStack.op(java.net.URI.create(endpoint));
        Verzoekteller teller = new Verzoekteller(false);
        // time spent waiting on the emulator, per call from before its marshalling to after its unmarshalling
        java.util.concurrent.atomic.AtomicLong inAws = new java.util.concurrent.atomic.AtomicLong();
        var startAttribuut = new software.amazon.awssdk.core.interceptor.ExecutionAttribute<Long>("meting.start");
        software.amazon.awssdk.core.interceptor.ExecutionInterceptor klok = new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
            @Override
            public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution c, software.amazon.awssdk.core.interceptor.ExecutionAttributes a) {
                a.putAttribute(startAttribuut, System.nanoTime());
            }

            @Override
            public void afterExecution(software.amazon.awssdk.core.interceptor.Context.AfterExecution c, software.amazon.awssdk.core.interceptor.ExecutionAttributes a) {
                inAws.addAndGet(System.nanoTime() - a.getAttribute(startAttribuut));
            }
        };
        long start = System.nanoTime();
        StelselrapportageHandler h = StelselrapportageHandler.bouw(stack.clients(List.of(teller, klok)), Clock.fixed(MAANDAG, ZoneOffset.UTC));
        ByteArrayOutputStream uit = new ByteArrayOutputStream();
        h.handleRequest(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), uit, null);
        long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
        JsonNode verslag = JSON.readTree(uit.toByteArray());
        var r = h.rapportage().archief().lees(Isoweek.gerapporteerdOp(MAANDAG, java.time.ZoneId.of("Europe/Amsterdam"))).orElseThrow();
        long paginaStart = System.nanoTime();
        String pagina = Rapportpagina.html(r.document());
        long paginaMs = Duration.ofNanos(System.nanoTime() - paginaStart).toMillis();
        Runtime rt = Runtime.getRuntime();
        long piek = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        int gemeenten = r.document().get("gemeenten").size();
        System.out.printf("run: %d ms (incl. bouw), waarvan %d ms in %d AWS-aanroepen (de emulator), %,d items gelezen (%.1f per gemeente), gemeenten %d, open zaken %,d, "
                        + "document %,d B, pagina %,d B in %d ms, heap piek %d MB van max %d MB, verslag %s%n",
                ms, inAws.get() / 1_000_000, teller.verzoeken(), teller.items(), (double) teller.items() / gemeenten, gemeenten,
                r.document().at("/totaal/openZaken").asLong(), r.document().toString().length(), pagina.length(), paginaMs,
                piek / (1 << 20), rt.maxMemory() / (1 << 20), verslag);
    }

    /** Requests and item sizes of zaak events with the counters (before them: GetItem + PutItem, 1 write of the zaak). */
    private static void perZaakEvent(Emulator emulator) {
        emulator.reset();
        LokaleStack stack = LokaleStack.op(emulator.endpoint());
        Verzoekteller teller = new Verzoekteller(false);
        Map<String, Integer> operaties = new java.util.TreeMap<>();
        software.amazon.awssdk.core.interceptor.ExecutionInterceptor tel = new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
            @Override
            public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution c,
                                        software.amazon.awssdk.core.interceptor.ExecutionAttributes a) {
                operaties.merge(a.getAttribute(software.amazon.awssdk.core.interceptor.SdkExecutionAttribute.OPERATION_NAME), 1, Integer::sum);
            }
        };
        ZaakEventsHandler h = ZaakEventsHandler.bouw(stack.clients(List.of(teller, tel)), Clock.fixed(Instant.parse("2026-06-22T10:00:00Z"), ZoneOffset.UTC));
        int events = 0;
        for (int i = 0; i < 200; i++) {
            String zaak = "ZAAK-2026-" + (1000 + i);
            for (String[] e : List.of(new String[] {"AanvraagOntvangen", "\"procedure\":\"regulier\",\"ontvangen\":\"2026-05-04\""},
                    new String[] {"AanvullingGevraagd", "\"datum\":\"2026-05-11\",\"aanvullenVoor\":\"2026-06-08\""},
                    new String[] {"AanvullingOntvangen", "\"datum\":\"2026-05-20\""},
                    new String[] {"BesluitBekendgemaakt", "\"datum\":\"2026-06-19\""})) {
                String event = "{\"id\":\"e-" + i + "-" + e[0] + "\",\"source\":\"termijnwacht.zaken\",\"detail-type\":\"" + e[0]
                        + "\",\"time\":\"2026-06-22T10:00:00Z\",\"detail\":{\"gemeente\":\"GM0363\",\"zaak\":\"" + zaak + "\"," + e[1] + "}}";
                try {
                    h.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
                } catch (java.io.IOException x) {
                    throw new java.io.UncheckedIOException(x);
                }
                events++;
            }
        }
        var item = stack.clients().dynamoDb().getItem(b -> b.tableName(stack.omgeving().tellersTabel()).key(Map.of("gemeente", AttributeValue.fromS("GM0363"),
                "teller", AttributeValue.fromS(Tellers.ZAKEN + Isoweek.van(LocalDate.parse("2026-06-22")).sleutel())))).item();
        var zaak = stack.clients().dynamoDb().getItem(b -> b.tableName(stack.omgeving().zakenTabel()).key(Map.of("gemeente", AttributeValue.fromS("GM0363"),
                "zaak", AttributeValue.fromS("ZAAK-2026-1000")))).item();
        System.out.printf("zaak-events: %d events, %.2f verzoeken per event %s; tellerItem %d B (%d tellers), zaakItem %d B (telling %d B)%n",
                events, (double) teller.verzoeken() / events, operaties, grootte(item), item.size() - 3, grootte(zaak),
                zaak.containsKey("telling") ? grootte(Map.of("telling", zaak.get("telling"))) : 0);
    }

    /** An item's size by DynamoDB's rules (names and values in UTF-8, numbers about one byte per two digits, +3 per map entry). */
    private static int grootte(Map<String, AttributeValue> item) {
        int n = 0;
        for (var e : item.entrySet()) {
            n += e.getKey().getBytes(StandardCharsets.UTF_8).length + grootte(e.getValue());
        }
        return n;
    }

    private static int grootte(AttributeValue v) {
        if (v.s() != null) {
            return v.s().getBytes(StandardCharsets.UTF_8).length;
        }
        if (v.n() != null) {
            return v.n().length() / 2 + 2;
        }
        if (v.hasM()) {
            int n = 3;
            for (var e : v.m().entrySet()) {
                n += 1 + e.getKey().getBytes(StandardCharsets.UTF_8).length + grootte(e.getValue());
            }
            return n;
        }
        if (v.hasSs()) {
            return v.ss().stream().mapToInt(s -> s.getBytes(StandardCharsets.UTF_8).length).sum() + 3;
        }
        if (v.b() != null) {
            return v.b().asByteArray().length;
        }
        return 3;
    }
}
