package nl.termijnwacht.functions.escalatieevents;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import nl.termijnwacht.aws.Afwijzingen;
import nl.termijnwacht.aws.AwsClients;
import nl.termijnwacht.aws.EscalatieEvents;
import nl.termijnwacht.aws.EscalatieRepository;
import nl.termijnwacht.aws.Eventinvoer;
import nl.termijnwacht.aws.Omgeving;
import nl.termijnwacht.aws.Priming;

/** Lambda {@code escalatie-events}: replies of ladder levels (Opgepakt, Opgelost, Teruggelegd) into table {@code Escalaties}. */
public final class EscalatieEventsHandler implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final class Standaard {
        static final AwsClients AWS = new AwsClients(Omgeving.uitSysteem());
        static final EscalatieEventsHandler HANDLER = bouw(AWS, Clock.systemUTC());
        /** SnapStart: read-only warm-up before the snapshot (Priming); held here, the context may hold it weakly. */
        static final Priming PRIMING = Priming.registreer(EscalatieEventVerwerking.FUNCTIE,
                Priming.standaard(EscalatieEventVerwerking.FUNCTIE, AWS, JSON));
    }

    private final EscalatieEventVerwerking verwerking;
    private final Afwijzingen afwijzingen;
    private final Clock klok;

    public EscalatieEventsHandler() {
        this(Standaard.HANDLER.verwerking, Standaard.HANDLER.afwijzingen, Standaard.HANDLER.klok);
    }

    public EscalatieEventsHandler(EscalatieEventVerwerking verwerking, Afwijzingen afwijzingen, Clock klok) {
        this.verwerking = verwerking;
        this.afwijzingen = afwijzingen;
        this.klok = klok;
    }

    public static EscalatieEventsHandler bouw(AwsClients aws, Clock klok) {
        Omgeving o = aws.omgeving();
        Afwijzingen afwijzingen = new Afwijzingen(aws.sqs(), o.afgewezenQueueUrl(), JSON);
        return new EscalatieEventsHandler(new EscalatieEventVerwerking(EscalatieRepository.van(aws), o.ladders(), afwijzingen, o.instellingen(),
                o.afzenders()), afwijzingen, klok);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Eventinvoer invoer = Eventinvoer.lees(input, JSON);
        EscalatieEventVerwerking.Uitkomst uitkomst;
        if (invoer.fout() != null) {
            afwijzingen.wijsAf(EscalatieEventVerwerking.FUNCTIE, TextNode.valueOf(invoer.ruw()), invoer.fout().veld(), invoer.fout().reden(), klok.instant());
            uitkomst = new EscalatieEventVerwerking.Uitkomst(EscalatieEventVerwerking.Resultaat.AFGEWEZEN, invoer.fout().veld(),
                    invoer.fout().veld() + ": " + invoer.fout().reden());
        } else {
            uitkomst = verwerking.verwerk(invoer.event(), klok.instant());
        }
        if (context != null) {
            JsonNode e = invoer.event();
            String type = e == null ? "" : e.path("detail-type").asText("");
            com.fasterxml.jackson.databind.node.ObjectNode velden = JSON.createObjectNode().put("resultaat", uitkomst.resultaat().name())
                    .put("veld", uitkomst.veld()).put("type", EscalatieEvents.DETAIL_TYPES.contains(type) ? type : "-");
            if (uitkomst.resultaat() != EscalatieEventVerwerking.Resultaat.AFGEWEZEN) {
                // accepted, so it names a stored escalation item (ladder:gemeente:zaak, no personal data)
                velden.put("escalatie", e.path("detail").path("escalatie").asText());
            }
            // one JSON line: the record and its count (Verwerkt/Overgeslagen/Afgewezen) as EMF metrics (docs/runbook.md)
            context.getLogger().log(nl.termijnwacht.aws.Metrieken.bytes(nl.termijnwacht.aws.Metrieken.event(EscalatieEventVerwerking.FUNCTIE, klok.instant(),
                    uitkomst.resultaat().name(), velden)));
        }
        output.write(JSON.writeValueAsBytes(JSON.createObjectNode().put("resultaat", uitkomst.resultaat().name()).put("reden", uitkomst.reden())));
    }
}
