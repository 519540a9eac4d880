package nl.termijnwacht.functions.escalatiescanner;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import nl.termijnwacht.aws.AwsClients;
import nl.termijnwacht.aws.DueScan;
import nl.termijnwacht.aws.EscalatieRepository;
import nl.termijnwacht.aws.Priming;
import nl.termijnwacht.aws.ScanFunctie;

/**
 * Lambda {@code escalatie-scanner}, every 15 minutes (docs/escalatie.md): moves items up their ladder, reminds the
 * top, and sends every escalation notice once.
 */
public final class EscalatieScannerHandler extends ScanFunctie {

    private final EscalatieScan scan;

    /** Lambda: once per execution environment. */
    public EscalatieScannerHandler() {
        this(AwsClients.lambda(), new EscalatieScan(AwsClients.lambda(), AwsClients.lambda().omgeving().ladders(), JSON), Clock.systemUTC());
    }

    /** @param scan the scan to run (tests may pass one with other ladders or clients) */
    public EscalatieScannerHandler(AwsClients aws, EscalatieScan scan, Clock klok) {
        EscalatieRepository escalaties = EscalatieRepository.van(aws);
        super("escalatie-scanner", "escalaties", "escalatie", aws, klok, List.of(Priming.termijnEngine(aws.omgeving()), escalaties::primeer));
        this.scan = scan;
    }

    /** Tests and the local CLI: their own clients and clock. */
    public static EscalatieScannerHandler bouw(AwsClients aws, Clock klok) {
        return new EscalatieScannerHandler(aws, new EscalatieScan(aws, aws.omgeving().ladders(), JSON), klok);
    }

    @Override
    protected DueScan.Verslag voerUit(Instant nu, String run) {
        return scan.voerUit(nu, run);
    }

    public EscalatieScan scan() {
        return scan;
    }
}
