package nl.termijnwacht.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
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
        List<ObjectNode> meldingen = new ArrayList<>();
        inboxen.forEach((topic, url) -> {
            while (true) {
                List<Message> berichten = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
                if (berichten.isEmpty()) {
                    break;
                }
                for (Message m : berichten) {
                    meldingen.add(document(topic, m.body()));
                    sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
                }
            }
        });
        return meldingen;
    }

    /** Rejections waiting in a queue (the rejection queue or a DLQ), consumed. */
    public static List<JsonNode> leesQueue(SqsClient sqs, String url) {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lijst = new ArrayList<>();
        while (true) {
            List<Message> berichten = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (berichten.isEmpty()) {
                return lijst;
            }
            for (Message m : berichten) {
                try {
                    lijst.add(json.readTree(m.body()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
    }

    private ObjectNode document(String topic, String body) {
        try {
            JsonNode envelope = json.readTree(body);
            // An SNS→SQS delivery wraps the message (our 'sqs' JSON document) in an envelope.
            JsonNode doc = envelope.has("Message") && envelope.has("TopicArn") ? json.readTree(envelope.get("Message").asText()) : envelope;
            ObjectNode uit = doc.isObject() ? ((ObjectNode) doc).deepCopy() : json.createObjectNode().put("tekst", doc.asText());
            uit.put("topic", topic);
            return uit;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
