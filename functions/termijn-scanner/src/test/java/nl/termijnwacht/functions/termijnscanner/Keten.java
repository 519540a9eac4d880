package nl.termijnwacht.functions.termijnscanner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.termijnwacht.aws.AwsClients;
import nl.termijnwacht.functions.zaakevents.ZaakEventsHandler;
import nl.termijnwacht.local.Inbox;
import nl.termijnwacht.local.LokaleStack;
import nl.termijnwacht.local.Simulatieklok;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** The chain for a test: zaak events in, scanner runs at chosen instants, notifications out of the inbox. */
final class Keten {

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final ObjectMapper JSON = new ObjectMapper();

    final LokaleStack stack;
    final Simulatieklok klok = new Simulatieklok(Instant.EPOCH);
    final ZaakEventsHandler zaakEvents;
    final List<ObjectNode> ontvangen = new ArrayList<>();
    private final Inbox inbox;
    private int eventNummer;

    Keten(Map<String, String> env) {
        stack = LokaleStack.voorTest(env);
        AwsClients aws = stack.clients();
        zaakEvents = ZaakEventsHandler.bouw(aws, klok);
        inbox = new Inbox(aws.sqs(), stack.voorzieningen());
    }

    Keten() {
        this(Map.of());
    }

    TermijnScannerHandler scanner(List<ExecutionInterceptor> interceptors) {
        return TermijnScannerHandler.bouw(stack.clients(interceptors), klok);
    }

    /** Delivers a case event at instant {@code op}; it must be accepted. */
    String event(Instant op, String type, String gemeente, String zaak, String velden) {
        String id = "evt-" + (eventNummer + 1);
        JsonNode uit = probeer(op, type, gemeente, zaak, velden);
        if (!uit.get("resultaat").asText().equals("VERWERKT")) {
            throw new AssertionError("event niet verwerkt: " + uit);
        }
        return id;
    }

    /** Delivers a case event at instant {@code op}; returns zaak-events' answer, whatever it is. */
    JsonNode probeer(Instant op, String type, String gemeente, String zaak, String velden) {
        klok.zet(op);
        String id = "evt-" + (++eventNummer);
        String event = "{\"id\":\"" + id + "\",\"source\":\"termijnwacht.zaken\",\"detail-type\":\"" + type + "\",\"time\":\"" + op
                + "\",\"detail\":{\"gemeente\":\"" + gemeente + "\",\"zaak\":\"" + zaak + "\"" + (velden.isEmpty() ? "" : "," + velden) + "}}";
        return invoke(zaakEvents::handleRequest, event);
    }

    JsonNode scan(TermijnScannerHandler scanner, Instant op) {
        return scan(scanner, op, "{}");
    }

    /** A scanner run with the scheduler's payload {@code input}. */
    JsonNode scan(TermijnScannerHandler scanner, Instant op, String input) {
        klok.zet(op);
        return invoke(scanner::handleRequest, input);
    }

    /** A case event to deliver at an instant. */
    record Gebeurtenis(Instant op, String type, String gemeente, String zaak, String velden) {
    }

    /**
     * Runs the scanner at 06:45 and 07:00 Amsterdam time on each day from {@code van} to {@code tot},
     * delivering each event of {@code draaiboek} before the first run at or after its instant.
     */
    void simuleer(TermijnScannerHandler scanner, LocalDate van, LocalDate tot, List<Gebeurtenis> draaiboek) {
        List<Gebeurtenis> open = new ArrayList<>(draaiboek);
        open.sort(java.util.Comparator.comparing(Gebeurtenis::op));
        for (LocalDate d = van; !d.isAfter(tot); d = d.plusDays(1)) {
            for (LocalTime t : List.of(LocalTime.of(6, 45), LocalTime.of(7, 0))) {
                Instant moment = d.atTime(t).atZone(AMSTERDAM).toInstant();
                while (!open.isEmpty() && !open.getFirst().op().isAfter(moment)) {
                    Gebeurtenis g = open.removeFirst();
                    event(g.op(), g.type(), g.gemeente(), g.zaak(), g.velden());
                }
                scan(scanner, moment);
            }
        }
        for (Gebeurtenis g : open) {
            event(g.op(), g.type(), g.gemeente(), g.zaak(), g.velden());
        }
    }

    /** Notifications received since the last call (consumed). */
    List<ObjectNode> nieuw() {
        List<ObjectNode> lijst = inbox.leeg();
        ontvangen.addAll(lijst);
        return lijst;
    }

    static Instant om7(String datum) {
        return LocalDate.parse(datum).atTime(7, 0).atZone(AMSTERDAM).toInstant();
    }

    static Instant om(String datum, String tijd) {
        return LocalDate.parse(datum).atTime(LocalTime.parse(tijd)).atZone(AMSTERDAM).toInstant();
    }

    /** "soort@mijlpaalDatum aangemaakt" of each notification of one zaak, in order of creation. */
    static List<String> samenvatting(List<ObjectNode> meldingen, String zaak) {
        return meldingen.stream().filter(m -> m.get("zaak").asText().equals(zaak))
                .sorted(java.util.Comparator.comparing((ObjectNode m) -> m.get("aangemaakt").asText()).thenComparing(m -> m.get("mijlpaalDatum").asText()))
                .map(m -> m.get("mijlpaal").asText() + "@" + m.get("mijlpaalDatum").asText() + " " + m.get("aangemaakt").asText())
                .toList();
    }

    interface Handler {
        void handle(java.io.InputStream in, java.io.OutputStream out, com.amazonaws.services.lambda.runtime.Context c) throws IOException;
    }

    private static JsonNode invoke(Handler h, String input) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            h.handle(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, null);
            return JSON.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
