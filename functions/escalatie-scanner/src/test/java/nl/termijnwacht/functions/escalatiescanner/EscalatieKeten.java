package nl.termijnwacht.functions.escalatiescanner;

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
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import nl.termijnwacht.aws.Afwijzingen;
import nl.termijnwacht.aws.AwsClients;
import nl.termijnwacht.aws.EscalatieRepository;
import nl.termijnwacht.aws.Ladders;
import nl.termijnwacht.aws.MeldingenLedger;
import nl.termijnwacht.aws.Omgeving;
import nl.termijnwacht.aws.Parallel;
import nl.termijnwacht.aws.Publisher;
import nl.termijnwacht.core.Kalender;
import nl.termijnwacht.functions.escalatieevents.EscalatieEventsHandler;
import nl.termijnwacht.functions.termijnscanner.TermijnScannerHandler;
import nl.termijnwacht.functions.zaakevents.ZaakEventsHandler;
import nl.termijnwacht.local.Inbox;
import nl.termijnwacht.local.LokaleStack;
import nl.termijnwacht.local.Simulatieklok;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The escalation chain for a test, on one {@link Simulatieklok}: zaak events in, the termijn-scanner that opens an
 * item when a zaak's term lapses, replies of ladder levels, the escalatie-scanner, and the notices out of the local
 * inbox queues (with their SNS message attributes).
 */
final class EscalatieKeten {

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ESCALATIES = "escalaties";
    static final String REGIETAFEL = "regietafel";
    static final String TERMIJNMELDINGEN = "termijnmeldingen";

    final LokaleStack stack;
    final Simulatieklok klok = new Simulatieklok(Instant.EPOCH);
    final ZaakEventsHandler zaakEvents;
    final TermijnScannerHandler termijnScanner;
    final EscalatieEventsHandler escalatieEvents;
    final EscalatieScannerHandler escalatieScanner;
    final EscalatieRepository escalaties;
    final Kalender kalender;
    /** Escalation notices (topics escalaties and regietafel) read so far, each with {@code topic} and {@code attributen}. */
    final List<ObjectNode> meldingen = new ArrayList<>();
    /** The termijn-scanner's notices (topic termijnmeldingen) read so far. */
    final List<ObjectNode> termijnmeldingen = new ArrayList<>();
    private final SqsClient sqs;
    private int eventNummer;

    /** The chain as deployed: every handler built by its own {@code bouw}, the ladders from the jar. */
    EscalatieKeten() {
        this(Map.of(), null);
    }

    /**
     * @param ladders when not null, the escalatie-scanner and escalatie-events read these ladders (a gemeente's
     *                variant in a directory); the rest of their configuration is the stack's
     */
    EscalatieKeten(Map<String, String> env, Ladders ladders) {
        stack = LokaleStack.voorTest(env);
        AwsClients aws = stack.clients();
        Omgeving o = stack.omgeving();
        zaakEvents = ZaakEventsHandler.bouw(aws, klok);
        termijnScanner = TermijnScannerHandler.bouw(aws, klok);
        if (ladders == null) {
            escalatieEvents = EscalatieEventsHandler.bouw(aws, klok);
            escalatieScanner = EscalatieScannerHandler.bouw(aws, klok);
        } else {
            escalatieEvents = new EscalatieEventsHandler(aws, ladders, klok);
            escalatieScanner = new EscalatieScannerHandler(aws, new EscalatieScan(aws, ladders, JSON), klok);
        }
        escalaties = EscalatieRepository.van(aws);
        kalender = o.instellingen().kalender();
        sqs = aws.sqs();
    }

    // ------------------------------------------------------------------ zaken

    /** A regulier zaak received on {@code ontvangen} (registered that day at 09:00). */
    void ontvang(String gemeente, String zaak, String ontvangen) {
        zaakFeit(om(ontvangen, "09:00"), "AanvraagOntvangen", gemeente, zaak, "\"procedure\":\"regulier\",\"ontvangen\":\"" + ontvangen + "\"");
    }

    /** A case event at {@code op}; it must be accepted. */
    void zaakFeit(Instant op, String type, String gemeente, String zaak, String velden) {
        JsonNode uit = zaakEvent(op, type, gemeente, zaak, velden);
        if (!uit.get("resultaat").asText().equals("VERWERKT")) {
            throw new AssertionError("zaak-event niet verwerkt: " + uit);
        }
    }

    JsonNode zaakEvent(Instant op, String type, String gemeente, String zaak, String velden) {
        klok.zet(op);
        String id = "zaak-evt-" + (++eventNummer);
        String event = "{\"id\":\"" + id + "\",\"source\":\"termijnwacht.zaken\",\"detail-type\":\"" + type + "\",\"time\":\"" + op
                + "\",\"detail\":{\"gemeente\":\"" + gemeente + "\",\"zaak\":\"" + zaak + "\"" + (velden.isEmpty() ? "" : "," + velden) + "}}";
        return invoke(zaakEvents::handleRequest, event);
    }

    // ------------------------------------------------------------------ replies

    /** A new event id for a reply. */
    String nieuwId() {
        return "antwoord-" + (++eventNummer);
    }

    /** A reply envelope as EventBridge delivers it; {@code detail} is the JSON text of the detail. */
    static String antwoordEvent(String id, String type, Instant op, String detail) {
        return "{\"version\":\"0\",\"id\":\"" + id + "\",\"detail-type\":\"" + type + "\",\"source\":\"termijnwacht.escalaties\","
                + "\"account\":\"123456789012\",\"time\":\"" + op + "\",\"region\":\"eu-west-1\",\"resources\":[],\"detail\":" + detail + "}";
    }

    /** The usual detail of a reply; {@code toelichting} may be null (then left out). */
    static String detail(String escalatie, int niveau, String datum, String toelichting) {
        ObjectNode d = JSON.createObjectNode().put("escalatie", escalatie).put("niveau", niveau).put("datum", datum);
        if (toelichting != null) {
            d.put("toelichting", toelichting);
        }
        return d.toString();
    }

    /** A reply of level {@code niveau}, dated the day of {@code op}; returns escalatie-events' answer. */
    JsonNode antwoord(Instant op, String type, String escalatie, int niveau, String toelichting) {
        return antwoordRuw(op, antwoordEvent(nieuwId(), type, op, detail(escalatie, niveau, LocalDate.ofInstant(op, AMSTERDAM).toString(), toelichting)));
    }

    /** As {@link #antwoord}, but it must be processed. */
    void antwoordVerwerkt(Instant op, String type, String escalatie, int niveau, String toelichting) {
        JsonNode uit = antwoord(op, type, escalatie, niveau, toelichting);
        if (!uit.get("resultaat").asText().equals("VERWERKT")) {
            throw new AssertionError("antwoord niet verwerkt: " + uit);
        }
    }

    /** Any input to escalatie-events at {@code op}, as it arrives. */
    JsonNode antwoordRuw(Instant op, String invoer) {
        klok.zet(op);
        return invoke(escalatieEvents::handleRequest, invoer);
    }

    /** What reached the rejection queue since the last call (consumed). */
    List<JsonNode> afgewezen() {
        return Inbox.leesQueue(sqs, stack.voorzieningen().afgewezenQueueUrl());
    }

    // ------------------------------------------------------------------ runs

    JsonNode termijnScan(Instant op) {
        klok.zet(op);
        return invoke(termijnScanner::handleRequest, "{}");
    }

    JsonNode escalatieScan(Instant op) {
        klok.zet(op);
        return invoke(escalatieScanner::handleRequest, "{}");
    }

    /** One day: the termijn-scanner, then the escalatie-scanner, at 07:00 Amsterdam; the notices are read. */
    void dag(LocalDate dag) {
        Instant zeven = dag.atTime(7, 0).atZone(AMSTERDAM).toInstant();
        termijnScan(zeven);
        escalatieScan(zeven);
        nieuw();
    }

    /** {@link #dag} for each day from {@code van} to {@code tot}, both included. */
    void dagen(LocalDate van, LocalDate tot) {
        for (LocalDate d = van; !d.isAfter(tot); d = d.plusDays(1)) {
            dag(d);
        }
    }

    void dagen(String van, String tot) {
        dagen(LocalDate.parse(van), LocalDate.parse(tot));
    }

    // ------------------------------------------------------------------ inbox

    /** Escalation notices that arrived since the last call (consumed, and kept in {@link #meldingen}). */
    List<ObjectNode> nieuw() {
        List<ObjectNode> nieuw = new ArrayList<>();
        stack.voorzieningen().inboxen().forEach((topic, url) -> {
            while (true) {
                List<Message> berichten = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
                if (berichten.isEmpty()) {
                    break;
                }
                for (Message m : berichten) {
                    ObjectNode doc = document(topic, m.body());
                    if (topic.equals(TERMIJNMELDINGEN)) {
                        termijnmeldingen.add(doc);
                    } else {
                        nieuw.add(doc);
                    }
                    sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
                }
            }
        });
        meldingen.addAll(nieuw);
        return nieuw;
    }

    /** The {@code sqs} document in an SNS envelope, plus {@code topic} and {@code attributen} (the message attributes). */
    private static ObjectNode document(String topic, String body) {
        try {
            JsonNode envelope = JSON.readTree(body);
            ObjectNode doc = (ObjectNode) JSON.readTree(envelope.get("Message").asText());
            doc.put("topic", topic);
            ObjectNode attributen = doc.putObject("attributen");
            envelope.path("MessageAttributes").properties().forEach(e -> attributen.put(e.getKey(), e.getValue().path("Value").asText()));
            return doc;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The notices of one item in order: {@code "2026-04-29T07:00 ESCALATIE/1 escalaties"} — when made (Amsterdam
     * time), kind, level, topic.
     */
    static List<String> verloop(List<ObjectNode> meldingen, String escalatie) {
        return meldingen.stream().filter(m -> m.get("escalatie").asText().equals(escalatie))
                .sorted(Comparator.comparing((ObjectNode m) -> m.get("aangemaakt").asText()).thenComparing(m -> m.get("niveau").asInt())
                        .thenComparing(m -> m.get("topic").asText()))
                .map(EscalatieKeten::regel)
                .toList();
    }

    static String regel(ObjectNode m) {
        LocalDateTime t = LocalDateTime.ofInstant(Instant.parse(m.get("aangemaakt").asText()), AMSTERDAM);
        return t + " " + m.get("soort").asText() + "/" + m.get("niveau").asInt() + " " + m.get("topic").asText();
    }

    static String regel(LocalDate dag, String soort, int niveau, String topic) {
        return dag.atTime(7, 0) + " " + soort + "/" + niveau + " " + topic;
    }

    // ------------------------------------------------------------------ items

    EscalatieRepository.Opgeslagen item(String id) {
        return escalaties.lees(id).orElseThrow(() -> new AssertionError("geen escalatie " + id));
    }

    /** The stored item as DynamoDB holds it, every attribute. */
    Map<String, AttributeValue> ruw(String id) {
        return stack.clients().dynamoDb().getItem(b -> b.tableName(stack.omgeving().escalatiesTabel()).consistentRead(true)
                .key(Map.of("escalatie", AttributeValue.fromS(id)))).item();
    }

    /** Every item in table Escalaties (a Scan: the test's own view). */
    List<Map<String, AttributeValue>> alleItems() {
        List<Map<String, AttributeValue>> lijst = new ArrayList<>();
        stack.clients().dynamoDb().scanPaginator(b -> b.tableName(stack.omgeving().escalatiesTabel()).consistentRead(true))
                .items().forEach(lijst::add);
        return lijst;
    }

    // ------------------------------------------------------------------ time

    static Instant om7(String datum) {
        return LocalDate.parse(datum).atTime(7, 0).atZone(AMSTERDAM).toInstant();
    }

    static Instant om7(LocalDate datum) {
        return datum.atTime(7, 0).atZone(AMSTERDAM).toInstant();
    }

    static Instant om(String datum, String tijd) {
        return LocalDate.parse(datum).atTime(LocalTime.parse(tijd)).atZone(AMSTERDAM).toInstant();
    }

    static Instant om(LocalDate datum, String tijd) {
        return datum.atTime(LocalTime.parse(tijd)).atZone(AMSTERDAM).toInstant();
    }

    interface Handler {
        void handle(java.io.InputStream in, java.io.OutputStream out, com.amazonaws.services.lambda.runtime.Context c) throws IOException;
    }

    static JsonNode invoke(Handler h, String input) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            h.handle(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, null);
            return JSON.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
