package nl.termijnwacht.functions.zaakevents;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import nl.termijnwacht.aws.AwsClients;
import nl.termijnwacht.aws.EscalatieRepository;
import nl.termijnwacht.aws.EventFunctie;
import nl.termijnwacht.aws.Priming;
import nl.termijnwacht.aws.Uitkomst;
import nl.termijnwacht.aws.ZaakEvents;
import nl.termijnwacht.aws.ZaakRepository;

/** Lambda {@code zaak-events}: EventBridge case events (docs/architectuur.md) into table {@code Zaken}. */
public final class ZaakEventsHandler extends EventFunctie {

    private final ZaakEventVerwerking verwerking;

    /** Lambda: once per execution environment. */
    public ZaakEventsHandler() {
        this(AwsClients.lambda(), Clock.systemUTC());
    }

    private ZaakEventsHandler(AwsClients aws, Clock klok) {
        ZaakRepository zaken = ZaakRepository.van(aws, JSON);
        EscalatieRepository escalaties = EscalatieRepository.van(aws);
        super("zaak-events", ZaakEvents.DETAIL_TYPES, aws, klok, List.of(Priming.termijnEngine(aws.omgeving()), zaken::primeer, escalaties::primeer));
        verwerking = new ZaakEventVerwerking(new ZaakEvents(JSON), zaken, escalaties, afwijzingen(), aws.omgeving());
    }

    /** Tests and the local CLI: their own clients and clock. */
    public static ZaakEventsHandler bouw(AwsClients aws, Clock klok) {
        return new ZaakEventsHandler(aws, klok);
    }

    @Override
    protected Uitkomst verwerk(JsonNode event, Instant nu) {
        return verwerking.verwerk(event, nu);
    }
}
