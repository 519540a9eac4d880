package nl.termijnwacht.functions.termijnscanner;

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
import nl.termijnwacht.aws.ZaakRepository;

/**
 * Lambda {@code termijn-scanner}, started every 15 minutes by EventBridge Scheduler. The schedule's
 * payload is not needed: the run works on "now". Duplicate deliveries of a schedule are harmless.
 */
public final class TermijnScannerHandler implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final class Standaard {
        static final AwsClients AWS = new AwsClients(Omgeving.uitSysteem());
        static final TermijnScannerHandler HANDLER = bouw(AWS, Clock.systemUTC());
        /** SnapStart: read-only warm-up before the snapshot (Priming); held here, the context may hold it weakly. */
        static final Priming PRIMING = Priming.registreer("termijn-scanner",
                Priming.standaard("termijn-scanner", AWS, JSON));
    }

    private final TermijnScan scan;
    private final Clock klok;

    public TermijnScannerHandler() {
        this(Standaard.HANDLER.scan, Standaard.HANDLER.klok);
    }

    public TermijnScannerHandler(TermijnScan scan, Clock klok) {
        this.scan = scan;
        this.klok = klok;
    }

    public static TermijnScannerHandler bouw(AwsClients aws, Clock klok) {
        Omgeving o = aws.omgeving();
        ZaakRepository zaken = ZaakRepository.van(aws, JSON);
        MeldingenLedger ledger = new MeldingenLedger(aws.dynamoDb(), o.meldingenTabel(), o.lease());
        return new TermijnScannerHandler(new TermijnScan(zaken, EscalatieRepository.van(aws), ledger, new Publisher(aws.sns(), JSON), o.termijnmeldingenTopicArn(),
                o.instellingen(), JSON, new Parallel(o.parallel())), klok);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes(); // the scheduler's payload carries nothing the run needs
        // Lambda's request id stays the same when Lambda retries this invocation: its claims are recognised as its own.
        Instant start = klok.instant();
        DueScan.Verslag v = context != null && context.getAwsRequestId() != null
                ? scan.voerUit(start, context.getAwsRequestId()) : scan.voerUit(start);
        output.write(Scanverslag.uitvoer("termijn-scanner", "zaken", "zaak", v, start, JSON, context == null ? null : context.getLogger()::log));
        Scanverslag.faalBijFouten("zaken", v);
    }

    public TermijnScan scan() {
        return scan;
    }
}
