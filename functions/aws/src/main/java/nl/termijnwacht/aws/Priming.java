package nl.termijnwacht.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import nl.termijnwacht.core.Termijnberekening;
import nl.termijnwacht.core.Zaakdossier;
import nl.termijnwacht.core.Zaakstand;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming (the pattern of AWS Lambda Powertools): a CRaC {@link Resource} whose
 * {@link #beforeCheckpoint} runs the function's read-only paths once before Lambda takes the snapshot, so the
 * first invocation after a restore does not pay for class loading and the first compilations of the JSON
 * mapping, the termijn engine and the SDK's marshalling, signing and HTTP path.
 *
 * <p>Each function supplies its own steps (its handler's constructor). What a step may do: read (a GetItem of the
 * key {@value #SLEUTEL}, which no zaak or escalatie can have: references start with a letter or digit; the
 * repositories' {@code primeer}), parse a built-in example event through the real parsing
 * code ({@link Eventinvoer}, {@link ZaakEvents}) and compute its {@link Zaakstand} in memory. Never a write, a
 * publish or a queue send (PrimingTest checks the emulator afterwards). A failing step is logged and skipped:
 * priming must never make a snapshot, and so a deployment, fail.
 *
 * <p>{@link #afterRestore}: nothing of ours must be re-created. The SDK clients hold no connection of their
 * own: {@code UrlConnectionHttpClient} keeps idle sockets in the JDK's keep-alive cache, which drops an entry
 * once its idle time on the wall clock passes the keep-alive timeout (seconds), so a socket from before the
 * snapshot is never reused after a restore (and a failed reuse is retried by the JDK and the SDK). Credentials
 * come from the default chain, which in a restored SnapStart environment finds the container credentials
 * ({@link AwsClients}). {@code java.security.SecureRandom} (the SDK's invocation ids) is reseeded by the Lambda
 * runtime on restore. The hook only counts restores, for the log.
 *
 * <p>Without {@code jdk.crac} (a plain JDK, the tests) {@code org.crac} gives a global context that never
 * checkpoints, so registering is harmless; tests call {@link #beforeCheckpoint} directly.
 */
public final class Priming implements Resource {

    /** The key no real item has: priming reads it and finds nothing. */
    public static final String SLEUTEL = "__priming__";

    /** The gemeente of the key no zaak has. */
    static final String GEMEENTE = "GM0000";

    /** An AanvraagOntvangen as EventBridge delivers it; never stored, only parsed and computed. */
    private static final String VOORBEELD = """
            {"version":"0","id":"priming-0000-0000-0000-000000000000","detail-type":"AanvraagOntvangen",\
            "source":"termijnwacht.zaken","account":"000000000000","time":"2026-03-02T09:12:00Z","region":"eu-west-1",\
            "resources":[],"detail":{"gemeente":"GM0000","zaak":"priming-0","procedure":"regulier","ontvangen":"2026-03-02"}}""";

    /** One read-only step; may throw, the others still run. */
    @FunctionalInterface
    public interface Stap {
        void voerUit() throws Exception;
    }

    private final String functie;
    private final List<Stap> stappen;
    private volatile int geslaagd;
    private volatile int herstellingen;

    private Priming(String functie, List<Stap> stappen) {
        this.functie = functie;
        this.stappen = List.copyOf(stappen);
    }

    /** The steps alone, not registered (tests, or a caller that registers itself). */
    public static Priming van(String functie, List<Stap> stappen) {
        return new Priming(functie, stappen);
    }

    /**
     * Registers with the global CRaC context. Keep the result in a static field of the handler: the context
     * may hold its resources weakly.
     */
    public static Priming registreer(String functie, List<Stap> stappen) {
        Priming p = new Priming(functie, stappen);
        Core.getGlobalContext().register(p);
        return p;
    }

    /** The step every function can use: the example event through the functions' own parsing and the termijn engine, in memory. */
    public static Stap termijnEngine(Omgeving omgeving) {
        return () -> zaakstand(new ObjectMapper(), omgeving.instellingen());
    }

    /** Parses the example event with the functions' own code and computes its Zaakstand, all in memory. */
    static Zaakstand zaakstand(ObjectMapper json, Zaakstand.Instellingen instellingen) throws Exception {
        Eventinvoer invoer = Eventinvoer.lees(new ByteArrayInputStream(VOORBEELD.getBytes(StandardCharsets.UTF_8)), json);
        if (invoer.fout() != null) {
            throw new IllegalStateException("voorbeeld-event onleesbaar: " + invoer.fout().reden());
        }
        LocalDate vandaag = LocalDate.of(2026, 3, 20);
        ZaakEvents.ZaakEvent e = new ZaakEvents(json).lees(invoer.event(), vandaag);
        Zaakdossier dossier = Zaakdossier.leeg(e.gemeente(), e.zaak())
                .voegToe(e.feit(), new Termijnberekening(instellingen.kalender()), vandaag).dossier();
        Zaakstand stand = Zaakstand.bepaal(dossier, Set.of(), Instant.parse("2026-03-20T10:00:00Z"), instellingen);
        json.writeValueAsBytes(json.createObjectNode().put("zaak", e.zaak()).put("termijn", String.valueOf(stand.termijn())));
        return stand;
    }

    /** Runs every step once; what fails is logged (stderr, so CloudWatch) and skipped. */
    public void prime() {
        long begin = System.nanoTime();
        int goed = 0;
        for (Stap stap : stappen) {
            try {
                stap.voerUit();
                goed++;
            } catch (Exception | LinkageError e) {
                System.err.println("priming " + functie + ": stap overgeslagen: " + e);
            }
        }
        geslaagd = goed;
        System.err.printf("priming %s: %d/%d stappen in %d ms%n", functie, goed, stappen.size(), (System.nanoTime() - begin) / 1_000_000);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        herstellingen++;
    }

    /** Steps that succeeded in the last {@link #prime()}. */
    public int geslaagd() {
        return geslaagd;
    }

    public int stappen() {
        return stappen.size();
    }

    public int herstellingen() {
        return herstellingen;
    }
}
