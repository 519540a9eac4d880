package nl.termijnwacht.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import nl.termijnwacht.core.Feit;
import nl.termijnwacht.core.Feitsoort;
import nl.termijnwacht.core.OngeldigeInvoer;
import org.junit.jupiter.api.Test;

/** Event parsing, pure: every sample event parses, and a fact survives its stored form and its event form. */
class ZaakEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZaakEvents EVENTS = new ZaakEvents(JSON);
    private static final LocalDate VANDAAG = LocalDate.parse("2026-12-31");

    private static List<JsonNode> voorbeelden() throws IOException {
        try (Stream<Path> bestanden = Files.list(Path.of("../../events/zaak-events"))) {
            return bestanden.sorted().map(p -> {
                try {
                    return JSON.readTree(p.toFile());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    @Test
    void elkVoorbeeldOverleeftZijnOpgeslagenVormEnZijnEventvorm() throws IOException {
        List<JsonNode> voorbeelden = voorbeelden();
        assertEquals(Feitsoort.values().length, voorbeelden.size(), "one sample per fact type");
        for (JsonNode voorbeeld : voorbeelden) {
            ZaakEvents.ZaakEvent e = EVENTS.lees(voorbeeld, VANDAAG);
            Feit feit = e.feit();
            assertEquals(voorbeeld.get("detail-type").asText(), feit.soort().detailType());
            // stored form: one compact line, read back without input rules
            assertEquals(feit, Feit.uitInhoud(feit.id(), feit.inhoud()), feit.inhoud());
            // event form: the detail written for the rejection queue parses to the same fact
            ObjectNode detail = EVENTS.detail(feit).put("gemeente", e.gemeente()).put("zaak", e.zaak());
            ObjectNode opnieuw = JSON.createObjectNode().put("id", feit.id()).put("source", ZaakEvents.SOURCE)
                    .put("detail-type", feit.soort().detailType());
            opnieuw.set("detail", detail);
            Feit terug = EVENTS.lees(opnieuw, VANDAAG).feit();
            assertEquals(feit.inhoud(), terug.inhoud());
        }
    }

    @Test
    void eenFeitWordtNietGemeldVoordatHetGebeurde() throws IOException {
        JsonNode besluit = voorbeelden().stream().filter(v -> v.get("detail-type").asText().equals("BesluitBekendgemaakt")).findFirst().orElseThrow();
        LocalDate datum = LocalDate.parse(besluit.at("/detail/datum").asText());
        EVENTS.lees(besluit, datum); // on the day itself
        OngeldigeInvoer e = assertThrows(OngeldigeInvoer.class, () -> EVENTS.lees(besluit, datum.minusDays(1)));
        assertEquals("datum", e.veld());
    }

    @Test
    void eenOnleesbareOpgeslagenRegelNoemtHetFeit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Feit.uitInhoud("f1", "TermijnVerlengd|veel|2026-01-01"));
        assertEquals(true, e.getMessage().contains("f1") && e.getMessage().contains("TermijnVerlengd"), e.getMessage());
    }
}
