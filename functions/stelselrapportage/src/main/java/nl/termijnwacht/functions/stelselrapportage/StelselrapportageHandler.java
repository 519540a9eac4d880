package nl.termijnwacht.functions.stelselrapportage;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import nl.termijnwacht.aws.AwsClients;
import nl.termijnwacht.aws.DueScan;
import nl.termijnwacht.aws.ScanFunctie;

/**
 * Lambda {@code stelselrapportage}, every Monday at 08:00 Europe/Amsterdam: the regietafel's report on the week before
 * (docs/rapportage.md), from the counters alone — no zaak is read.
 */
public final class StelselrapportageHandler extends ScanFunctie {

    private final Stelselrapportage rapportage;

    /** Lambda: once per execution environment. */
    public StelselrapportageHandler() {
        this(AwsClients.lambda(), Clock.systemUTC());
    }

    private StelselrapportageHandler(AwsClients aws, Clock klok) {
        super("stelselrapportage", "gemeenten", "gemeente", aws, klok, List.of());
        rapportage = Stelselrapportage.van(aws, JSON);
    }

    /** Tests and the local CLI: their own clients and clock. */
    public static StelselrapportageHandler bouw(AwsClients aws, Clock klok) {
        return new StelselrapportageHandler(aws, klok);
    }

    @Override
    protected DueScan.Verslag voerUit(Instant nu, String run) {
        return rapportage.voerUit(nu, run);
    }

    public Stelselrapportage rapportage() {
        return rapportage;
    }
}
