package nl.termijnwacht.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Collection;
import java.util.Set;
import java.util.regex.Pattern;
import nl.termijnwacht.core.OngeldigeInvoer;

/**
 * A function that takes one EventBridge event at a time. The kit owns what every such function does the same way:
 * reading within EventBridge's size limit ({@link Eventinvoer}), rejecting with field and reason to the rejection
 * queue ({@link Afwijzingen}) so that nothing is lost and nothing applied, the one log line with its metric
 * ({@link Metrieken#event}), and the answer. The function adds only {@link #verwerk}.
 *
 * <p>Transient AWS failures are thrown, so Lambda retries the event and, in the end, dead-letters it.
 */
public abstract non-sealed class EventFunctie extends Functie {

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final Set<String> detailTypes;
    private final Afwijzingen afwijzingen;

    /** @param detailTypes the detail-types the function takes: only these are named in the log */
    protected EventFunctie(String naam, Collection<String> detailTypes, AwsClients aws, Clock klok, List<Priming.Stap> priming) {
        super(naam, aws, klok, priming);
        this.detailTypes = Set.copyOf(detailTypes);
        this.afwijzingen = new Afwijzingen(aws.sqs(), aws.omgeving().afgewezenQueueUrl(), JSON);
    }

    /**
     * The function's own work on one readable event.
     *
     * @throws OngeldigeInvoer to reject the event with its field and reason; only before anything was written
     */
    protected abstract Uitkomst verwerk(JsonNode event, Instant nu);

    /** The rejection queue, for a function that hands over more than the event itself. */
    protected final Afwijzingen afwijzingen() {
        return afwijzingen;
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Eventinvoer invoer = Eventinvoer.lees(input, JSON);
        Uitkomst uitkomst;
        if (invoer.fout() != null) {
            uitkomst = wijsAf(TextNode.valueOf(invoer.ruw()), invoer.fout()); // not readable: the raw text is kept, so nothing is lost
        } else {
            try {
                uitkomst = verwerk(invoer.event(), klok().instant());
            } catch (OngeldigeInvoer fout) {
                uitkomst = wijsAf(invoer.event(), fout);
            }
        }
        if (context != null) {
            context.getLogger().log(Metrieken.bytes(Metrieken.event(naam(), klok().instant(), uitkomst.resultaat(), logVelden(invoer.event(), uitkomst))));
        }
        output.write(JSON.writeValueAsBytes(uitkomst.uitvoer(JSON)));
    }

    private Uitkomst wijsAf(JsonNode event, OngeldigeInvoer fout) {
        afwijzingen.wijsAf(naam(), event, fout.veld(), fout.reden(), klok().instant());
        return Uitkomst.afgewezen(fout);
    }

    /**
     * Values from an event may hold personal data: the log gets the event id and detail-type only when they have the
     * expected shape, and the keys of an accepted event ({@link Uitkomst#kenmerken}); a rejected event's values never.
     */
    ObjectNode logVelden(JsonNode event, Uitkomst uitkomst) {
        String id = event == null ? "" : event.path("id").asText("");
        String type = event == null ? "" : event.path("detail-type").asText("");
        ObjectNode velden = JSON.createObjectNode().put("resultaat", uitkomst.resultaat().name()).put("veld", uitkomst.veld())
                .put("event", UUID.matcher(id).matches() ? id : "-").put("type", detailTypes.contains(type) ? type : "-");
        uitkomst.kenmerken().forEach(velden::put);
        return velden;
    }
}
