package nl.termijnwacht.functions.proefevents;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import nl.termijnwacht.aws.AwsClients;
import nl.termijnwacht.aws.EventFunctie;
import nl.termijnwacht.aws.Priming;
import nl.termijnwacht.aws.Uitkomst;
import nl.termijnwacht.core.OngeldigeInvoer;

/** Sample function {@code proef-events}: accepts a Proef event that names a gemeente (shows the function kit). */
public final class ProefEventsHandler extends EventFunctie {

    public ProefEventsHandler() {
        this(AwsClients.lambda(), Clock.systemUTC());
    }

    private ProefEventsHandler(AwsClients aws, Clock klok) {
        super("proef-events", List.of("Proef"), aws, klok, List.of(Priming.termijnEngine(aws.omgeving())));
    }

    public static ProefEventsHandler bouw(AwsClients aws, Clock klok) {
        return new ProefEventsHandler(aws, klok);
    }

    @Override
    protected Uitkomst verwerk(JsonNode event, Instant nu) {
        String gemeente = event.path("detail").path("gemeente").asText("");
        if (!gemeente.matches("GM\\d{4}")) {
            throw new OngeldigeInvoer("gemeente", "geen CBS-gemeentecode");
        }
        return Uitkomst.verwerkt(Map.of("gemeente", gemeente));
    }
}
