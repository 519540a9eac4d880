package nl.termijnwacht.aws;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;

/**
 * What every Lambda function shares (docs/architectuur.md, "Adding a function"): its name as template.yaml gives it,
 * its clock, one JSON mapper, and the SnapStart priming steps it supplies itself.
 *
 * <p>A function is built two ways. Lambda calls its no-argument constructor once per execution environment, with
 * {@link AwsClients#lambda()}: then its {@link Priming} is registered for the snapshot. Tests, the local CLI and the
 * harnesses call its {@code static bouw(AwsClients, Clock)} with their own clients and clock. Subclasses:
 * {@link EventFunctie} for events, {@link ScanFunctie} for scheduled runs over due work, {@link UrlFunctie} for pages
 * behind a Lambda Function URL.
 */
public abstract sealed class Functie implements RequestStreamHandler permits EventFunctie, ScanFunctie, UrlFunctie {

    /** Thread-safe once configured; shared by every function in the execution environment. */
    protected static final ObjectMapper JSON = new ObjectMapper();

    private final String naam;
    private final Clock klok;
    private final Priming priming;

    /** @param priming read-only warm-up steps ({@link Priming}): never a write, a publish or a queue send */
    protected Functie(String naam, AwsClients aws, Clock klok, List<Priming.Stap> priming) {
        this.naam = naam;
        this.klok = klok;
        // Only Lambda's own instance takes part in the snapshot; it is held by the runtime, and so is its Priming.
        this.priming = aws.inLambda() ? Priming.registreer(naam, priming) : Priming.van(naam, priming);
    }

    /** The function's name in template.yaml, in logs and metrics. */
    public final String naam() {
        return naam;
    }

    public final Priming priming() {
        return priming;
    }

    protected final Clock klok() {
        return klok;
    }
}
