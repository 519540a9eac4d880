package nl.termijnwacht.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.PublishBatchResultEntry;

/**
 * Publishes notifications to an SNS topic with {@code PublishBatch} (at most 10 a call) and
 * {@code MessageStructure=json}: Dutch text for {@code default}/{@code email}, the JSON document for
 * {@code sqs}, {@code lambda}, {@code http} and {@code https}.
 */
public final class Publisher {

    private static final int BATCH = 10;

    private final SnsClient sns;
    private final ObjectMapper json;

    public Publisher(SnsClient sns, ObjectMapper json) {
        this.sns = sns;
        this.json = json;
    }

    /** One notification: {@code id} is unique within a call; attributes feed subscription filter policies. */
    public record Bericht(String id, String onderwerp, String tekst, ObjectNode document, Map<String, String> attributen) {
    }

    /** Per bericht id: the SNS message id, or the error of a failed entry. */
    public record Uitkomst(String id, String messageId, String fout) {
        public boolean gelukt() {
            return messageId != null;
        }
    }

    public List<Uitkomst> publiceer(String topicArn, List<Bericht> berichten) {
        List<Uitkomst> uitkomsten = new ArrayList<>(berichten.size());
        for (int i = 0; i < berichten.size(); i += BATCH) {
            List<Bericht> deel = berichten.subList(i, Math.min(i + BATCH, berichten.size()));
            List<PublishBatchRequestEntry> entries = new ArrayList<>(deel.size());
            for (Bericht b : deel) {
                entries.add(PublishBatchRequestEntry.builder()
                        .id(b.id())
                        .subject(b.onderwerp())
                        .messageStructure("json")
                        .message(structuur(b))
                        .messageAttributes(attributen(b.attributen()))
                        .build());
            }
            PublishBatchResponse r = sns.publishBatch(p -> p.topicArn(topicArn).publishBatchRequestEntries(entries));
            for (PublishBatchResultEntry ok : r.successful()) {
                uitkomsten.add(new Uitkomst(ok.id(), ok.messageId(), null));
            }
            for (BatchResultErrorEntry fout : r.failed()) {
                uitkomsten.add(new Uitkomst(fout.id(), null, fout.code() + ": " + fout.message()));
            }
        }
        return uitkomsten;
    }

    /** SNS's limit for one message (and for a whole PublishBatch): 256 KiB. */
    public static final int MAX_BERICHT = 262_144;

    /**
     * What SNS counts of this notice against {@link #MAX_BERICHT}: the message as sent (the text and, once per protocol,
     * the document, as escaped JSON), the subject and the attributes.
     */
    public int grootte(Bericht b) {
        int n = structuur(b).getBytes(java.nio.charset.StandardCharsets.UTF_8).length + b.onderwerp().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        for (Map.Entry<String, String> a : b.attributen().entrySet()) {
            n += a.getKey().length() + "String".length() + a.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        return n;
    }

    private String structuur(Bericht b) {
        String document = b.document().toString();
        Map<String, String> perProtocol = new LinkedHashMap<>();
        perProtocol.put("default", b.tekst());
        perProtocol.put("email", b.tekst());
        perProtocol.put("sqs", document);
        perProtocol.put("lambda", document);
        perProtocol.put("http", document);
        perProtocol.put("https", document);
        try {
            return json.writeValueAsString(perProtocol);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, MessageAttributeValue> attributen(Map<String, String> waarden) {
        Map<String, MessageAttributeValue> m = new LinkedHashMap<>();
        waarden.forEach((k, v) -> m.put(k, MessageAttributeValue.builder().dataType("String").stringValue(v).build()));
        return m;
    }
}
