package nl.termijnwacht.functions.stelselrapportage;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import nl.termijnwacht.aws.AwsClients;
import nl.termijnwacht.aws.DueScan;
import java.util.Map;
import nl.termijnwacht.aws.ScanFunctie;
import nl.termijnwacht.aws.Tellers;
import nl.termijnwacht.core.Isoweek;
import nl.termijnwacht.core.Tellerstand;

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
        Tellers tellers = Tellers.van(aws);
        // read-only priming: the counters' read path, and a report and its page made in memory
        super("stelselrapportage", "gemeenten", "gemeente", aws, klok, List.of(tellers::primeer, StelselrapportageHandler::rapportInGeheugen));
        rapportage = Stelselrapportage.van(aws, JSON);
    }

    /** A report of one made-up gemeente, with its page, never stored or sent (the JSON, the report and the encoder warmed up). */
    private static void rapportInGeheugen() {
        Tellerstand zaken = new Tellerstand().tel("n2026W10", 2).tel("u2026W16", 1).tel("b2026W17", 1).tel("t2026W17", 1);
        Tellers.Stand stand = new Tellers.Stand("GM0000", zaken, Map.of("termijnoverschrijding#1", 1L), Map.of(), List.of(), null);
        Stelselrapport r = Stelselrapport.maak(new Isoweek(2026, 17), Instant.parse("2026-04-27T06:00:00Z"), Map.of("GM0000", stand), JSON);
        Rapportpagina.html(r.document());
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
