package nl.termijnwacht.aws;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A function started by EventBridge Scheduler that runs over due work with the shared exactly-once engine
 * ({@link DueScan}). The kit owns the rest: the schedule's payload is not needed (the run works on "now", so a
 * duplicate delivery is harmless), Lambda's request id names the run's ledger claims (the same when Lambda retries
 * the invocation, so its claims are recognised as its own), the report with its log line and metrics
 * ({@link Scanverslag}), and failing the run when something was left, so the Errors alarm fires.
 */
public abstract non-sealed class ScanFunctie extends Functie {

    private final String items;
    private final String item;

    /**
     * @param items what the function looks at, e.g. {@code zaken} (report fields {@code zakenBekeken}, {@code zaakFouten})
     * @param item  one of them, e.g. {@code zaak}
     */
    protected ScanFunctie(String naam, String items, String item, AwsClients aws, Clock klok, List<Priming.Stap> priming) {
        super(naam, aws, klok, priming);
        this.items = items;
        this.item = item;
    }

    /** One run at {@code nu}; {@code run} identifies its ledger claims. */
    protected abstract DueScan.Verslag voerUit(Instant nu, String run);

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes(); // the scheduler's payload carries nothing the run needs
        Instant start = klok().instant();
        String run = context != null && context.getAwsRequestId() != null ? context.getAwsRequestId() : UUID.randomUUID().toString();
        DueScan.Verslag v = voerUit(start, run);
        output.write(Scanverslag.uitvoer(naam(), items, item, v, start, JSON, context == null ? null : context.getLogger()::log));
        Scanverslag.faalBijFouten(items, v);
    }
}
