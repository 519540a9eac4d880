package nl.termijnwacht.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import nl.termijnwacht.local.Functiecatalogus;
import nl.termijnwacht.local.LokaleStack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * {@code termijnwacht dlq toon|herstel QUEUE [--json] [--nu INSTANT]}: what waits in the rejection queue or a
 * function's DLQ, and its redrive after a fix.
 *
 * <p>{@code toon} reads every message with a short visibility timeout and releases it again (visibility 0):
 * nothing is consumed. Three shapes are recognised: a rejection ({@code termijnwacht.afwijzing/1}, see
 * {@code Afwijzingen}: function, field, reason and the event as received), an event EventBridge could not deliver
 * (the body is the event; the reason is in the message attributes {@code ERROR_CODE}/{@code ERROR_MESSAGE}), and a
 * Lambda asynchronous-invocation OnFailure record (the body carries {@code requestPayload},
 * {@code requestContext.condition} and {@code responsePayload}). A Scheduler DLQ message carries the schedule's input.
 *
 * <p>{@code herstel} gives each message back to its function — here in this process, through {@link Functies} (as
 * {@code invoke} does), because the emulator routes nothing from the bus to a function. An event function's message
 * goes back <em>as the bus would deliver it</em>: only the stored event's {@code source}, {@code detail-type} and
 * {@code detail} are kept, as {@code PutEvents} takes them, and the envelope is new — a new id, the time of the
 * redrive, and the redriver's own account ({@link #EIGEN_ACCOUNT}), never the account stored in the message — and it
 * goes to the function whose rule admits its source. A direct invocation is trusted on its {@code account}, so a
 * redrive that kept it could forge a sender; through the bus the sender binding ({@code AFZENDERS}) decides. In AWS
 * that is {@code aws events put-events} (docs/runbook.md); no human policy may invoke an event function. A scanner
 * takes no account: its message is its schedule input, and it is invoked with it (in AWS its alias {@code live}).
 *
 * <p>A message is deleted only when its redrive succeeded; a failed one is released and stays. One exception keeps the
 * rejection queue from doubling: an event from that queue that the function rejects again has been written to it
 * anew (with the current reason) before the function answered, so the old message is deleted and the new one stays.
 * A rejection whose event was cut ({@code eventAfgekapt}, see {@code Afwijzingen}) cannot be redriven: what was cut is
 * gone. It is reported as such and stays; the sender must send the event again.
 */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = {"Toont (zonder te verbruiken) of herstelt de berichten in de afwijzingsqueue of een DLQ.",
                "ACTIE: toon | herstel. QUEUE: een queue uit template.yaml, bijv. termijnwacht-afgewezen of zaak-events-dlq.",
                "herstel biedt elk bericht opnieuw aan zijn functie aan en verwijdert het alleen als dat lukt;",
                "een event gaat via de bus (nieuw id, het eigen account: de afzenderbinding beslist), een afgekapte afwijzing kan niet;",
                "exitcode 1 als er berichten mislukten."})
final class DlqCommand implements Callable<Integer> {

    /** The rejection messages' schema prefix ({@code Afwijzingen}). */
    static final String AFWIJZING_SCHEMA = "termijnwacht.afwijzing/";
    /** Long enough to read a whole queue without seeing a message twice; released right after. */
    private static final int LEES_ZICHTBAARHEID = 60;
    /** Long enough for a redrive of every message read; a failed one is released at once. */
    private static final int HERSTEL_ZICHTBAARHEID = 900;
    private static final int MAX_BERICHTEN = 10_000;
    private static final int UITTREKSEL = 160;
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The account a redrive through the bus carries locally: the emulator's own (moto's default), as the local chain
     * uses. In AWS EventBridge sets the account of the caller of {@code PutEvents}: the beheerder's, this stack's.
     */
    static final String EIGEN_ACCOUNT = "123456789012";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACTIE", description = "toon (lijst, verbruikt niets) of herstel (opnieuw aanbieden na een correctie)")
    String actie;

    @Parameters(index = "1", paramLabel = "QUEUE", description = "de queue, zoals template.yaml hem noemt (termijnwacht-afgewezen, zaak-events-dlq, …)")
    String queue;

    @Option(names = "--json", description = "één JSON-object per regel")
    boolean json;

    @Option(names = "--nu", paramLabel = "INSTANT", description = "herstel: het tijdstip waarop de functie het bericht verwerkt (standaard nu)")
    String nu;

    @Override
    public Integer call() {
        if (!actie.equals("toon") && !actie.equals("herstel")) {
            throw new FouteInvoer("ACTIE", "'" + actie + "' is geen actie; kies toon of herstel");
        }
        Queue q = Queue.uitTemplate(queue); // before an emulator is started for nothing
        if (nu != null && actie.equals("toon")) {
            throw new FouteInvoer("--nu", "alleen bij herstel");
        }
        Instant moment = nu == null ? Instant.now() : Invoer.moment("--nu", nu);
        LokaleStack stack = Lokaal.stack(spec.commandLine().getErr());
        String url = stack.voorzieningen().waarden().get(q.logischeId());
        if (url == null) {
            throw new IllegalStateException("queue " + q.naam() + " is niet aangemaakt in " + stack.endpoint() + "; voer eerst ./termijnwacht provision uit");
        }
        SqsClient sqs = stack.clients().sqs();
        return actie.equals("toon") ? toon(sqs, url, q) : herstel(stack, sqs, url, q, moment);
    }

    // ------------------------------------------------------------------------------------------ toon

    private int toon(SqsClient sqs, String url, Queue q) {
        PrintWriter out = spec.commandLine().getOut();
        List<Message> berichten = lees(sqs, url, LEES_ZICHTBAARHEID);
        try {
            if (!json) {
                out.println(berichten.isEmpty() ? q.naam() + " is leeg." : q.naam() + ": " + berichten.size() + (berichten.size() == 1 ? " bericht" : " berichten"));
            }
            for (Message m : berichten) {
                Bericht b = Bericht.van(m, q);
                if (json) {
                    out.println(b.json(q));
                } else {
                    out.println(b.id() + "  " + b.verzonden() + "  " + b.functieOfStreep() + "  " + b.soort());
                    out.println("    reden:      " + (b.reden() == null ? "-" : b.reden()));
                    out.println("    uittreksel: " + b.uittreksel());
                    if (b.fout() != null) {
                        out.println("    herstel:    niet mogelijk: " + b.fout());
                    }
                }
            }
        } finally {
            laatLos(sqs, url, berichten);
        }
        out.flush();
        return 0;
    }

    // ------------------------------------------------------------------------------------------ herstel

    private int herstel(LokaleStack stack, SqsClient sqs, String url, Queue q, Instant moment) {
        PrintWriter out = spec.commandLine().getOut();
        Functies functies = new Functies(stack); // before reading: a function that cannot start hides nothing
        // Everything that is in the queue now, read up front: what a redrive adds (a fresh rejection) is not redriven again.
        List<Message> berichten = lees(sqs, url, HERSTEL_ZICHTBAARHEID);
        int hersteld = 0;
        int mislukt = 0;
        List<Message> loslaten = new ArrayList<>(berichten); // whatever is not deleted is released, also after an error
        try {
            for (Message m : berichten) {
                Bericht b = Bericht.van(m, q);
                Poging p = poging(functies, b, q, moment);
                if (p.gelukt()) {
                    hersteld++;
                } else {
                    mislukt++;
                }
                if (p.verwijder()) {
                    sqs.deleteMessage(d -> d.queueUrl(url).receiptHandle(m.receiptHandle()));
                    loslaten.remove(m);
                }
                if (json) {
                    out.println(JSON.createObjectNode().put("id", b.id()).put("functie", b.functie()).put("uitkomst", p.gelukt() ? "hersteld" : "mislukt")
                            .put("resultaat", p.resultaat()).put("reden", p.reden()).put("verwijderd", p.verwijder()));
                } else {
                    out.println((p.gelukt() ? "hersteld " : "mislukt  ") + b.id() + "  " + b.functieOfStreep() + "  "
                            + (p.gelukt() ? p.resultaat() : p.reden()) + (p.verwijder() || p.gelukt() ? "" : " (blijft in " + q.naam() + ")"));
                }
            }
        } finally {
            laatLos(sqs, url, loslaten);
        }
        if (json) {
            out.println(JSON.createObjectNode().put("queue", q.naam()).put("hersteld", hersteld).put("mislukt", mislukt));
        } else {
            out.println(q.naam() + ": hersteld " + hersteld + ", mislukt " + mislukt);
        }
        out.flush();
        return mislukt == 0 ? 0 : 1;
    }

    /**
     * @param gelukt    the function applied it (or had already applied it)
     * @param verwijder the message may go: redriven, or replaced by the function's own fresh rejection
     */
    private record Poging(boolean gelukt, boolean verwijder, String resultaat, String reden) {
        static Poging mislukt(String reden) {
            return new Poging(false, false, null, reden);
        }
    }

    private Poging poging(Functies functies, Bericht b, Queue q, Instant moment) {
        if (b.fout() != null) {
            return Poging.mislukt(b.fout());
        }
        String functie = b.functie();
        JsonNode invoer = b.payload();
        if (!Functies.CATALOGUS.functie(functie).orElseThrow().bronnen().isEmpty()) {
            // an event function: through the bus, never by invoking it with the stored account
            JsonNode event = b.payload();
            for (String veld : List.of("source", "detail-type")) {
                if (!event.path(veld).isTextual() || event.path(veld).asText().isBlank()) {
                    return Poging.mislukt("kan niet via de bus opnieuw worden aangeboden: het bewaarde event heeft geen '" + veld + "'");
                }
            }
            if (!event.path("detail").isObject()) {
                return Poging.mislukt("kan niet via de bus opnieuw worden aangeboden: het bewaarde event heeft geen 'detail'-object");
            }
            functie = Functies.CATALOGUS.voorBron(event.get("source").asText()).map(Functiecatalogus.Functie::naam).orElse(null);
            if (functie == null) {
                return Poging.mislukt("geen regel op de bus neemt source '" + Bericht.kort(event.get("source").asText()) + "' aan");
            }
            invoer = viaDeBus(event, moment);
        }
        JsonNode uitvoer;
        try {
            uitvoer = functies.invoke(functie, invoer.toString(), moment);
        } catch (RuntimeException e) {
            // a transient AWS failure or a bug: the message stays for the next attempt
            return Poging.mislukt("fout bij uitvoeren: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + eersteRegel(e.getMessage())));
        }
        String resultaat = uitvoer.path("resultaat").asText(null);
        if ("AFGEWEZEN".equals(resultaat)) {
            String reden = "opnieuw afgewezen: " + uitvoer.path("reden").asText("");
            // the function has written the event to the rejection queue again, with today's reason
            return q.isAfwijzingen()
                    ? new Poging(false, true, resultaat, reden + " (vervangen door de nieuwe afwijzing)")
                    : new Poging(false, false, resultaat, reden + " (de afwijzing staat in " + Queue.afwijzingen().naam() + ")");
        }
        return new Poging(true, true, resultaat == null ? "uitgevoerd" : resultaat, null);
    }

    /**
     * The event as EventBridge delivers what {@code PutEvents} was given: the stored {@code source}, {@code detail-type}
     * and {@code detail}, in a new envelope with a new id, the redrive's time and the redriver's own account.
     */
    static ObjectNode viaDeBus(JsonNode opgeslagen, Instant moment) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0").put("id", java.util.UUID.randomUUID().toString()).put("detail-type", opgeslagen.get("detail-type").asText())
                .put("source", opgeslagen.get("source").asText()).put("account", EIGEN_ACCOUNT)
                .put("time", moment.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()).put("region", LokaleStack.regio());
        event.putArray("resources");
        event.set("detail", opgeslagen.get("detail"));
        return event;
    }

    private static String eersteRegel(String tekst) {
        int eind = tekst.indexOf('\n');
        return eind < 0 ? tekst : tekst.substring(0, eind);
    }

    // ------------------------------------------------------------------------------------------ SQS

    /** Every message now visible, each hidden for {@code zichtbaarheid} seconds so none is read twice. */
    private static List<Message> lees(SqsClient sqs, String url, int zichtbaarheid) {
        Map<String, Message> gelezen = new LinkedHashMap<>();
        while (gelezen.size() < MAX_BERICHTEN) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0).visibilityTimeout(zichtbaarheid)
                    .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP, MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
                    .messageAttributeNames("All")).messages();
            if (batch.isEmpty()) {
                break;
            }
            batch.forEach(m -> gelezen.putIfAbsent(m.messageId(), m));
        }
        return new ArrayList<>(gelezen.values());
    }

    /** Visible again at once: {@code toon} consumes nothing, a failed redrive stays for the next attempt. */
    private static void laatLos(SqsClient sqs, String url, List<Message> berichten) {
        for (Message m : berichten) {
            sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
        }
    }

    // ------------------------------------------------------------------------------------------ the queues of template.yaml

    /**
     * A queue of template.yaml.
     *
     * @param functie the function whose DLQ it is (its EventInvokeConfig OnFailure or a rule's or schedule's
     *                DeadLetterConfig names it); null for the rejection queue, which every event function writes to
     */
    record Queue(String naam, String logischeId, String functie) {

        static Map<String, Queue> alle() {
            JsonNode resources = Functiecatalogus.template().path("Resources");
            Map<String, String> eigenaren = new LinkedHashMap<>();
            for (Functiecatalogus.Functie f : Functies.CATALOGUS.functies()) {
                JsonNode p = resources.path(f.logischeId()).path("Properties");
                verwijzing(p.at("/EventInvokeConfig/DestinationConfig/OnFailure/Destination")).ifPresent(id -> eigenaren.put(id, f.naam()));
                for (JsonNode event : p.path("Events")) {
                    verwijzing(event.at("/Properties/DeadLetterConfig/Arn")).ifPresent(id -> eigenaren.put(id, f.naam()));
                }
            }
            Map<String, Queue> queues = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> r = it.next();
                if (r.getValue().path("Type").asText().equals("AWS::SQS::Queue")) {
                    String naam = r.getValue().at("/Properties/QueueName").asText();
                    queues.put(naam, new Queue(naam, r.getKey(), eigenaren.get(r.getKey())));
                }
            }
            return queues;
        }

        /** {@code !GetAtt ZaakEventsDlq.Arn} reads as {@code "ZaakEventsDlq.Arn"} (the tag dropped): the logical id. */
        private static java.util.Optional<String> verwijzing(JsonNode arn) {
            String tekst = arn.asText("");
            return tekst.endsWith(".Arn") ? java.util.Optional.of(tekst.substring(0, tekst.length() - ".Arn".length())) : java.util.Optional.empty();
        }

        static Queue uitTemplate(String naam) {
            Map<String, Queue> alle = alle();
            Queue q = alle.get(naam);
            if (q == null) {
                throw new FouteInvoer("QUEUE", "onbekende queue '" + naam + "'; kies uit " + String.join(", ", alle.keySet()));
            }
            return q;
        }

        /** The queue the event functions write rejected events to (template.yaml: their AFGEWEZEN_QUEUE_URL). */
        static Queue afwijzingen() {
            Set<String> ids = new LinkedHashSet<>();
            Functiecatalogus.template().path("Resources").forEach(r -> {
                JsonNode url = r.at("/Properties/Environment/Variables/AFGEWEZEN_QUEUE_URL");
                if (!url.isMissingNode()) {
                    ids.add(url.asText());
                }
            });
            return alle().values().stream().filter(q -> ids.contains(q.logischeId())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("template.yaml: geen functie heeft AFGEWEZEN_QUEUE_URL"));
        }

        boolean isAfwijzingen() {
            return afwijzingen().logischeId().equals(logischeId);
        }
    }

    // ------------------------------------------------------------------------------------------ one message

    /**
     * One message, read.
     *
     * @param soort   afwijzing, event (EventBridge rule DLQ), onfailure (Lambda async OnFailure), planning (Scheduler DLQ) or onbekend
     * @param functie the function to redrive it to (null if unknown)
     * @param payload what that function is invoked with: the original event or request payload
     * @param fout    why it cannot be redriven (null if it can)
     */
    record Bericht(String id, Instant verzonden, int ontvangen, String soort, String functie, String veld, String reden, String uittreksel,
                   JsonNode origineel, JsonNode payload, String fout) {

        String functieOfStreep() {
            return functie == null ? "-" : functie;
        }

        static Bericht van(Message m, Queue q) {
            String sent = m.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
            Instant verzonden = sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent));
            String count = m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
            int ontvangen = count == null ? 0 : Integer.parseInt(count);
            JsonNode body;
            try {
                body = JSON.readTree(m.body());
            } catch (IOException e) {
                body = null;
            }
            if (body == null || !body.isObject()) {
                return new Bericht(m.messageId(), verzonden, ontvangen, "onbekend", q.functie(), null, attribuutReden(m), kort(m.body()), null, null,
                        "de inhoud is geen JSON-object");
            }
            if (body.path("schema").asText("").startsWith(AFWIJZING_SCHEMA)) {
                return afwijzing(m, verzonden, ontvangen, (ObjectNode) body);
            }
            if (body.has("requestPayload")) {
                JsonNode payload = body.get("requestPayload");
                String reden = tekst(body.at("/requestContext/condition"), body.at("/responsePayload/errorType"), body.at("/responsePayload/errorMessage"));
                return metFunctie(m, verzonden, ontvangen, "onfailure", q, payload, reden == null ? attribuutReden(m) : reden, body);
            }
            String soort = body.has("source") && body.has("detail-type") ? "event" : "planning";
            return metFunctie(m, verzonden, ontvangen, soort, q, body, attribuutReden(m), body);
        }

        private static Bericht afwijzing(Message m, Instant verzonden, int ontvangen, ObjectNode body) {
            String functie = body.path("functie").asText(null);
            String reden = body.path("reden").asText(null);
            String veld = body.path("veld").asText(null);
            JsonNode event = body.get("event");
            String fout = null;
            if (event == null) {
                fout = "afgekapt: van het event zijn alleen de eerste " + body.path("eventBegin").asText("").getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                        + " van " + body.path("eventBytes").asText("?") + " bytes bewaard (sha256 " + body.path("eventSha256").asText("?")
                        + "), dus het kan niet opnieuw worden aangeboden; het bericht blijft staan: laat de afzender het event opnieuw sturen";
            } else if (!event.isObject()) {
                fout = "het bewaarde event is geen JSON-object; laat de afzender het gecorrigeerd opnieuw sturen";
            } else if (functie == null || Functies.CATALOGUS.functie(functie).isEmpty()) {
                fout = "onbekende functie '" + functie + "' in de afwijzing";
            }
            String uittreksel = event == null ? kort(body.path("eventBegin").asText("")) : uittreksel(event);
            return new Bericht(m.messageId(), verzonden, ontvangen, "afwijzing", functie, veld, reden, uittreksel, body, event, fout);
        }

        private static Bericht metFunctie(Message m, Instant verzonden, int ontvangen, String soort, Queue q, JsonNode payload, String reden, JsonNode body) {
            String functie = q.functie();
            String fout = null;
            if (functie == null) {
                // not a DLQ of one function (e.g. an event put in the rejection queue by hand): the bus rule's function
                functie = Functies.CATALOGUS.voorBron(payload.path("source").asText("")).map(Functiecatalogus.Functie::naam).orElse(null);
                if (functie == null) {
                    fout = "geen functie ontvangt dit bericht (source '" + payload.path("source").asText("") + "')";
                }
            }
            if (fout == null && !payload.isObject()) {
                fout = "de payload is geen JSON-object";
            }
            return new Bericht(m.messageId(), verzonden, ontvangen, soort, functie, null, reden, uittreksel(payload), body, payload, fout);
        }

        /** EventBridge and Scheduler put the reason of a dead-lettered delivery in message attributes. */
        private static String attribuutReden(Message m) {
            Map<String, MessageAttributeValue> a = m.messageAttributes();
            List<String> delen = new ArrayList<>();
            for (String naam : List.of("ERROR_CODE", "ERROR_MESSAGE", "EXHAUSTED_RETRY_CONDITION")) {
                MessageAttributeValue v = a.get(naam);
                if (v != null && v.stringValue() != null && !v.stringValue().isBlank()) {
                    delen.add(v.stringValue().strip());
                }
            }
            return delen.isEmpty() ? null : String.join(": ", delen);
        }

        private static String tekst(JsonNode... velden) {
            List<String> delen = new ArrayList<>();
            for (JsonNode v : velden) {
                if (v.isValueNode() && !v.asText().isBlank()) {
                    delen.add(v.asText().strip());
                }
            }
            return delen.isEmpty() ? null : String.join(": ", delen);
        }

        /** The event type and its detail (or the payload), shortened. */
        private static String uittreksel(JsonNode event) {
            if (event.isObject() && event.has("detail-type")) {
                return kort(event.path("detail-type").asText() + " " + event.path("detail").toString());
            }
            return kort(event.isTextual() ? event.textValue() : event.toString());
        }

        static String kort(String tekst) {
            String t = tekst.replaceAll("\\s+", " ").strip();
            return t.length() <= UITTREKSEL ? t : t.substring(0, UITTREKSEL - 1) + "…";
        }

        ObjectNode json(Queue q) {
            ObjectNode o = JSON.createObjectNode();
            o.put("queue", q.naam()).put("id", id).put("verzonden", verzonden == null ? null : verzonden.toString()).put("ontvangen", ontvangen)
                    .put("soort", soort).put("functie", functie).put("veld", veld).put("reden", reden).put("uittreksel", uittreksel);
            if (origineel != null && origineel.has("afgewezen")) {
                o.put("afgewezen", origineel.get("afgewezen").asText());
            }
            if (payload != null && payload.has("id")) {
                o.put("event", payload.get("id").asText());
            }
            if (origineel != null && origineel.has("eventSha256")) {
                o.put("eventBytes", origineel.path("eventBytes").asLong()).put("eventSha256", origineel.path("eventSha256").asText())
                        .put("afgekapt", origineel.path("eventAfgekapt").asBoolean(false));
            }
            o.put("herstelbaar", fout == null);
            if (fout != null) {
                o.put("fout", fout);
            }
            return o;
        }
    }
}
