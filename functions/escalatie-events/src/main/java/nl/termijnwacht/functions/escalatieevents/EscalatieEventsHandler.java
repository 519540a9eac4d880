package nl.termijnwacht.functions.escalatieevents;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import nl.termijnwacht.aws.Antwoorders;
import nl.termijnwacht.aws.Antwoordverwerking;
import nl.termijnwacht.aws.AwsClients;
import nl.termijnwacht.aws.EscalatieEvents;
import nl.termijnwacht.aws.EscalatieRepository;
import nl.termijnwacht.aws.EventFunctie;
import nl.termijnwacht.aws.Ladders;
import nl.termijnwacht.aws.Priming;
import nl.termijnwacht.aws.Uitkomst;

/**
 * Lambda {@code escalatie-events}: answers of bound integrations (Opgepakt, Opgelost, Teruggelegd) from the bus into
 * table {@code Escalaties} (docs/antwoorden.md). People answer through the signed links of their notices instead.
 */
public final class EscalatieEventsHandler extends EventFunctie {

    private final Antwoordverwerking verwerking;
    private final Antwoorders antwoorders;

    /** Lambda: once per execution environment. */
    public EscalatieEventsHandler() {
        this(AwsClients.lambda(), AwsClients.lambda().omgeving().ladders(), Clock.systemUTC());
    }

    /** @param ladders the ladders to answer on (tests may pass a gemeente's variant) */
    public EscalatieEventsHandler(AwsClients aws, Ladders ladders, Clock klok) {
        EscalatieRepository escalaties = EscalatieRepository.van(aws);
        super("escalatie-events", EscalatieEvents.DETAIL_TYPES, aws, klok, List.of(Priming.termijnEngine(aws.omgeving()), escalaties::primeer));
        verwerking = new Antwoordverwerking(escalaties, ladders, aws.omgeving());
        antwoorders = aws.omgeving().antwoorders();
    }

    /** Tests and the local CLI: their own clients and clock. */
    public static EscalatieEventsHandler bouw(AwsClients aws, Clock klok) {
        return new EscalatieEventsHandler(aws, aws.omgeving().ladders(), klok);
    }

    @Override
    protected Uitkomst verwerk(JsonNode event, Instant nu) {
        return verwerking.viaBus(event, antwoorders, nu);
    }
}
