package nl.termijnwacht.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The rejection queue: a malformed event goes here whole, with the field and the reason, so a
 * beheerder can correct and replay it. Nothing of it is applied.
 */
public final class Afwijzingen {

    private final SqsClient sqs;
    private final String queueUrl;
    private final ObjectMapper json;

    public Afwijzingen(SqsClient sqs, String queueUrl, ObjectMapper json) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.json = json;
    }

    public void wijsAf(String functie, JsonNode event, String veld, String reden, Instant nu) {
        ObjectNode bericht = json.createObjectNode();
        bericht.put("schema", "termijnwacht.afwijzing/1");
        bericht.put("functie", functie);
        bericht.put("veld", veld);
        bericht.put("reden", reden);
        bericht.put("afgewezen", nu.toString());
        bericht.set("event", event);
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(bericht.toString()));
    }
}
