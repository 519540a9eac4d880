package nl.termijnwacht.functions.zaakevents;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.termijnwacht.aws.AwsClients;
import nl.termijnwacht.functions.zaakevents.VijandigeEvents.Event;
import nl.termijnwacht.functions.zaakevents.VijandigeEvents.Verwachting;
import nl.termijnwacht.local.LokaleStack;
import nl.termijnwacht.local.VastleggendeContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Hostile input for {@code zaak-events}: some 1,300 seeded events ({@link VijandigeEvents}) — valid ones mixed with
 * missing, mistyped and huge fields, control characters, absurd dates and durations, reused ids, out-of-order
 * facts and personal data — driven one by one through the real handler against the AWS-protocol emulator.
 *
 * <p>After every event: no crash, a well-formed answer, no write for a rejected or repeated event, well-formed
 * rejection messages, and no planted value in any log line. At the end: no accepted fact evicted. Every failure
 * is reported with a few example events; the whole report also goes to {@code target/vijandige-invoer-rapport.txt}.
 */
class VijandigeInvoerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NU = Instant.parse("2026-06-15T10:00:00Z");
    private static final Set<String> RESULTATEN = Set.of("VERWERKT", "AL_VERWERKT", "AFGEWEZEN");
    private static final String SCHEMA = "termijnwacht.afwijzing/1";
    private static final int MAX_REDEN = 300;
    private static final int MAX_BERICHT_BYTES = 1024 * 1024;
    private static final int VOORBEELDEN = 4;
    /** Every so many events, a scan of every item's version checks that no other item was written. */
    private static final int CONTROLE_ELKE = 25;

    // the assertions, named as in the report
    private static final String CRASHES = "0 crashes (de handler gooit nooit)";
    private static final String UITVOER = "uitvoer is JSON met resultaat VERWERKT/AL_VERWERKT/AFGEWEZEN";
    private static final String GEDEELTELIJK = "0 gedeeltelijke schrijfacties (AFGEWEZEN/AL_VERWERKT laten de tabel ongewijzigd)";
    private static final String BERICHT_VORM = "afwijzingsbericht: schema, velden, niet-lege veld en reden";
    private static final String BERICHT_REDEN = "afwijzingsbericht: reden kort (<= 300 tekens) en zonder stuurtekens";
    private static final String BERICHT_GROOTTE = "afwijzingsbericht: body kleiner dan 1 MiB";
    private static final String BERICHT_AANTAL = "afwijzingsberichten: minstens zoveel als AFGEWEZEN-resultaten";
    private static final String LOG = "geen geplante waarde (marker) in een logregel";
    private static final String VERDRONGEN = "geen geaccepteerd feit verdrongen";
    private static final String AANTALLEN = ">= 1000 events geprobeerd, zowel geaccepteerd als afgewezen";
    // beyond the issue's list, from the rules docs/termijnregels.md ("Grenzen") and docs/architectuur.md ("Facts in, state derived") state, and real SQS limits
    private static final String VERWACHT = "extra: uitkomst die de regels vastleggen (te groot, datumgrenzen, id hergebruikt, zelfde feit, tegenspraak, ...)";
    private static final String OPGESLAGEN = "extra: geen geplante waarde opgeslagen in Zaken (behalve als event-id-sleutel van feiten)";
    private static final String SQS_TEKENS = "extra: afwijzingsbericht bevat alleen tekens die echte SQS accepteert";

    /** Failures per assertion: a count and the first few examples. */
    private static final class Bevindingen {
        private final Map<String, Integer> aantallen = new LinkedHashMap<>();
        private final Map<String, List<String>> voorbeelden = new LinkedHashMap<>();

        Bevindingen(String... beweringen) {
            for (String b : beweringen) {
                aantallen.put(b, 0);
                voorbeelden.put(b, new ArrayList<>());
            }
        }

        void fout(String bewering, String voorbeeld) {
            aantallen.merge(bewering, 1, Integer::sum);
            List<String> lijst = voorbeelden.get(bewering);
            if (lijst.size() < VOORBEELDEN) {
                lijst.add(voorbeeld);
            }
        }

        int aantal(String bewering) {
            return aantallen.get(bewering);
        }

        String beschrijf(String bewering) {
            StringBuilder b = new StringBuilder(bewering).append(": ").append(aantal(bewering)).append(" keer");
            for (String v : voorbeelden.get(bewering)) {
                b.append("\n    - ").append(v);
            }
            return b.toString();
        }
    }

    /** A VERWERKT fact that must stay: a receipt, or a fact told when its zaak already had an accepted receipt. */
    private record Bewaakt(int nr, String sleutel, String id) {
    }

    @Test
    void vijandigeEventsLatenGeenSporenNaAanWatDeRegelsToestaan() throws IOException {
        long start = System.nanoTime();
        VijandigeEvents generator = VijandigeEvents.genereer();
        List<Event> events = generator.events();
        List<String> markers = new ArrayList<>(generator.markers());

        LokaleStack stack = LokaleStack.voorTest();
        AwsClients aws = stack.clients();
        String tabel = aws.omgeving().zakenTabel();
        String queue = stack.voorzieningen().afgewezenQueueUrl();
        ZaakEventsHandler handler = ZaakEventsHandler.bouw(aws, Clock.fixed(NU, ZoneOffset.UTC));
        VastleggendeContext context = new VastleggendeContext("zaak-events");
        leesAfwijzingen(aws.sqs(), queue);

        Bevindingen b = new Bevindingen(CRASHES, UITVOER, GEDEELTELIJK, BERICHT_VORM, BERICHT_REDEN, BERICHT_GROOTTE, BERICHT_AANTAL, LOG,
                VERDRONGEN, AANTALLEN, VERWACHT, OPGESLAGEN, SQS_TEKENS);
        String[] resultaat = new String[events.size()];
        Map<String, Map<String, Integer>> perSoort = new TreeMap<>();
        Map<String, Map<String, Integer>> veldPerSoort = new TreeMap<>();
        int logregelsTotaal = 0;
        List<Bewaakt> bewaakt = new ArrayList<>();
        Set<String> zakenMetOntvangst = new HashSet<>();
        int verwerkt = 0;
        int alVerwerkt = 0;
        int afgewezen = 0;
        int crashes = 0;
        int berichten = 0;
        long maxMs = 0;
        long handlerNs = 0;
        long queueNs = 0;
        long scanNs = 0;
        int traagste = -1;
        int geprobeerd = 0;

        // Snapshots: all attributes of the item an event names, before and after it (a scan of the whole table per
        // event is too slow on the emulator); every CONTROLE_ELKE events a scan of every item's version checks that
        // nothing else was written. The handler is the only writer, so an item's state after one event is its
        // state before the next one that names it.
        Map<String, Map<String, AttributeValue>> bekend = new HashMap<>();
        Map<String, String> vreemd = new HashMap<>();
        int vorigeControle = 0;
        PrintStream echteOut = System.out;
        PrintStream echteErr = System.err;
        ByteArrayOutputStream stdVang = new ByteArrayOutputStream();
        PrintStream vang = new PrintStream(stdVang, true, StandardCharsets.UTF_8);
        System.setOut(vang);
        System.setErr(vang);
        try {
            for (Event e : events) {
                geprobeerd++;
                context.regels.clear();
                stdVang.reset();
                byte[] invoer = e.json().getBytes(StandardCharsets.UTF_8);
                JsonNode event = leesOfNull(invoer);
                String sleutel = sleutel(event);
                long s0 = System.nanoTime();
                Momentopname voor = new Momentopname(sleutel, sleutel == null ? null
                        : bekend.containsKey(sleutel) ? bekend.get(sleutel) : item(aws, tabel, event));
                scanNs += System.nanoTime() - s0;
                ByteArrayOutputStream uit = new ByteArrayOutputStream();
                Throwable crash = null;
                long t0 = System.nanoTime();
                try {
                    handler.handleRequest(new ByteArrayInputStream(invoer), uit, context);
                } catch (Throwable t) {
                    crash = t;
                }
                long t1 = System.nanoTime();
                handlerNs += t1 - t0;
                long ms = (t1 - t0) / 1_000_000;
                if (ms > maxMs) {
                    maxMs = ms;
                    traagste = e.nr();
                }
                vang.flush();
                List<String> logregels = new ArrayList<>(context.regels);
                for (String regel : stdVang.toString(StandardCharsets.UTF_8).split("\\R")) {
                    if (!regel.isEmpty()) {
                        logregels.add(regel);
                    }
                }
                long t2 = System.nanoTime();
                List<String> bodies = leesAfwijzingen(aws.sqs(), queue);
                long t3 = System.nanoTime();
                Momentopname na = new Momentopname(sleutel, item(aws, tabel, event));
                if (sleutel != null) {
                    bekend.put(sleutel, na.item());
                }
                queueNs += t3 - t2;
                scanNs += System.nanoTime() - t3;

                // 0 crashes
                String res;
                if (crash != null) {
                    crashes++;
                    res = "CRASH";
                    b.fout(CRASHES, voorbeeld(e) + " -> " + eersteRegels(crash) + (voor.equals(na) ? "" : " [tabel wel gewijzigd: " + voor.verschil(na) + "]"));
                } else {
                    res = resultaatUit(uit.toByteArray());
                    if (res == null) {
                        b.fout(UITVOER, voorbeeld(e) + " -> uitvoer " + kort(uit.toString(StandardCharsets.UTF_8), 200));
                        res = "ONGELDIG";
                    }
                }
                resultaat[e.nr()] = res;
                perSoort.computeIfAbsent(groep(e.soort()), k -> new TreeMap<>()).merge(res, 1, Integer::sum);
                switch (res) {
                    case "VERWERKT" -> verwerkt++;
                    case "AL_VERWERKT" -> alVerwerkt++;
                    case "AFGEWEZEN" -> afgewezen++;
                    default -> { }
                }

                // 0 partial writes
                if ((res.equals("AFGEWEZEN") || res.equals("AL_VERWERKT")) && !voor.equals(na)) {
                    b.fout(GEDEELTELIJK, voorbeeld(e) + " -> " + res + ", maar " + voor.verschil(na));
                }

                // rejection messages
                berichten += bodies.size();
                if (res.equals("AFGEWEZEN") && bodies.isEmpty()) {
                    b.fout(BERICHT_AANTAL, voorbeeld(e) + " -> AFGEWEZEN zonder bericht in de afwijzingsqueue");
                }
                List<JsonNode> gelezen = new ArrayList<>();
                for (String body : bodies) {
                    JsonNode bericht = controleerBericht(b, e, body);
                    if (bericht != null) {
                        gelezen.add(bericht);
                        veldPerSoort.computeIfAbsent(groep(e.soort()), k -> new TreeMap<>()).merge(kort(bericht.path("veld").asText(), 30), 1, Integer::sum);
                    }
                }

                // no planted value in any log line
                logregelsTotaal += logregels.size();
                for (String regel : logregels) {
                    for (String m : markers) {
                        if (regel.contains(m)) {
                            b.fout(LOG, voorbeeld(e) + " -> marker '" + kort(m, 40) + "' in logregel " + kort(regel, 220));
                            break;
                        }
                    }
                }

                // outcomes the rules fix (extra)
                controleerVerwachting(b, e, res, event, voor.item(), resultaat, events, gelezen);

                // facts that must stay
                if (res.equals("VERWERKT") && sleutel != null) {
                    String type = event.path("detail-type").asText();
                    if (type.equals("AanvraagOntvangen") || zakenMetOntvangst.contains(sleutel)) {
                        bewaakt.add(new Bewaakt(e.nr(), sleutel, event.path("id").asText()));
                    }
                    if (type.equals("AanvraagOntvangen")) {
                        zakenMetOntvangst.add(sleutel);
                    }
                }

                // every item's version: nothing written but the item the event names
                if ((e.nr() + 1) % CONTROLE_ELKE == 0 || e.nr() == events.size() - 1) {
                    long c0 = System.nanoTime();
                    controleerVersies(b, versies(aws, tabel), bekend, vreemd, events, resultaat, vorigeControle, e.nr());
                    vorigeControle = e.nr() + 1;
                    scanNs += System.nanoTime() - c0;
                }
            }
        } finally {
            System.setOut(echteOut);
            System.setErr(echteErr);
        }

        for (String rest : leesAfwijzingen(aws.sqs(), queue)) {
            berichten++;
            controleerBericht(b, events.getLast(), rest);
        }
        Map<String, Map<String, AttributeValue>> eind = scan(aws, tabel);
        for (Bewaakt w : bewaakt) {
            Map<String, AttributeValue> item = eind.get(w.sleutel());
            if (item == null || !item.containsKey("feiten") || !item.get("feiten").m().containsKey(w.id())) {
                b.fout(VERDRONGEN, voorbeeld(events.get(w.nr())) + " -> was VERWERKT, maar id '" + kort(w.id(), 60) + "' staat niet meer in feiten van "
                        + kort(w.sleutel(), 60) + (item == null ? " (zaak weg)" : "; nu: " + feitenKort(item)) + verdringer(w, events, resultaat));
            }
        }
        for (Map.Entry<String, Map<String, AttributeValue>> item : eind.entrySet()) {
            zoekOpgeslagenMarkers(b, item.getKey(), item.getValue(), markers);
        }
        if (geprobeerd < 1000 || afgewezen == 0 || verwerkt == 0) {
            b.fout(AANTALLEN, "geprobeerd " + geprobeerd + ", verwerkt " + verwerkt + ", afgewezen " + afgewezen);
        }
        if (berichten >= afgewezen) {
            // the per-event misses above are only examples when the total falls short
            b.aantallen.put(BERICHT_AANTAL, 0);
            b.voorbeelden.get(BERICHT_AANTAL).clear();
        } else {
            b.voorbeelden.get(BERICHT_AANTAL).addFirst("totaal: " + berichten + " berichten voor " + afgewezen + " AFGEWEZEN");
        }

        int gedeeltelijk = b.aantal(GEDEELTELIJK);
        String samenvatting = String.format("vijandige invoer: %d events, afgewezen %d, verwerkt %d, al verwerkt %d, crashes %d, "
                + "gedeeltelijke schrijfacties %d, max verwerkingstijd %d ms", geprobeerd, afgewezen, verwerkt, alVerwerkt, crashes, gedeeltelijk, maxMs);
        StringBuilder rapport = new StringBuilder(samenvatting).append('\n');
        rapport.append(String.format("(traagste: #%d; %d afwijzingsberichten; %d logregels; %d markers; %d bewaakte feiten; looptijd %d s: handler %d s, "
                + "afwijzingsqueue lezen %d s, tabel scannen %d s)%n", traagste, berichten, logregelsTotaal, markers.size(), bewaakt.size(),
                (System.nanoTime() - start) / 1_000_000_000, handlerNs / 1_000_000_000, queueNs / 1_000_000_000, scanNs / 1_000_000_000));
        for (String bewering : b.aantallen.keySet()) {
            rapport.append(b.aantal(bewering) == 0 ? "OK    " : "FOUT  ").append(b.beschrijf(bewering)).append('\n');
        }
        rapport.append("\nuitkomst per soort event (en het veld van de afwijzingsberichten):\n");
        perSoort.forEach((soort, telling) -> rapport.append("  ").append(soort).append(": ").append(telling)
                .append(veldPerSoort.containsKey(soort) ? "  velden " + veldPerSoort.get(soort) : "").append('\n'));
        System.out.println(rapport); // its first line is the summary line
        Path bestand = Path.of("target", "vijandige-invoer-rapport.txt");
        Files.createDirectories(bestand.getParent());
        Files.writeString(bestand, rapport.toString());

        List<Executable> beweringen = new ArrayList<>();
        for (String bewering : b.aantallen.keySet()) {
            beweringen.add(() -> assertTrue(b.aantal(bewering) == 0, () -> b.beschrijf(bewering)));
        }
        assertAll(samenvatting, beweringen);
    }

    // ---------------------------------------------------------------- per-event checks

    private static JsonNode controleerBericht(Bevindingen b, Event e, String body) {
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        if (bytes >= MAX_BERICHT_BYTES) {
            b.fout(BERICHT_GROOTTE, voorbeeld(e) + " -> bericht van " + bytes + " bytes");
        }
        int fout = eersteNietSqsTeken(body);
        if (fout >= 0) {
            b.fout(SQS_TEKENS, voorbeeld(e) + " -> teken U+" + String.format("%04X", (int) body.charAt(fout)) + " op positie " + fout
                    + " (SQS staat alleen #x9 #xA #xD #x20-#xD7FF #xE000-#xFFFD #x10000-#x10FFFF toe)");
        }
        JsonNode bericht;
        try {
            bericht = JSON.readTree(body);
        } catch (IOException ex) {
            b.fout(BERICHT_VORM, voorbeeld(e) + " -> bericht is geen JSON: " + kort(body, 160));
            return null;
        }
        List<String> problemen = new ArrayList<>();
        if (!bericht.isObject()) {
            problemen.add("geen object");
        } else {
            if (!SCHEMA.equals(bericht.path("schema").asText(null))) {
                problemen.add("schema " + bericht.path("schema"));
            }
            for (String veld : List.of("functie", "veld", "reden", "afgewezen")) {
                if (!bericht.has(veld) || bericht.get(veld).isNull()) {
                    problemen.add("veld '" + veld + "' ontbreekt");
                }
            }
            // the event itself, or (too big for a message) what identifies it
            if (!bericht.has("event") && !bericht.has("eventSha256")) {
                problemen.add("veld 'event' ontbreekt");
            }
            JsonNode veld = bericht.path("veld");
            if (!veld.isTextual() || veld.asText().isBlank()) {
                problemen.add("veld leeg: " + veld);
            }
            JsonNode reden = bericht.path("reden");
            if (!reden.isTextual() || reden.asText().isBlank()) {
                problemen.add("reden leeg: " + reden);
            } else {
                String r = reden.asText();
                int stuur = eersteStuurteken(r);
                if (r.length() > MAX_REDEN || stuur >= 0) {
                    b.fout(BERICHT_REDEN, voorbeeld(e) + " -> veld '" + kort(veld.asText(), 40) + "', reden van " + r.length() + " tekens"
                            + (stuur >= 0 ? " met U+" + String.format("%04X", (int) r.charAt(stuur)) + " op positie " + stuur : "") + ": " + kort(r, 160));
                }
            }
        }
        if (!problemen.isEmpty()) {
            b.fout(BERICHT_VORM, voorbeeld(e) + " -> " + problemen + " in " + kort(body, 160));
        }
        return bericht;
    }

    /** @param itemVoor the item the event names, as it was before the event (null when absent) */
    private static void controleerVerwachting(Bevindingen b, Event e, String res, JsonNode event, Map<String, AttributeValue> itemVoor,
                                              String[] resultaat, List<Event> events, List<JsonNode> berichten) {
        if (res.equals("CRASH") || res.equals("ONGELDIG")) {
            return; // already counted
        }
        Verwachting v = e.verwachting();
        switch (v) {
            case GEEN -> { }
            case AFWIJZEN -> {
                if (!res.equals("AFGEWEZEN")) {
                    b.fout(VERWACHT, voorbeeld(e) + " -> " + res + ", verwacht AFGEWEZEN" + (e.bytes() > VijandigeEvents.MAX_EVENT_BYTES
                            ? " (event van " + e.bytes() + " bytes > 256 KiB)" : ""));
                }
            }
            case AL_VERWERKT -> {
                Event o = events.get(e.origineel());
                JsonNode oe = leesOfNull(o.json().getBytes(StandardCharsets.UTF_8));
                // the repeat names the same zaak as the original, so the item before the event is the original's
                if ("VERWERKT".equals(resultaat[o.nr()]) && oe != null && java.util.Objects.equals(sleutel(oe), sleutel(event))
                        && opgeslagen(itemVoor, oe.path("id").asText()) && !res.equals("AL_VERWERKT")) {
                    b.fout(VERWACHT, voorbeeld(e) + " -> " + res + ", verwacht AL_VERWERKT: zelfde feit als het opgeslagen #" + o.nr());
                }
            }
            case AFWIJZEN_OP_ID -> {
                if (event != null && opgeslagen(itemVoor, event.path("id").asText())) {
                    boolean opId = berichten.stream().anyMatch(m -> "id".equals(m.path("veld").asText()));
                    if (!res.equals("AFGEWEZEN") || !opId) {
                        b.fout(VERWACHT, voorbeeld(e) + " -> " + res + (res.equals("AFGEWEZEN") ? " op veld " + berichten.stream()
                                .map(m -> m.path("veld").asText()).toList() : "") + ", verwacht AFGEWEZEN op veld 'id': id van #" + e.origineel()
                                + " met andere inhoud");
                    }
                }
            }
            case TEGENSPRAAK -> {
                if (event != null && andereOntvangstOpgeslagen(itemVoor, event.path("detail")) && !res.equals("AFGEWEZEN")) {
                    b.fout(VERWACHT, voorbeeld(e) + " -> " + res + ", verwacht AFGEWEZEN: de zaak heeft al een andere ontvangst ("
                            + feitenKort(itemVoor) + ")");
                }
            }
        }
    }

    private static boolean opgeslagen(Map<String, AttributeValue> item, String id) {
        return item != null && item.containsKey("feiten") && item.get("feiten").m().containsKey(id);
    }

    private static boolean andereOntvangstOpgeslagen(Map<String, AttributeValue> item, JsonNode detail) {
        if (item == null || !item.containsKey("feiten")) {
            return false;
        }
        String nieuw = detail.path("procedure").asText() + "|" + detail.path("ontvangen").asText();
        for (AttributeValue f : item.get("feiten").m().values()) {
            String[] feit = feit(f);
            if (feit[0].equals("AanvraagOntvangen") && !feit[1].equals(nieuw)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A stored fact as {detail-type, its fields joined by '|'}: stored either as one line
     * {@code "AanvraagOntvangen|regulier|2026-03-02"} or as a map {@code {soort, detail}} with the detail as JSON.
     */
    private static String[] feit(AttributeValue f) {
        if (f.s() != null) {
            int i = f.s().indexOf('|');
            return i < 0 ? new String[] {f.s(), ""} : new String[] {f.s().substring(0, i), f.s().substring(i + 1)};
        }
        if (f.hasM() && f.m().containsKey("soort")) {
            String soort = f.m().get("soort").s();
            JsonNode d = f.m().containsKey("detail") ? leesOfNull(f.m().get("detail").s().getBytes(StandardCharsets.UTF_8)) : null;
            if (d != null && soort.equals("AanvraagOntvangen")) {
                return new String[] {soort, d.path("procedure").asText() + "|" + d.path("ontvangen").asText()};
            }
            return new String[] {soort, d == null ? "" : d.toString()};
        }
        return new String[] {String.valueOf(f), ""};
    }

    private static void zoekOpgeslagenMarkers(Bevindingen b, String sleutel, Map<String, AttributeValue> item, List<String> markers) {
        for (Map.Entry<String, AttributeValue> a : item.entrySet()) {
            List<String> teksten = new ArrayList<>();
            verzamelTeksten(a.getValue(), teksten, a.getKey().equals("feiten"));
            for (String t : teksten) {
                for (String m : markers) {
                    if (t.contains(m)) {
                        b.fout(OPGESLAGEN, "zaak " + kort(sleutel, 80) + ", attribuut " + a.getKey() + " bevat '" + kort(m, 40) + "': " + kort(t, 120));
                        return;
                    }
                }
            }
        }
    }

    /** Every string in {@code v}; for the {@code feiten} map its keys (event ids) are skipped, its values searched. */
    private static void verzamelTeksten(AttributeValue v, List<String> teksten, boolean feitenKaart) {
        if (v.s() != null) {
            teksten.add(v.s());
        }
        if (v.hasSs()) {
            teksten.addAll(v.ss());
        }
        if (v.hasL()) {
            v.l().forEach(x -> verzamelTeksten(x, teksten, false));
        }
        if (v.hasM()) {
            v.m().forEach((k, x) -> {
                if (!feitenKaart) {
                    teksten.add(k);
                }
                verzamelTeksten(x, teksten, false);
            });
        }
    }

    // ---------------------------------------------------------------- emulator access

    /**
     * What one event can change in the table: every item's version by key (gemeente|zaak), and all attributes of the
     * item the event names ({@code sleutel}; null when the event names none, {@code item} null when it is absent).
     */
    private record Momentopname(String sleutel, Map<String, AttributeValue> item) {

        String verschil(Momentopname na) {
            return itemVerschil(sleutel, item, na.item);
        }
    }

    /**
     * Every item's version against what the events between {@code van} and {@code tot} explain: an item that changed,
     * appeared or vanished without an event naming it was written by an event that named another zaak.
     */
    private static void controleerVersies(Bevindingen b, Map<String, String> versies, Map<String, Map<String, AttributeValue>> bekend,
                                          Map<String, String> vreemd, List<Event> events, String[] resultaat, int van, int tot) {
        Set<String> sleutels = new TreeSet<>(versies.keySet());
        bekend.forEach((k, item) -> {
            if (item != null) {
                sleutels.add(k);
            }
        });
        sleutels.addAll(vreemd.keySet());
        for (String k : sleutels) {
            String verwacht = bekend.containsKey(k) ? (bekend.get(k) == null ? null : versie(bekend.get(k))) : vreemd.get(k);
            String gezien = versies.get(k);
            if (!java.util.Objects.equals(verwacht, gezien)) {
                List<String> afgewezen = new ArrayList<>();
                for (int i = van; i <= tot; i++) {
                    if (!"VERWERKT".equals(resultaat[i]) && afgewezen.size() < 6) {
                        afgewezen.add("#" + i + " " + resultaat[i]);
                    }
                }
                b.fout(GEDEELTELIJK, "tussen #" + van + " en #" + tot + ": item " + kort(k, 60) + " heeft versie " + gezien + ", verwacht " + verwacht
                        + " (geschreven door een event dat een andere zaak noemt; niet-VERWERKT in dat stuk: " + afgewezen + ")");
                bekend.remove(k);
                if (gezien == null) {
                    vreemd.remove(k);
                } else {
                    vreemd.put(k, gezien);
                }
            }
        }
    }

    private static String versie(Map<String, AttributeValue> item) {
        AttributeValue v = item.get("versie");
        return v == null ? "-" : v.toString();
    }

    private static String itemVerschil(String k, Map<String, AttributeValue> a, Map<String, AttributeValue> z) {
        if (a == null || z == null) {
            return "item " + kort(k, 60) + (a == null ? " aangemaakt" : " verwijderd");
        }
        Set<String> attrs = new TreeSet<>(a.keySet());
        attrs.addAll(z.keySet());
        List<String> gewijzigd = attrs.stream().filter(x -> !java.util.Objects.equals(a.get(x), z.get(x))).toList();
        String feiten = "";
        if (gewijzigd.contains("feiten")) {
            Set<String> oud = new TreeSet<>(a.containsKey("feiten") ? a.get("feiten").m().keySet() : Set.of());
            Set<String> nieuw = new TreeSet<>(z.containsKey("feiten") ? z.get("feiten").m().keySet() : Set.of());
            Set<String> weg = new TreeSet<>(oud);
            weg.removeAll(nieuw);
            nieuw.removeAll(oud);
            feiten = " (feiten weg: " + kort(weg.toString(), 120) + ", erbij: " + kort(nieuw.toString(), 120) + ")";
        }
        return "item " + kort(k, 60) + " gewijzigd: " + gewijzigd + feiten;
    }

    /** Every item's version, keyed gemeente|zaak: a scan of the whole table that fetches only those attributes. */
    private static Map<String, String> versies(AwsClients aws, String tabel) {
        Map<String, String> versies = new HashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> vanaf = start;
            var r = aws.dynamoDb().scan(s -> {
                s.tableName(tabel).consistentRead(true).projectionExpression("gemeente, zaak, versie");
                if (vanaf != null) {
                    s.exclusiveStartKey(vanaf);
                }
            });
            for (Map<String, AttributeValue> item : r.items()) {
                versies.put(item.get("gemeente").s() + "|" + item.get("zaak").s(), versie(item));
            }
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return versies;
    }

    /** All attributes of the item the event names, normalised; null when absent or when the names cannot be a key. */
    private static Map<String, AttributeValue> item(AwsClients aws, String tabel, JsonNode event) {
        if (sleutel(event) == null) {
            return null;
        }
        String g = event.path("detail").path("gemeente").textValue();
        String z = event.path("detail").path("zaak").textValue();
        if (g.isEmpty() || z.isEmpty() || g.length() > 512 || z.length() > 512 || eersteNietSqsTeken(g + z) >= 0) {
            return null; // DynamoDB refuses such a key, so no item can exist under it; the version scan still sees every item
        }
        Map<String, AttributeValue> item = aws.dynamoDb().getItem(r -> r.tableName(tabel).consistentRead(true)
                .key(Map.of("gemeente", AttributeValue.fromS(g), "zaak", AttributeValue.fromS(z)))).item();
        if (item == null || item.isEmpty()) {
            return null;
        }
        Map<String, AttributeValue> genormaliseerd = new HashMap<>();
        item.forEach((k, v) -> genormaliseerd.put(k, normaliseer(v)));
        return genormaliseerd;
    }

    /** The whole table, keyed by gemeente and zaak; string sets sorted so equal content compares equal. */
    private static Map<String, Map<String, AttributeValue>> scan(AwsClients aws, String tabel) {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> vanaf = start;
            var r = aws.dynamoDb().scan(s -> {
                s.tableName(tabel).consistentRead(true);
                if (vanaf != null) {
                    s.exclusiveStartKey(vanaf);
                }
            });
            for (Map<String, AttributeValue> item : r.items()) {
                Map<String, AttributeValue> genormaliseerd = new HashMap<>();
                item.forEach((k, v) -> genormaliseerd.put(k, normaliseer(v)));
                items.put(item.get("gemeente").s() + "|" + item.get("zaak").s(), genormaliseerd);
            }
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    private static AttributeValue normaliseer(AttributeValue v) {
        if (v.hasSs()) {
            return AttributeValue.fromSs(new ArrayList<>(new TreeSet<>(v.ss())));
        }
        if (v.hasM()) {
            Map<String, AttributeValue> m = new HashMap<>();
            v.m().forEach((k, x) -> m.put(k, normaliseer(x)));
            return AttributeValue.fromM(m);
        }
        if (v.hasL()) {
            return AttributeValue.fromL(v.l().stream().map(VijandigeInvoerTest::normaliseer).toList());
        }
        return v;
    }

    /**
     * Rejections that reached the queue since the last call, as raw bodies; consumed. Stops at the first short
     * batch (the emulator hands out every visible message at once); whatever is left is read by the next call.
     */
    private static List<String> leesAfwijzingen(SqsClient sqs, String url) {
        List<String> bodies = new ArrayList<>();
        while (true) {
            List<Message> berichten = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (berichten.isEmpty()) {
                return bodies;
            }
            List<DeleteMessageBatchRequestEntry> weg = new ArrayList<>();
            for (Message m : berichten) {
                bodies.add(m.body());
                weg.add(DeleteMessageBatchRequestEntry.builder().id("m" + weg.size()).receiptHandle(m.receiptHandle()).build());
            }
            sqs.deleteMessageBatch(d -> d.queueUrl(url).entries(weg));
            if (berichten.size() < 10) {
                return bodies;
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private static JsonNode leesOfNull(byte[] tekst) {
        try {
            return JSON.readTree(tekst);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** gemeente|zaak as the handler would key the item, or null when the event does not name them as text. */
    private static String sleutel(JsonNode event) {
        if (event == null) {
            return null;
        }
        JsonNode g = event.path("detail").path("gemeente");
        JsonNode z = event.path("detail").path("zaak");
        return g.isTextual() && z.isTextual() ? g.textValue() + "|" + z.textValue() : null;
    }

    private static String resultaatUit(byte[] uit) {
        JsonNode n = leesOfNull(uit);
        if (n == null || !n.isObject() || !n.path("resultaat").isTextual()) {
            return null;
        }
        String r = n.get("resultaat").textValue();
        return RESULTATEN.contains(r) ? r : null;
    }

    private static String groep(String soort) {
        int i = soort.indexOf(':');
        int j = soort.indexOf('#');
        int eind = i < 0 ? j : j < 0 ? i : Math.min(i, j);
        return eind < 0 ? soort : soort.substring(0, eind);
    }

    private static String voorbeeld(Event e) {
        return "#" + e.nr() + " [" + kort(e.soort(), 60) + "] " + kort(e.json(), 260);
    }

    private static String eersteRegels(Throwable t) {
        StringWriter s = new StringWriter();
        t.printStackTrace(new PrintWriter(s));
        String[] regels = s.toString().split("\\R");
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (String r : regels) {
            if (n == 0 || (r.contains("nl.termijnwacht") && n < 4) || r.startsWith("Caused by")) {
                b.append(n == 0 ? "" : " | ").append(r.strip());
                n++;
            }
        }
        return kort(b.toString(), 600);
    }

    private static String feitenKort(Map<String, AttributeValue> item) {
        if (item == null || !item.containsKey("feiten")) {
            return "geen feiten";
        }
        List<String> f = new ArrayList<>();
        item.get("feiten").m().forEach((id, v) -> f.add(String.join(" ", feit(v))));
        Collections.sort(f);
        return kort(String.join(", ", f), 300);
    }

    /** The next event for the same zaak that was answered VERWERKT after {@code w}: the likely evictor. */
    private static String verdringer(Bewaakt w, List<Event> events, String[] resultaat) {
        for (int i = w.nr() + 1; i < events.size(); i++) {
            if (!"VERWERKT".equals(resultaat[i])) {
                continue;
            }
            JsonNode e = leesOfNull(events.get(i).json().getBytes(StandardCharsets.UTF_8));
            if (w.sleutel().equals(sleutel(e))) {
                String type = e.path("detail-type").asText();
                if (type.equals("AanvraagOntvangen") || type.equals("TermijnVerlengd") || type.equals("BesluitBekendgemaakt")) {
                    return "; mogelijk verdrongen door #" + i + " [" + events.get(i).soort() + "] " + kort(e.path("detail").toString(), 120);
                }
            }
        }
        return "";
    }

    /** Position of the first C0/C1 control or bidirectional control character, or -1. */
    static int eersteStuurteken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.getType(c) == Character.CONTROL || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
                    || c == '\u200E' || c == '\u200F' || c == '\u061C') {
                return i;
            }
        }
        return -1;
    }

    /** Position of the first character real SQS refuses in a message body, or -1. */
    private static int eersteNietSqsTeken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            boolean goed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (!goed) {
                return i;
            }
        }
        return -1;
    }

    /** Printable, bounded: control, format and odd characters as \\uXXXX. */
    private static String kort(String s, int max) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || c >= 0xFFF0 || type == Character.UNASSIGNED) {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        if (b.length() >= max && s.length() > max) {
            b.append("…(").append(s.length()).append(" tekens)");
        }
        return b.toString();
    }
}
