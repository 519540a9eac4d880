package nl.termijnwacht.functions.termijnscanner;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import nl.termijnwacht.aws.AwsClients;
import nl.termijnwacht.aws.DueScan;
import nl.termijnwacht.aws.EscalatieRepository;
import nl.termijnwacht.aws.Priming;
import nl.termijnwacht.aws.ScanFunctie;
import nl.termijnwacht.aws.ZaakRepository;

/** Lambda {@code termijn-scanner}, every 15 minutes: sends the zaken's due milestones (docs/termijnregels.md, Milestones). */
public final class TermijnScannerHandler extends ScanFunctie {

    private final TermijnScan scan;

    /** Lambda: once per execution environment. */
    public TermijnScannerHandler() {
        this(AwsClients.lambda(), Clock.systemUTC());
    }

    private TermijnScannerHandler(AwsClients aws, Clock klok) {
        ZaakRepository zaken = ZaakRepository.van(aws, JSON);
        EscalatieRepository escalaties = EscalatieRepository.van(aws);
        super("termijn-scanner", "zaken", "zaak", aws, klok, List.of(Priming.termijnEngine(aws.omgeving()), zaken::primeer, escalaties::primeer));
        scan = new TermijnScan(zaken, escalaties, aws, JSON);
    }

    /** Tests and the local CLI: their own clients and clock. */
    public static TermijnScannerHandler bouw(AwsClients aws, Clock klok) {
        return new TermijnScannerHandler(aws, klok);
    }

    @Override
    protected DueScan.Verslag voerUit(Instant nu, String run) {
        return scan.voerUit(nu, run);
    }

    public TermijnScan scan() {
        return scan;
    }
}
