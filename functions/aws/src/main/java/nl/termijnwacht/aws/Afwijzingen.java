package nl.termijnwacht.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The rejection queue: a malformed event goes here whole, with the field and the reason, so a
 * beheerder can correct and replay it. Nothing of it is applied.
 */
public final class Afwijzingen {

    /**
     * The largest message sent: below SQS's 256 KiB (the limit moto and older queues keep). A message with
     * the whole event that would be larger — an event that cannot have come through EventBridge, or one
     * whose non-ASCII characters grow sixfold when escaped — keeps the event as its first characters, its
     * size and its SHA-256 instead, so it can still be identified and traced.
     */
    static final int MAX_BERICHT_BYTES = 250 * 1024;
    private static final int UITTREKSEL_TEKENS = 4 * 1024;

    /**
     * Every character outside ASCII as a JSON escape: SQS refuses characters such as U+FFFF or a lone
     * surrogate, and escaped they reach the beheerder unchanged, so the event is kept exactly.
     */
    private static final ObjectWriter ASCII = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build().writer();

    private final SqsClient sqs;
    private final String queueUrl;
    private final ObjectMapper json;

    public Afwijzingen(SqsClient sqs, String queueUrl, ObjectMapper json) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.json = json;
    }

    /** @param event the event as received: a JSON value, or a text node holding what was not JSON */
    public void wijsAf(String functie, JsonNode event, String veld, String reden, Instant nu) {
        try {
            stuur(functie, event, veld, reden, nu);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("afwijzing niet te schrijven", e);
        }
    }

    private void stuur(String functie, JsonNode event, String veld, String reden, Instant nu) throws JsonProcessingException {
        ObjectNode bericht = json.createObjectNode();
        bericht.put("schema", "termijnwacht.afwijzing/1");
        bericht.put("functie", functie);
        bericht.put("veld", veld);
        bericht.put("reden", reden);
        bericht.put("afgewezen", nu.toString());
        ObjectNode metEvent = bericht.deepCopy();
        metEvent.set("event", event);
        String volledig = ASCII.writeValueAsString(metEvent); // ASCII only: its length is its size in bytes
        String body;
        if (volledig.length() <= MAX_BERICHT_BYTES) {
            body = volledig;
        } else {
            String tekst = event.isTextual() ? event.textValue() : event.toString();
            byte[] bytes = tekst.getBytes(StandardCharsets.UTF_8);
            bericht.put("eventBytes", bytes.length);
            bericht.put("eventSha256", sha256(bytes));
            bericht.put("eventBegin", tekst.substring(0, Math.min(tekst.length(), UITTREKSEL_TEKENS)));
            body = ASCII.writeValueAsString(bericht);
        }
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
