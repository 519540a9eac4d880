package nl.termijnwacht.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;

/** Reads (and consumes) the notifications that reached the local inbox queues. */
public final class Inbox {

    private final SqsClient sqs;
    private final Map<String, String> inboxen;
    private final ObjectMapper json = new ObjectMapper();

    public Inbox(SqsClient sqs, Voorzieningen voorzieningen) {
        this.sqs = sqs;
        this.inboxen = voorzieningen.inboxen();
    }

    /** Each notification's JSON document (as an {@code sqs} subscriber gets it) plus a field {@code topic}. */
    public List<ObjectNode> leeg() {
        return leeg(false);
    }

    /**
     * As {@link #leeg()}, each document also with a field {@code attributen}: the message attributes SNS delivered with
     * it, name → value (what a subscription's filter policy sees).
     */
    public List<ObjectNode> leegMetAttributen() {
        return leeg(true);
    }

    private List<ObjectNode> leeg(boolean metAttributen) {
        List<ObjectNode> meldingen = new ArrayList<>();
        inboxen.forEach((topic, url) -> verbruik(sqs, url, body -> meldingen.add(document(topic, body, metAttributen))));
        return meldingen;
    }

    /** Rejections waiting in a queue (the rejection queue or a DLQ), consumed. */
    public static List<JsonNode> leesQueue(SqsClient sqs, String url) {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lijst = new ArrayList<>();
        verbruik(sqs, url, body -> {
            try {
                lijst.add(json.readTree(body));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return lijst;
    }

    /**
     * Hands every message body in the queue to {@code lezer}, then deletes what was read, ten at a time in one call
     * (the demo reads 65 notifications: 7 calls instead of 65). A message is deleted only after it was read.
     */
    private static void verbruik(SqsClient sqs, String url, Consumer<String> lezer) {
        while (true) {
            List<Message> berichten = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (berichten.isEmpty()) {
                return;
            }
            List<DeleteMessageBatchRequestEntry> verwijder = new ArrayList<>();
            for (Message m : berichten) {
                lezer.accept(m.body());
                verwijder.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(verwijder.size())).receiptHandle(m.receiptHandle()).build());
            }
            DeleteMessageBatchResponse r = sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(verwijder));
            if (r.hasFailed() && !r.failed().isEmpty()) {
                // a message that stays would be read twice: say so rather than show it again later
                throw new IllegalStateException("kon " + r.failed().size() + " gelezen bericht(en) niet verwijderen uit " + url + ": "
                        + r.failed().getFirst().message());
            }
        }
    }

    private ObjectNode document(String topic, String body, boolean metAttributen) {
        try {
            JsonNode envelope = json.readTree(body);
            // An SNS→SQS delivery wraps the message (our 'sqs' JSON document) in an envelope.
            JsonNode doc = envelope.has("Message") && envelope.has("TopicArn") ? json.readTree(envelope.get("Message").asText()) : envelope;
            ObjectNode uit = doc.isObject() ? ((ObjectNode) doc).deepCopy() : json.createObjectNode().put("tekst", doc.asText());
            uit.put("topic", topic);
            if (metAttributen) {
                ObjectNode attributen = uit.putObject("attributen");
                envelope.path("MessageAttributes").properties().forEach(a -> attributen.put(a.getKey(), a.getValue().path("Value").asText()));
            }
            return uit;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
