package nl.termijnwacht.cli;

import static nl.termijnwacht.cli.Uitkomst.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.termijnwacht.local.LokaleStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * {@code dlq toon|herstel} on the emulator, through the CLI as a beheerder runs it: a rejected event is shown and
 * stays; events that are valid now are redriven and leave the queue; a redrive that fails again leaves its message.
 */
class DlqCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = Path.of("../../events");

    private LokaleStack stack;
    private SqsClient sqs;

    @BeforeEach
    void leegEmulator() {
        stack = LokaleStack.voorTest();
        sqs = stack.clients().sqs();
        System.setProperty(Lokaal.TEST_ENDPOINT, stack.endpoint().toString());
    }

    @AfterEach
    void los() {
        System.clearProperty(Lokaal.TEST_ENDPOINT);
    }

    private String url(String logischeId) {
        return stack.voorzieningen().waarden().get(logischeId);
    }

    /** What is in the queue now, read and released again (visibility 0), so the command under test sees it too. */
    private List<Message> inhoud(String url) {
        List<Message> alle = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(30).waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) {
                break;
            }
            alle.addAll(batch);
        }
        alle.forEach(m -> sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()).visibilityTimeout(0)));
        return alle;
    }

    private static List<JsonNode> regels(String out) throws IOException {
        List<JsonNode> lijst = new ArrayList<>();
        for (String regel : out.strip().split("\n")) {
            if (!regel.isBlank()) {
                lijst.add(JSON.readTree(regel));
            }
        }
        return lijst;
    }

    /** As EventBridge dead-letters an event it could not deliver: the event is the body, the reason in attributes. */
    private void alsEventBridgeDlq(String url, String event) {
        sqs.sendMessage(b -> b.queueUrl(url).messageBody(event).messageAttributes(Map.of(
                "ERROR_CODE", MessageAttributeValue.builder().dataType("String").stringValue("SDK_CLIENT_ERROR").build(),
                "ERROR_MESSAGE", MessageAttributeValue.builder().dataType("String").stringValue("Lambda returned function error").build(),
                "RULE_ARN", MessageAttributeValue.builder().dataType("String").stringValue("arn:aws:events:eu-west-1:123456789012:rule/termijnwacht/zaak-events").build())));
    }

    /** As Lambda's asynchronous invocation sends a failed invocation to its OnFailure destination. */
    private void alsOnFailure(String url, String event) throws IOException {
        ObjectNode record = JSON.createObjectNode().put("version", "1.0").put("timestamp", "2026-11-27T03:00:00.000Z");
        record.putObject("requestContext").put("requestId", "e5a2c3d4-0000-4000-8000-000000000001")
                .put("functionArn", "arn:aws:lambda:eu-west-1:123456789012:function:termijnwacht-ZaakEventsFunction-AbC:live")
                .put("condition", "RetriesExhausted").put("approximateInvokeCount", 3);
        record.set("requestPayload", JSON.readTree(event));
        record.putObject("responseContext").put("statusCode", 200).put("executedVersion", "7").put("functionError", "Unhandled");
        record.putObject("responsePayload").put("errorType", "ProvisionedThroughputExceededException").put("errorMessage", "Rate of requests exceeds the allowed throughput");
        sqs.sendMessage(b -> b.queueUrl(url).messageBody(record.toString()));
    }

    @Test
    void toonLaatDeAfwijzingZienEnInDeQueue() throws IOException {
        Uitkomst invoke = run("invoke", "zaak-events", "--event", EVENTS.resolve("afgewezen/verlenging-te-lang.json").toString(), "--nu", "2026-04-20T10:00");
        assertEquals(0, invoke.code(), invoke.err());
        assertTrue(invoke.out().contains("AFGEWEZEN"), invoke.out());
        String afgewezen = url("AfgewezenQueue");
        assertEquals(1, inhoud(afgewezen).size());

        Uitkomst toon = run("dlq", "toon", "termijnwacht-afgewezen", "--json");
        assertEquals(0, toon.code(), toon.err());
        List<JsonNode> berichten = regels(toon.out());
        assertEquals(1, berichten.size(), toon.out());
        JsonNode b = berichten.getFirst();
        assertEquals("termijnwacht-afgewezen", b.get("queue").asText());
        assertFalse(b.get("id").asText().isBlank());
        assertFalse(b.get("verzonden").isNull(), "when it was sent");
        assertEquals("afwijzing", b.get("soort").asText());
        assertEquals("zaak-events", b.get("functie").asText());
        assertEquals("duur", b.get("veld").asText());
        assertTrue(b.get("reden").asText().contains("6 weken"), b.toString());
        assertTrue(b.get("uittreksel").asText().startsWith("TermijnVerlengd {"), b.toString());
        assertEquals("0b7f7c1e-0099-4f43-9a55-1d0c5d8e0099", b.get("event").asText());

        Uitkomst tekst = run("dlq", "toon", "termijnwacht-afgewezen");
        assertEquals(0, tekst.code(), tekst.err());
        assertTrue(tekst.out().startsWith("termijnwacht-afgewezen: 1 bericht\n"), tekst.out());
        assertTrue(tekst.out().contains(b.get("id").asText() + "  ") && tekst.out().contains("zaak-events") && tekst.out().contains("6 weken"), tekst.out());

        List<Message> daarna = inhoud(afgewezen);
        assertEquals(1, daarna.size(), "toon consumes nothing");
        assertEquals(b.get("id").asText(), daarna.getFirst().messageId());
        assertEquals("zaak-events-dlq is leeg.", run("dlq", "toon", "zaak-events-dlq").out().strip());
    }

    @Test
    void herstelPastGeldigeEventsToeEnLeegtDeDlq() throws IOException {
        String dlq = url("ZaakEventsDlq");
        String aanvraag = Files.readString(EVENTS.resolve("zaak-events/AanvraagOntvangen.json"));
        alsEventBridgeDlq(dlq, aanvraag);
        // a second zaak, from an invocation that failed after Lambda's retries (OnFailure record)
        ObjectNode tweede = (ObjectNode) JSON.readTree(aanvraag);
        tweede.put("id", "0b7f7c1e-0002-4f43-9a55-1d0c5d8e0002");
        ((ObjectNode) tweede.get("detail")).put("zaak", "ZAAK-2026-0002");
        alsOnFailure(dlq, tweede.toString());

        Uitkomst toon = run("dlq", "toon", "zaak-events-dlq", "--json");
        List<JsonNode> getoond = regels(toon.out());
        assertEquals(List.of("event", "onfailure"), getoond.stream().map(j -> j.get("soort").asText()).sorted().toList(), toon.out());
        assertTrue(getoond.stream().anyMatch(j -> j.get("reden").asText().equals("SDK_CLIENT_ERROR: Lambda returned function error")), toon.out());
        assertTrue(getoond.stream().anyMatch(j -> j.get("reden").asText().startsWith("RetriesExhausted: ProvisionedThroughputExceededException")), toon.out());
        assertTrue(getoond.stream().allMatch(j -> j.get("functie").asText().equals("zaak-events")), toon.out());

        Uitkomst herstel = run("dlq", "herstel", "zaak-events-dlq", "--nu", "2026-11-28T10:00");
        assertEquals(0, herstel.code(), herstel.out() + herstel.err());
        assertTrue(herstel.out().strip().endsWith("zaak-events-dlq: hersteld 2, mislukt 0"), herstel.out());

        for (String zaak : List.of("ZAAK-2026-0001", "ZAAK-2026-0002")) {
            Map<String, AttributeValue> item = stack.clients().dynamoDb().getItem(b -> b.tableName("Zaken")
                    .key(Map.of("gemeente", AttributeValue.fromS("GM0363"), "zaak", AttributeValue.fromS(zaak)))).item();
            assertTrue(item != null && !item.isEmpty(), zaak + " is in table Zaken after the redrive");
        }
        assertEquals(List.of(), inhoud(dlq), "redriven messages are deleted");
        assertEquals(List.of(), inhoud(url("AfgewezenQueue")));
        assertEquals(0, run("dlq", "herstel", "zaak-events-dlq").code(), "an empty queue: nothing to do");
    }

    @Test
    void herstelDatOpnieuwMisluktLaatHetBerichtStaan() throws IOException {
        String dlq = url("ZaakEventsDlq");
        alsEventBridgeDlq(dlq, Files.readString(EVENTS.resolve("afgewezen/verlenging-te-lang.json")));
        sqs.sendMessage(b -> b.queueUrl(dlq).messageBody("geen json"));
        String id = inhoud(dlq).stream().filter(m -> m.body().startsWith("{")).findFirst().orElseThrow().messageId();

        Uitkomst herstel = run("dlq", "herstel", "zaak-events-dlq", "--json", "--nu", "2026-11-28T10:00");
        assertEquals(1, herstel.code(), herstel.out() + herstel.err());
        List<JsonNode> regels = regels(herstel.out());
        JsonNode totaal = regels.getLast();
        assertEquals(0, totaal.get("hersteld").asInt());
        assertEquals(2, totaal.get("mislukt").asInt());
        JsonNode verlenging = regels.stream().filter(r -> id.equals(r.path("id").asText())).findFirst().orElseThrow();
        assertEquals("mislukt", verlenging.get("uitkomst").asText());
        assertTrue(verlenging.get("reden").asText().startsWith("opnieuw afgewezen: duur:"), verlenging.toString());

        List<Message> over = inhoud(dlq);
        assertEquals(2, over.size(), "both stay in the DLQ");
        assertTrue(over.stream().anyMatch(m -> m.messageId().equals(id)), "the very same message");
        // the function wrote its rejection, with the reason, to the rejection queue
        assertEquals(1, inhoud(url("AfgewezenQueue")).size());

        // from the rejection queue: rejected again, the event is there once, with today's reason (no doubling)
        Uitkomst opnieuw = run("dlq", "herstel", "termijnwacht-afgewezen", "--nu", "2026-11-28T11:00");
        assertEquals(1, opnieuw.code(), opnieuw.out() + opnieuw.err());
        assertTrue(opnieuw.out().contains("hersteld 0, mislukt 1"), opnieuw.out());
        List<Message> afgewezen = inhoud(url("AfgewezenQueue"));
        assertEquals(1, afgewezen.size());
        JsonNode afwijzing = JSON.readTree(afgewezen.getFirst().body());
        JsonNode origineel = JSON.readTree(Files.readString(EVENTS.resolve("afgewezen/verlenging-te-lang.json")));
        assertEquals(origineel.get("detail"), afwijzing.at("/event/detail"), "the same event, redriven through the bus");
        assertEquals("TermijnVerlengd", afwijzing.at("/event/detail-type").asText());
        assertEquals("2026-11-28T10:00:00Z", afwijzing.get("afgewezen").asText(), "the rejection of this attempt (11:00 Dutch time): " + opnieuw.out());
    }

    /**
     * Issue 15: an event function's message is redriven through the bus, never by invoking the function with the stored
     * event: EventBridge gives it a new id and the redriver's own account, so a message carrying another sender's
     * account (forged, or a sender bound to other gemeenten) cannot speak for that sender on redrive.
     */
    @Test
    void herstelGaatViaDeBusMetHetEigenAccountNooitHetBewaarde() throws IOException {
        String dlq = url("ZaakEventsDlq");
        ObjectNode vals = (ObjectNode) JSON.readTree(Files.readString(EVENTS.resolve("afgewezen/verlenging-te-lang.json")));
        vals.put("account", "999999999999");
        alsEventBridgeDlq(dlq, vals.toString());

        Uitkomst herstel = run("dlq", "herstel", "zaak-events-dlq", "--json", "--nu", "2026-11-28T10:00");
        assertEquals(1, herstel.code(), "rejected again (the verlenging is too long): " + herstel.out() + herstel.err());
        List<Message> afgewezen = inhoud(url("AfgewezenQueue"));
        assertEquals(1, afgewezen.size());
        JsonNode event = JSON.readTree(afgewezen.getFirst().body()).get("event");
        assertEquals(DlqCommand.EIGEN_ACCOUNT, event.get("account").asText(), "the redriver's account, not the stored one: " + event);
        assertFalse(event.get("id").asText().equals(vals.get("id").asText()), "a new event id, as PutEvents gives: " + event);
        assertEquals("2026-11-28T09:00:00Z", event.get("time").asText(), "the time of the redrive");
        assertEquals(vals.get("detail"), event.get("detail"));
        assertEquals("termijnwacht.zaken", event.get("source").asText());
    }

    /**
     * Issue 15: a rejection keeps at most 4 KiB of its event. One that was cut is shown as such, and herstel says it cannot
     * redrive what was cut and keeps the message (exit code 1); the sender must send it again.
     */
    @Test
    void eenAfgekapteAfwijzingWordtNietHersteldEnBlijftStaan() throws IOException {
        ObjectNode groot = (ObjectNode) JSON.readTree(Files.readString(EVENTS.resolve("afgewezen/verlenging-te-lang.json")));
        ((ObjectNode) groot.get("detail")).put("toelichting", "x".repeat(6_000));
        Path bestand = Files.createTempFile("groot-event", ".json");
        try {
            Files.writeString(bestand, groot.toString());
            Uitkomst invoke = run("invoke", "zaak-events", "--event", bestand.toString(), "--nu", "2026-04-20T10:00");
            assertEquals(0, invoke.code(), invoke.err());
            assertTrue(invoke.out().contains("AFGEWEZEN"), invoke.out());
        } finally {
            Files.deleteIfExists(bestand);
        }
        String afgewezen = url("AfgewezenQueue");
        String id = inhoud(afgewezen).getFirst().messageId();

        JsonNode getoond = regels(run("dlq", "toon", "termijnwacht-afgewezen", "--json").out()).getFirst();
        assertTrue(getoond.get("afgekapt").asBoolean(), getoond.toString());
        assertFalse(getoond.get("herstelbaar").asBoolean(), getoond.toString());
        assertTrue(getoond.get("eventBytes").asInt() > 6_000, getoond.toString());
        assertEquals(64, getoond.get("eventSha256").asText().length());
        assertTrue(getoond.get("fout").asText().startsWith("afgekapt: van het event zijn alleen de eerste 4096 van "), getoond.toString());
        assertTrue(run("dlq", "toon", "termijnwacht-afgewezen").out().contains("herstel:    niet mogelijk: afgekapt"));

        Uitkomst herstel = run("dlq", "herstel", "termijnwacht-afgewezen", "--nu", "2026-11-28T10:00");
        assertEquals(1, herstel.code(), herstel.out() + herstel.err());
        assertTrue(herstel.out().contains("kan niet opnieuw worden aangeboden") && herstel.out().contains("laat de afzender het event opnieuw sturen")
                && herstel.out().contains("(blijft in termijnwacht-afgewezen)"), herstel.out());
        assertTrue(herstel.out().strip().endsWith("termijnwacht-afgewezen: hersteld 0, mislukt 1"), herstel.out());
        List<Message> over = inhoud(afgewezen);
        assertEquals(1, over.size(), "the message stays");
        assertEquals(id, over.getFirst().messageId());
    }

    @Test
    void onbekendeQueueOfActie() {
        Uitkomst queue = run("dlq", "toon", "geen-queue");
        assertEquals(2, queue.code());
        assertEquals(1, queue.err().strip().lines().count(), queue.err());
        assertTrue(queue.err().startsWith("dlq: QUEUE: onbekende queue 'geen-queue'; kies uit termijnwacht-afgewezen, zaak-events-dlq, termijn-scanner-dlq, "
                + "escalatie-events-dlq, escalatie-scanner-dlq, stelselrapportage-dlq"), queue.err());
        Uitkomst actie = run("dlq", "leeg", "zaak-events-dlq");
        assertEquals(2, actie.code());
        assertTrue(actie.err().startsWith("dlq: ACTIE: 'leeg' is geen actie; kies toon of herstel"), actie.err());
        Uitkomst nu = run("dlq", "toon", "zaak-events-dlq", "--nu", "2026-11-28T10:00");
        assertEquals(2, nu.code());
        assertTrue(nu.err().startsWith("dlq: --nu: alleen bij herstel"), nu.err());
    }
}
