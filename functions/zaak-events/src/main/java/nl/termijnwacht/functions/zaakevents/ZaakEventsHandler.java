package nl.termijnwacht.functions.zaakevents;

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
import nl.termijnwacht.aws.Eventinvoer;
import nl.termijnwacht.aws.EscalatieRepository;
import nl.termijnwacht.aws.Omgeving;
import nl.termijnwacht.aws.Priming;
import nl.termijnwacht.aws.ZaakEvents;
import nl.termijnwacht.aws.ZaakRepository;
import nl.termijnwacht.core.OngeldigeInvoer;

/** Lambda {@code zaak-events}: EventBridge case events (docs/architectuur.md) into table {@code Zaken}. */
public final class ZaakEventsHandler implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Built once per execution environment, during Lambda's init phase. */
    private static final class Standaard {
        static final AwsClients AWS = new AwsClients(Omgeving.uitSysteem());
        static final ZaakEventsHandler HANDLER = bouw(AWS, Clock.systemUTC());
        /** SnapStart: read-only warm-up before the snapshot (Priming); held here, the context may hold it weakly. */
        static final Priming PRIMING = Priming.registreer(ZaakEventVerwerking.FUNCTIE,
                Priming.standaard(ZaakEventVerwerking.FUNCTIE, AWS, JSON));
    }

    private final ZaakEventVerwerking verwerking;
    private final Afwijzingen afwijzingen;
    private final Clock klok;

    public ZaakEventsHandler() {
        this(Standaard.HANDLER.verwerking, Standaard.HANDLER.afwijzingen, Standaard.HANDLER.klok);
    }

    public ZaakEventsHandler(ZaakEventVerwerking verwerking, Afwijzingen afwijzingen, Clock klok) {
        this.verwerking = verwerking;
        this.afwijzingen = afwijzingen;
        this.klok = klok;
    }

    /** Wires the adapters from configuration; tests and the local CLI pass their own {@link AwsClients} and clock. */
    public static ZaakEventsHandler bouw(AwsClients aws, Clock klok) {
        Omgeving o = aws.omgeving();
        ZaakEvents events = new ZaakEvents(JSON);
        Afwijzingen afwijzingen = new Afwijzingen(aws.sqs(), o.afgewezenQueueUrl(), JSON);
        return new ZaakEventsHandler(new ZaakEventVerwerking(events, ZaakRepository.van(aws, JSON), EscalatieRepository.van(aws), afwijzingen, o.instellingen(), o.afzenders()), afwijzingen, klok);
    }

    public static ZaakEventsHandler bouw(Omgeving omgeving, Clock klok) {
        return bouw(new AwsClients(omgeving), klok);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Eventinvoer invoer = Eventinvoer.lees(input, JSON);
        JsonNode event = invoer.event();
        OngeldigeInvoer fout = invoer.fout();
        ZaakEventVerwerking.Uitkomst uitkomst;
        if (fout != null) {
            // Not readable: keep the raw text so nothing is lost.
            afwijzingen.wijsAf(ZaakEventVerwerking.FUNCTIE, TextNode.valueOf(invoer.ruw()), fout.veld(), fout.reden(), klok.instant());
            uitkomst = new ZaakEventVerwerking.Uitkomst(ZaakEventVerwerking.Resultaat.AFGEWEZEN, fout.veld(), fout.veld() + ": " + fout.reden());
        } else {
            uitkomst = verwerking.verwerk(event, klok.instant());
        }
        if (context != null) {
            // Values from the event may hold personal data: only an id and a type of the expected shape reach the log.
            String[] log = ZaakEvents.voorLog(event);
            com.fasterxml.jackson.databind.node.ObjectNode velden = JSON.createObjectNode().put("resultaat", uitkomst.resultaat().name())
                    .put("veld", uitkomst.veld()).put("event", log[0]).put("type", log[1]);
            if (uitkomst.resultaat() != ZaakEventVerwerking.Resultaat.AFGEWEZEN) {
                // accepted, so gemeente and zaak passed the reference rules (no personal data); a rejected one is never logged
                velden.put("gemeente", event.path("detail").path("gemeente").asText()).put("zaak", event.path("detail").path("zaak").asText());
            }
            // one JSON line: the record and its count (Verwerkt/Overgeslagen/Afgewezen) as EMF metrics (docs/runbook.md)
            context.getLogger().log(nl.termijnwacht.aws.Metrieken.bytes(nl.termijnwacht.aws.Metrieken.event(ZaakEventVerwerking.FUNCTIE, klok.instant(),
                    uitkomst.resultaat().name(), velden)));
        }
        output.write(JSON.writeValueAsBytes(JSON.createObjectNode().put("resultaat", uitkomst.resultaat().name()).put("reden", uitkomst.reden())));
    }
}
