package nl.termijnwacht.functions.zaakevents;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import nl.termijnwacht.aws.Afwijzingen;
import nl.termijnwacht.aws.AwsClients;
import nl.termijnwacht.aws.Omgeving;
import nl.termijnwacht.aws.ZaakEvents;
import nl.termijnwacht.aws.ZaakRepository;
import nl.termijnwacht.core.OngeldigeInvoer;

/** Lambda {@code zaak-events}: EventBridge case events (docs/architectuur.md) into table {@code Zaken}. */
public final class ZaakEventsHandler implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Built once per execution environment, during Lambda's init phase. */
    private static final class Standaard {
        static final ZaakEventsHandler HANDLER = bouw(Omgeving.uitSysteem(), Clock.systemUTC());
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
        return new ZaakEventsHandler(new ZaakEventVerwerking(events, ZaakRepository.van(aws, JSON), afwijzingen, o.instellingen(), o.afzenders()), afwijzingen, klok);
    }

    public static ZaakEventsHandler bouw(Omgeving omgeving, Clock klok) {
        return bouw(new AwsClients(omgeving), klok);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] bytes = input.readNBytes(ZaakEvents.MAX_EVENT_BYTES + 1);
        boolean teGroot = bytes.length > ZaakEvents.MAX_EVENT_BYTES;
        if (teGroot) {
            bytes = concat(bytes, input.readAllBytes()); // kept whole for the rejection, never parsed
        }
        JsonNode event = null;
        OngeldigeInvoer fout = null;
        if (teGroot) {
            fout = new OngeldigeInvoer("event", "event van " + bytes.length + " bytes is groter dan EventBridge toestaat ("
                    + ZaakEvents.MAX_EVENT_BYTES + " bytes)");
        } else {
            try {
                event = JSON.readTree(bytes);
            } catch (JsonProcessingException e) {
                var plek = e.getLocation();
                fout = new OngeldigeInvoer("event", "geen geldige JSON" + (plek == null ? "" : " (regel " + plek.getLineNr() + ", kolom " + plek.getColumnNr() + ")"));
            }
        }
        ZaakEventVerwerking.Uitkomst uitkomst;
        if (fout != null) {
            // Not readable: keep the raw text so nothing is lost.
            afwijzingen.wijsAf(ZaakEventVerwerking.FUNCTIE, TextNode.valueOf(new String(bytes, StandardCharsets.UTF_8)), fout.veld(), fout.reden(), klok.instant());
            uitkomst = new ZaakEventVerwerking.Uitkomst(ZaakEventVerwerking.Resultaat.AFGEWEZEN, fout.veld(), fout.veld() + ": " + fout.reden());
        } else {
            uitkomst = verwerking.verwerk(event, klok.instant());
        }
        if (context != null) {
            // Values from the event may hold personal data: only an id and a type of the expected shape reach the log.
            String[] log = ZaakEvents.voorLog(event);
            context.getLogger().log(JSON.createObjectNode().put("resultaat", uitkomst.resultaat().name()).put("veld", uitkomst.veld())
                    .put("event", log[0]).put("type", log[1]).toString());
        }
        output.write(JSON.writeValueAsBytes(JSON.createObjectNode().put("resultaat", uitkomst.resultaat().name()).put("reden", uitkomst.reden())));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
