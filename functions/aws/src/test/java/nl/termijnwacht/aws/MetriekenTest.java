package nl.termijnwacht.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The EMF lines the functions log (docs/runbook.md): each is one valid JSON object on one line whose
 * {@code _aws.CloudWatchMetrics} directive names namespace Termijnwacht, dimension Functie and every count,
 * and whose top level carries the dimension, the counts and the caller's fields — what CloudWatch needs to
 * extract the metrics (EMF specification), checked without AWS.
 */
class MetriekenTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NU = Instant.parse("2026-06-15T05:00:00Z");

    /** Parses a written line and checks the EMF envelope; returns the object. */
    private static JsonNode leesEnToets(byte[] regel, String functie, List<String> metrieken) throws IOException {
        String tekst = new String(regel, StandardCharsets.UTF_8);
        assertTrue(tekst.endsWith("\n"), "ends in a newline");
        assertEquals(tekst.indexOf('\n'), tekst.length() - 1, "one line");
        JsonNode r = JSON.readTree(tekst);
        assertTrue(r.isObject());
        JsonNode aws = r.get("_aws");
        assertEquals(NU.toEpochMilli(), aws.get("Timestamp").asLong(), "Timestamp in epoch milliseconds");
        assertEquals(1, aws.get("CloudWatchMetrics").size());
        JsonNode directief = aws.get("CloudWatchMetrics").get(0);
        assertEquals("Termijnwacht", directief.get("Namespace").asText());
        assertEquals(JSON.readTree("[[\"Functie\"]]"), directief.get("Dimensions"));
        List<String> namen = new ArrayList<>();
        directief.get("Metrics").forEach(m -> {
            namen.add(m.get("Name").asText());
            assertEquals("Count", m.get("Unit").asText());
        });
        assertEquals(metrieken, namen);
        assertEquals(functie, r.get("Functie").asText(), "the dimension's value is a top-level member");
        for (String m : metrieken) {
            assertTrue(r.get(m).isNumber(), m + " is a top-level number");
        }
        return r;
    }

    @Test
    void eenGeslaagdeScannerrunTeltAllesEnEenGeslaagdeRun() throws IOException {
        DueScan.Verslag v = new DueScan.Verslag(12, 9, 2, 1, 0, List.of(), List.of());
        var verslag = JSON.createObjectNode().put("zakenBekeken", 12).put("verzonden", 9);
        JsonNode r = leesEnToets(Metrieken.bytes(Metrieken.run("termijn-scanner", NU, v, verslag)), "termijn-scanner",
                List.of("Due", "Verzonden", "Overgeslagen", "Mislukt", "Fouten", "GeslaagdeRun"));
        assertEquals(12, r.get("Due").asLong());
        assertEquals(9, r.get("Verzonden").asLong());
        assertEquals(3, r.get("Overgeslagen").asLong(), "already sent + busy");
        assertEquals(0, r.get("Mislukt").asLong());
        assertEquals(0, r.get("Fouten").asLong());
        assertEquals(1, r.get("GeslaagdeRun").asLong());
        assertEquals(12, r.get("zakenBekeken").asInt(), "the run's record travels in the same line");
        assertEquals(9, r.get("verzonden").asInt());
    }

    @Test
    void eenRunMetFoutenIsGeenGeslaagdeRun() throws IOException {
        DueScan.Verslag v = new DueScan.Verslag(5, 2, 0, 0, 3, List.of("GM0363/ZAAK-2026-0001"), List.of("shard 3: time-out"));
        var verslag = JSON.createObjectNode();
        verslag.putArray("zaakFouten").add("GM0363/ZAAK-2026-0001");
        JsonNode r = leesEnToets(Metrieken.bytes(Metrieken.run("escalatie-scanner", NU, v, verslag)), "escalatie-scanner",
                List.of("Due", "Verzonden", "Overgeslagen", "Mislukt", "Fouten", "GeslaagdeRun"));
        assertEquals(3, r.get("Mislukt").asLong());
        assertEquals(2, r.get("Fouten").asLong(), "one item and one shard");
        assertEquals(0, r.get("GeslaagdeRun").asLong(), "the stopped-scanner alarm sees no successful run");
        assertEquals("GM0363/ZAAK-2026-0001", r.get("zaakFouten").get(0).asText());
    }

    @Test
    void elkEventTeltPreciesEenUitkomst() throws IOException {
        List<String> namen = List.of("Verwerkt", "Overgeslagen", "Afgewezen");
        Map<String, String> verwacht = Map.of("VERWERKT", "Verwerkt", "AL_VERWERKT", "Overgeslagen", "AFGEWEZEN", "Afgewezen");
        for (var e : verwacht.entrySet()) {
            var velden = JSON.createObjectNode().put("resultaat", e.getKey()).put("event", "0b7f7c1e-0008-4f43-9a55-1d0c5d8e0008");
            JsonNode r = leesEnToets(Metrieken.bytes(Metrieken.event("zaak-events", NU, Uitkomst.Resultaat.valueOf(e.getKey()), velden)), "zaak-events", namen);
            for (String n : namen) {
                assertEquals(n.equals(e.getValue()) ? 1 : 0, r.get(n).asLong(), e.getKey() + " → " + n);
            }
            assertEquals(e.getKey(), r.get("resultaat").asText());
        }
    }

    @Test
    void eenVeldKanGeenMetriekOfDeDimensieOverschrijven() throws IOException {
        var velden = JSON.createObjectNode().put("Functie", "iets-anders").put("Verwerkt", "veel").put("zaak", "ZAAK-2026-0001");
        JsonNode r = leesEnToets(Metrieken.bytes(Metrieken.event("zaak-events", NU, Uitkomst.Resultaat.VERWERKT, velden)), "zaak-events",
                List.of("Verwerkt", "Overgeslagen", "Afgewezen"));
        assertEquals(1, r.get("Verwerkt").asLong());
        assertEquals("ZAAK-2026-0001", r.get("zaak").asText());
        assertFalse(r.has("message"), "a top-level object, not text wrapped by a log formatter");
    }
}
