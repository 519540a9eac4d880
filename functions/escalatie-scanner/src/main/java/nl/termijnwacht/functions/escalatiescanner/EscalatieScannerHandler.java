package nl.termijnwacht.functions.escalatiescanner;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import nl.termijnwacht.aws.AwsClients;
import nl.termijnwacht.aws.DueScan;
import nl.termijnwacht.aws.EscalatieRepository;
import nl.termijnwacht.aws.MeldingenLedger;
import nl.termijnwacht.aws.Omgeving;
import nl.termijnwacht.aws.Priming;
import nl.termijnwacht.aws.Parallel;
import nl.termijnwacht.aws.Publisher;
import nl.termijnwacht.aws.Scanverslag;

/**
 * Lambda {@code escalatie-scanner}, started every 15 minutes by EventBridge Scheduler (docs/escalatie.md): moves
 * items up their ladder, reminds the top, and sends every escalation notice once. Duplicate deliveries are harmless.
 */
public final class EscalatieScannerHandler implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final class Standaard {
        static final AwsClients AWS = new AwsClients(Omgeving.uitSysteem());
        static final EscalatieScannerHandler HANDLER = bouw(AWS, Clock.systemUTC());
        /** SnapStart: read-only warm-up before the snapshot (Priming); held here, the context may hold it weakly. */
        static final Priming PRIMING = Priming.registreer("escalatie-scanner",
                Priming.standaard("escalatie-scanner", AWS, JSON));
    }

    private final EscalatieScan scan;
    private final Clock klok;

    public EscalatieScannerHandler() {
        this(Standaard.HANDLER.scan, Standaard.HANDLER.klok);
    }

    public EscalatieScannerHandler(EscalatieScan scan, Clock klok) {
        this.scan = scan;
        this.klok = klok;
    }

    public static EscalatieScannerHandler bouw(AwsClients aws, Clock klok) {
        Omgeving o = aws.omgeving();
        MeldingenLedger ledger = new MeldingenLedger(aws.dynamoDb(), o.meldingenTabel(), o.lease());
        return new EscalatieScannerHandler(new EscalatieScan(EscalatieRepository.van(aws), o.ladders(), ledger, new Publisher(aws.sns(), JSON),
                o.escalatiesTopicArn(), o.regietafelTopicArn(), o.instellingen(), JSON, new Parallel(o.parallel())), klok);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes(); // the scheduler's payload carries nothing the run needs
        Instant start = klok.instant();
        DueScan.Verslag v = context != null && context.getAwsRequestId() != null
                ? scan.voerUit(start, context.getAwsRequestId()) : scan.voerUit(start);
        output.write(Scanverslag.uitvoer("escalatie-scanner", "escalaties", "escalatie", v, start, JSON, context == null ? null : context.getLogger()::log));
        Scanverslag.faalBijFouten("escalaties", v);
    }

    public EscalatieScan scan() {
        return scan;
    }
}
