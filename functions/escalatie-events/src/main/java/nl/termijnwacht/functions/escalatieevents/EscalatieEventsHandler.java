package nl.termijnwacht.functions.escalatieevents;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import nl.termijnwacht.aws.AwsClients;
import nl.termijnwacht.aws.EscalatieEvents;
import nl.termijnwacht.aws.EscalatieRepository;
import nl.termijnwacht.aws.EventFunctie;
import nl.termijnwacht.aws.Ladders;
import nl.termijnwacht.aws.Priming;
import nl.termijnwacht.aws.Uitkomst;

/** Lambda {@code escalatie-events}: replies of ladder levels (Opgepakt, Opgelost, Teruggelegd) into table {@code Escalaties}. */
public final class EscalatieEventsHandler extends EventFunctie {

    private final EscalatieEventVerwerking verwerking;

    /** Lambda: once per execution environment. */
    public EscalatieEventsHandler() {
        this(AwsClients.lambda(), AwsClients.lambda().omgeving().ladders(), Clock.systemUTC());
    }

    /** @param ladders the ladders to answer on (tests may pass a gemeente's variant) */
    public EscalatieEventsHandler(AwsClients aws, Ladders ladders, Clock klok) {
        EscalatieRepository escalaties = EscalatieRepository.van(aws);
        super("escalatie-events", EscalatieEvents.DETAIL_TYPES, aws, klok, List.of(Priming.termijnEngine(aws.omgeving()), escalaties::primeer));
        verwerking = new EscalatieEventVerwerking(escalaties, ladders, aws.omgeving());
    }

    /** Tests and the local CLI: their own clients and clock. */
    public static EscalatieEventsHandler bouw(AwsClients aws, Clock klok) {
        return new EscalatieEventsHandler(aws, aws.omgeving().ladders(), klok);
    }

    @Override
    protected Uitkomst verwerk(JsonNode event, Instant nu) {
        return verwerking.verwerk(event, nu);
    }
}
