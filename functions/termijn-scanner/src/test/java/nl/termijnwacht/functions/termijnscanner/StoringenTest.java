package nl.termijnwacht.functions.termijnscanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import nl.termijnwacht.aws.ZaakRepository;
import nl.termijnwacht.local.Keten;
import nl.termijnwacht.local.LokaleStack;
import nl.termijnwacht.local.Proefdata;
import nl.termijnwacht.local.Storingsproxy;
import nl.termijnwacht.local.Storingsproxy.Storing;
import nl.termijnwacht.local.Storingsproxy.Verzoek;
import org.junit.jupiter.api.Test;

/**
 * Exactly once under faults (docs/architectuur.md, "Exactly once"). The scanner talks to the emulator through
 * the project's own fault-injecting proxy; a quarter of 60 zaken runs fault-free and at 5 % and 20 % faults,
 * and the notifications are compared key by key. A second test kills the scanner process mid-run.
 * Figures are printed (and kept in docs/metingen.md).
 */
class StoringenTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate VAN = LocalDate.parse("2026-02-01");
    private static final LocalDate TOT = LocalDate.parse("2026-04-30");
    /** The scanner's schedule on a due day: every 15 minutes from 07:00 (the rest of the day nothing falls due). */
    private static final List<LocalTime> RUNS = List.of(LocalTime.of(7, 0), LocalTime.of(7, 15), LocalTime.of(7, 30), LocalTime.of(7, 45));

    /** 60 zaken received from 5 January 2026 on, one a day: plain, suspended, extended, decided, in default, uitgebreid. */
    private static List<Keten.Gebeurtenis> scenario() {
        List<Keten.Gebeurtenis> lijst = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String zaak = "S-" + i;
            LocalDate ontvangen = LocalDate.parse("2026-01-05").plusDays(i);
            String procedure = i % 6 == 5 ? "uitgebreid" : "regulier";
            lijst.add(new Keten.Gebeurtenis(op(ontvangen), "AanvraagOntvangen", "GM0363", zaak,
                    "\"procedure\":\"" + procedure + "\",\"ontvangen\":\"" + ontvangen + "\""));
            switch (i % 6) {
                case 1 -> {
                    lijst.add(feit(ontvangen.plusDays(10), "AanvullingGevraagd", zaak,
                            "\"datum\":\"" + ontvangen.plusDays(10) + "\",\"aanvullenVoor\":\"" + ontvangen.plusDays(24) + "\""));
                    lijst.add(feit(ontvangen.plusDays(17), "AanvullingOntvangen", zaak, "\"datum\":\"" + ontvangen.plusDays(17) + "\""));
                }
                case 2 -> lijst.add(feit(ontvangen.plusDays(20), "TermijnVerlengd", zaak,
                        "\"duur\":\"P4W\",\"bekendgemaakt\":\"" + ontvangen.plusDays(20) + "\""));
                case 3 -> lijst.add(feit(ontvangen.plusDays(45), "BesluitBekendgemaakt", zaak, "\"datum\":\"" + ontvangen.plusDays(45) + "\""));
                case 4 -> lijst.add(feit(ontvangen.plusDays(70), "IngebrekestellingOntvangen", zaak, "\"datum\":\"" + ontvangen.plusDays(70) + "\""));
                default -> { }
            }
        }
        return lijst;
    }

    private static Instant op(LocalDate dag) {
        return dag.atTime(9, 0).atZone(Keten.AMSTERDAM).toInstant();
    }

    private static Keten.Gebeurtenis feit(LocalDate dag, String type, String zaak, String velden) {
        return new Keten.Gebeurtenis(op(dag), type, "GM0363", zaak, velden);
    }

    /** What one quarter produced: per idempotencyKey the instants of the runs that delivered it. */
    record Uitkomst(Map<String, List<Instant>> meldingen, int runs, int mislukteRuns, Storingsproxy proxy, long millis) {
        int totaal() {
            return meldingen.values().stream().mapToInt(List::size).sum();
        }
    }

    private static Uitkomst kwartaal(double kans, Predicate<Verzoek> storen, long zaad) {
        long start = System.nanoTime();
        Keten keten = Keten.voorTest();
        Map<String, List<Instant>> meldingen = new HashMap<>();
        int runs = 0;
        int mislukt = 0;
        try (Storingsproxy proxy = Storingsproxy.start(keten.stack().endpoint(), kans, zaad, storen)) {
            TermijnScannerHandler scanner = TermijnScannerHandler.bouw(keten.stack().clientsVia(proxy.uri()), keten.klok());
            ZaakRepository direct = ZaakRepository.van(keten.stack().clients(), JSON); // the test's own view, fault-free
            List<Keten.Gebeurtenis> open = new ArrayList<>(scenario());
            open.sort(java.util.Comparator.comparing(Keten.Gebeurtenis::op));
            Instant due = null;
            boolean gelezen = false;
            for (LocalDate dag = VAN; !dag.isAfter(TOT); dag = dag.plusDays(1)) {
                for (LocalTime tijd : RUNS) {
                    Instant t = dag.atTime(tijd).atZone(Keten.AMSTERDAM).toInstant();
                    boolean nieuw = !gelezen;
                    while (!open.isEmpty() && !open.getFirst().op().isAfter(t)) {
                        Keten.Gebeurtenis g = open.removeFirst();
                        keten.zaakFeit(g.op(), g.type(), g.gemeente(), g.zaak(), g.velden());
                        nieuw = true;
                    }
                    if (nieuw) {
                        due = direct.eersteDue(); // only after a change: most slots cost no queries
                        gelezen = true;
                    }
                    if (due == null || due.isAfter(t)) {
                        continue;
                    }
                    runs++;
                    try {
                        keten.run(scanner, t);
                    } catch (RuntimeException e) {
                        mislukt++; // like the real schedule: the next run goes on
                    }
                    for (ObjectNode m : keten.nieuw()) {
                        meldingen.computeIfAbsent(m.get("idempotencyKey").asText(), k -> new ArrayList<>()).add(t);
                    }
                    due = direct.eersteDue();
                }
                // events of the rest of the day (09:00) arrive before the next day's runs
            }
            // the regietafel's counters, written in the same transactions under the same faults, match the facts exactly
            assertEquals(List.of(), nl.termijnwacht.aws.Hertelling.van(keten.stack().clients(), JSON).vergelijk(List.of()),
                    "recount after a quarter with faults (" + kans + ")");
            return new Uitkomst(meldingen, runs, mislukt, proxy, (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static Predicate<Verzoek> dienst(String naam) {
        return v -> v.dienst().equals(naam);
    }

    @Test
    void eenKwartaalOnderStoringenVerliestNietsEnVerdubbeltAlleenWatOnderwegWas() {
        Uitkomst schoon = kwartaal(0, v -> false, 1);
        assertTrue(schoon.totaal() > 150, "a real quarter: " + schoon.totaal());
        assertEquals(schoon.meldingen().size(), schoon.totaal(), "fault-free: each once");
        assertEquals(0, schoon.mislukteRuns());

        StringBuilder tabel = new StringBuilder("storingen | runs (mislukt) | verloren | dubbel | te laat | toegestaan dubbel | storingen per soort\n");
        tabel.append(regel("geen", schoon, schoon, 0));
        record Geval(String naam, double kans, Predicate<Verzoek> storen) {
        }
        for (Geval g : List.of(new Geval("5 % alle diensten", 0.05, v -> true), new Geval("20 % alle diensten", 0.20, v -> true),
                new Geval("20 % alleen SNS", 0.20, dienst("sns")), new Geval("20 % alleen DynamoDB", 0.20, dienst("dynamodb")))) {
            Uitkomst u = kwartaal(g.kans(), g.storen(), 42);
            long toegestaan = toegestaanDubbel(u.proxy());
            tabel.append(regel(g.naam(), u, schoon, toegestaan));
            List<String> verloren = schoon.meldingen().keySet().stream().filter(k -> !u.meldingen().containsKey(k)).sorted().toList();
            assertEquals(List.of(), verloren, g.naam() + ": lost");
            assertEquals(List.of(), u.meldingen().keySet().stream().filter(k -> !schoon.meldingen().containsKey(k)).toList(),
                    g.naam() + ": notifications the fault-free run did not send");
            int dubbel = u.totaal() - u.meldingen().size();
            assertTrue(dubbel <= toegestaan, g.naam() + ": " + dubbel + " duplicates, only " + toegestaan
                    + " explained by publishes that SNS carried out while the caller heard a failure");
            for (Map.Entry<String, List<Instant>> e : u.meldingen().entrySet()) {
                if (e.getValue().size() > 1) {
                    assertTrue(e.getValue().stream().distinct().count() <= 2, "a duplicate is re-sent at most once later: " + e);
                }
            }
        }
        System.out.print(tabel);
    }

    /**
     * Duplicates physics allows: a PublishBatch that SNS carried out while the answer was lost is sent again,
     * by the SDK's retry or the next run (at most one batch of ten each time).
     */
    private static long toegestaanDubbel(Storingsproxy proxy) {
        return 10 * proxy.aantal("PublishBatch", Storing.NA_DOORSTUREN);
    }

    private static String regel(String naam, Uitkomst u, Uitkomst schoon, long toegestaan) {
        long verloren = schoon.meldingen().keySet().stream().filter(k -> !u.meldingen().containsKey(k)).count();
        int dubbel = u.totaal() - u.meldingen().size();
        long laat = u.meldingen().entrySet().stream().filter(e -> schoon.meldingen().containsKey(e.getKey())
                && e.getValue().getFirst().isAfter(schoon.meldingen().get(e.getKey()).getFirst())).count();
        return naam + " | " + u.runs() + " (" + u.mislukteRuns() + ") | " + verloren + " | " + dubbel + " | " + laat + " | " + toegestaan
                + " | " + u.proxy().tellingen() + " | " + u.meldingen().size() + " meldingen | " + u.millis() + " ms\n";
    }

    // ---- kill -9 mid-run --------------------------------------------------------------------------------------------

    private static final int DUE = 300;

    @Test
    void eenGedodeScannerVerstuurtHooguitDeMeldingenDieOnderwegWaren() throws Exception {
        StringBuilder tabel = new StringBuilder("kill na PublishBatch nr | gedood | verstuurd vóór kill | dubbel | verloren\n");
        for (int naPublicatie : List.of(0, 1, 8, 20)) {
            Keten keten = Keten.voorTest();
            Instant nu = Keten.om7("2026-06-15");
            Proefdata.vul(keten.stack(), 0, DUE, nu);
            AtomicInteger publicaties = new AtomicInteger();
            try (Storingsproxy proxy = Storingsproxy.start(keten.stack().endpoint(), 0, 1, v -> false)) {
                Process scanner = scannerProces(keten.stack(), proxy, nu);
                // kill the moment the n-th PublishBatch is on its way (0: while the first claims are being written)
                proxy.bijVerzoek(v -> {
                    boolean doden = naPublicatie == 0 ? v.operatie().equals("PutItem") && publicaties.get() == 0
                            : v.operatie().equals("PublishBatch") && publicaties.incrementAndGet() == naPublicatie;
                    if (doden) {
                        scanner.destroyForcibly();
                        try {
                            scanner.waitFor(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                });
                assertTrue(scanner.waitFor(120, TimeUnit.SECONDS), "the scanner process ends");
                assertNotEquals(0, scanner.exitValue(), "killed mid-run, not ended by itself");
            }
            Map<String, Integer> keer = new HashMap<>();
            keten.nieuw().forEach(m -> keer.merge(m.get("idempotencyKey").asText(), 1, Integer::sum));
            int voor = keer.values().stream().mapToInt(Integer::intValue).sum();
            // the next runs, after the lease (5 minutes): whatever the killed run left PENDING is taken over
            TermijnScannerHandler opnieuw = TermijnScannerHandler.bouw(keten.stack().clients(), keten.klok());
            keten.run(opnieuw, nu.plusSeconds(15 * 60));
            keten.run(opnieuw, nu.plusSeconds(30 * 60));
            keten.nieuw().forEach(m -> keer.merge(m.get("idempotencyKey").asText(), 1, Integer::sum));
            int dubbel = keer.values().stream().mapToInt(n -> n - 1).sum();
            int verloren = DUE - keer.size();
            tabel.append(naPublicatie).append(" | ja | ").append(voor).append(" | ").append(dubbel).append(" | ").append(verloren).append('\n');
            assertEquals(0, verloren, "none lost after a kill at publish " + naPublicatie);
            assertEquals(List.of(), nl.termijnwacht.aws.Hertelling.van(keten.stack().clients(), JSON).vergelijk(List.of()),
                    "recount after a kill at publish " + naPublicatie);
            assertTrue(dubbel <= nl.termijnwacht.aws.DueScan.PUBLICATIE_BREEDTE * 10,
                    "at most the batches in flight (" + nl.termijnwacht.aws.DueScan.PUBLICATIE_BREEDTE + " × 10) are re-sent: " + dubbel);
            assertTrue(keer.values().stream().allMatch(n -> n <= 2), "a notification is re-sent at most once");
        }
        System.out.print(tabel);
    }

    /** The scanner as a process of its own (as a Lambda sandbox is), with its clients through {@code proxy}. */
    private static Process scannerProces(LokaleStack stack, Storingsproxy proxy, Instant nu) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = Files.createTempFile("scanner", ".log");
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ScannerProces.class.getName(),
                stack.endpoint().toString(), proxy.uri().toString(), nu.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /** Main of the scanner process: one run at {@code nu} against the stack on {@code emulator}, through {@code proxy}. */
    static final class ScannerProces {
        public static void main(String[] args) throws Exception {
            LokaleStack stack = LokaleStack.op(java.net.URI.create(args[0]));
            TermijnScannerHandler scanner = TermijnScannerHandler.bouw(stack.clientsVia(java.net.URI.create(args[1])),
                    Clock.fixed(Instant.parse(args[2]), ZoneOffset.UTC));
            scanner.handleRequest(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
        }
    }
}
