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
 * The rejection queue: a malformed event goes here with the field and the reason, so a beheerder can read why and,
 * when the cause was ours, redrive it. Nothing of it is applied.
 *
 * <p>Every message is bounded, whatever the event: it carries the event's size ({@code eventBytes}) and SHA-256
 * ({@code eventSha256}, of the event as UTF-8: the compact JSON, or the raw text of what was not JSON), so a sender
 * can match it to what it sent; an event of at most {@value #MAX_EVENT_BYTES} bytes is kept whole ({@code event}),
 * a larger one only as its first {@value #MAX_EVENT_BYTES} bytes ({@code eventBegin}, {@code eventAfgekapt: true}).
 * A huge or hostile event can then neither fill the queue nor carry much of a sender's data into it; what was cut
 * cannot be redriven, the sender re-sends it (docs/runbook.md).
 */
public final class Afwijzingen {

    /** The most of an event a message keeps: the whole event up to this size, else its first this many bytes. */
    public static final int MAX_EVENT_BYTES = 4 * 1024;

    /**
     * Every character outside ASCII as a JSON escape: SQS refuses characters such as U+FFFF or a lone
     * surrogate, and escaped they reach the beheerder unchanged, so the event is kept exactly. Escaped, a message
     * stays below six times {@value #MAX_EVENT_BYTES} plus the reason: far below SQS's 256 KiB.
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
        String tekst = event.isTextual() ? event.textValue() : event.toString();
        byte[] bytes = tekst.getBytes(StandardCharsets.UTF_8);
        bericht.put("eventBytes", bytes.length);
        bericht.put("eventSha256", sha256(bytes));
        if (bytes.length <= MAX_EVENT_BYTES) {
            bericht.set("event", event);
        } else {
            bericht.put("eventAfgekapt", true);
            bericht.put("eventBegin", begin(tekst, MAX_EVENT_BYTES));
        }
        String body = ASCII.writeValueAsString(bericht);
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
    }

    /** The longest start of {@code tekst} of at most {@code max} bytes in UTF-8, never half a character. */
    static String begin(String tekst, int max) {
        int bytes = 0;
        int i = 0;
        while (i < tekst.length()) {
            int cp = tekst.codePointAt(i);
            int lengte = cp < 0x80 ? 1 : cp < 0x800 ? 2 : Character.isSupplementaryCodePoint(cp) ? 4 : 3;
            if (bytes + lengte > max) {
                break;
            }
            bytes += lengte;
            i += Character.charCount(cp);
        }
        return tekst.substring(0, i);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
