package nl.termijnwacht.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import nl.termijnwacht.aws.AwsClients;
import nl.termijnwacht.aws.ZaakRepository;
import nl.termijnwacht.functions.termijnscanner.TermijnScannerHandler;
import nl.termijnwacht.functions.zaakevents.ZaakEventsHandler;
import nl.termijnwacht.local.LokaleStack;
import nl.termijnwacht.local.Simulatieklok;

/** The Lambda functions, in-process against the local stack at a simulated instant (as {@code sam local invoke} would). */
final class Functies {

    static final List<String> NAMEN = List.of("zaak-events", "termijn-scanner");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Simulatieklok klok = new Simulatieklok(Instant.now());
    private final ZaakEventsHandler zaakEvents;
    private final TermijnScannerHandler termijnScanner;
    private final ZaakRepository zaken;

    Functies(LokaleStack stack) {
        AwsClients aws = stack.clients();
        zaakEvents = ZaakEventsHandler.bouw(aws, klok);
        termijnScanner = TermijnScannerHandler.bouw(aws, klok);
        zaken = ZaakRepository.van(aws, JSON);
    }

    /** The function name if it is one of {@link #NAMEN}. */
    static String controleer(String functie) {
        if (!NAMEN.contains(functie)) {
            throw new FouteInvoer("FUNCTION", "onbekende functie '" + functie + "'; kies uit " + String.join(", ", NAMEN));
        }
        return functie;
    }

    /** Runs one function with {@code event} at {@code nu}; returns what the handler wrote. */
    JsonNode invoke(String functie, String event, Instant nu) {
        klok.zet(nu);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            var in = new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8));
            switch (controleer(functie)) {
                case "zaak-events" -> zaakEvents.handleRequest(in, out, null);
                default -> termijnScanner.handleRequest(in, out, null);
            }
            return JSON.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** When the scanner has work next (null: nothing pending); lets a simulation skip idle steps. */
    Instant eersteDue() {
        return zaken.eersteDue();
    }
}
