package nl.termijnwacht.benchmarks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import nl.termijnwacht.core.Aanvraag;
import nl.termijnwacht.core.Aanvulling;
import nl.termijnwacht.core.Beslistermijn;
import nl.termijnwacht.core.Kalender;
import nl.termijnwacht.core.Mijlpalen;
import nl.termijnwacht.core.Procedure;
import nl.termijnwacht.core.Termijnberekening;
import nl.termijnwacht.core.Verlenging;
import nl.termijnwacht.core.Zaakstatus;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of the termijn engine over a realistic, pre-generated mix of applications, cycled through
 * so that branch predictors and caches see varied input rather than one hot case.
 *
 * <p>The mix (fixed seed, {@value #AANTAL} applications): the three procedures (70% regulier, 10%
 * regulier-instemming, 20% uitgebreid), received on any day 2024–2030; 0–3 requests to supplement
 * (mostly supplemented within their term, some with the term passed or still running, a few without a
 * term); about a quarter with a verlenging of 6 weeks made known in time; one in eight with an
 * ingebrekestelling after the deadline (dwangsom running or owed), a few with a premature one, a few
 * withdrawn; most of the others decided (mostly in time). Each has its own peildatum between receipt
 * and well past the deadline; facts after the peildatum are left out, as they are not known yet then.
 * The setup prints the resulting mix of statuses.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(1)
public class TermijnberekeningBenchmark {

    /** Power of two, so the cursor wraps with a mask. */
    static final int AANTAL = 4096;
    private static final long SEED = 20240101L;
    private static final LocalDate EERSTE_ONTVANGST = LocalDate.of(2024, 1, 1);
    private static final int ONTVANGSTDAGEN = (int) (LocalDate.of(2031, 1, 1).toEpochDay() - EERSTE_ONTVANGST.toEpochDay());

    private Aanvraag[] aanvragen;
    private LocalDate[] peildata;
    private int cursor;

    @Setup(Level.Trial)
    public void genereer() {
        Mix mix = Mix.genereer(AANTAL, SEED);
        aanvragen = mix.aanvragen;
        peildata = mix.peildata;
        cursor = 0;
        System.out.println();
        System.out.println("# Mix: " + mix.beschrijving());
    }

    @Benchmark
    public void bereken(Blackhole bh) {
        int i = volgende();
        bh.consume(new Termijnberekening(Kalender.standaard()).bereken(aanvragen[i], peildata[i]));
    }

    @Benchmark
    public void berekenMetStappen(Blackhole bh) {
        int i = volgende();
        Beslistermijn termijn = new Termijnberekening(Kalender.standaard()).bereken(aanvragen[i], peildata[i]);
        bh.consume(termijn);
        bh.consume(termijn.stappen());
    }

    @Benchmark
    public void berekenMetMijlpalen(Blackhole bh) {
        int i = volgende();
        Beslistermijn termijn = new Termijnberekening(Kalender.standaard()).bereken(aanvragen[i], peildata[i]);
        bh.consume(termijn);
        bh.consume(Mijlpalen.voor(termijn, Mijlpalen.STANDAARD_WAARSCHUWINGEN));
    }

    private int volgende() {
        int i = cursor;
        cursor = (i + 1) & (AANTAL - 1);
        return i;
    }

    /** The pre-generated applications with their peildata; deterministic for a seed. */
    static final class Mix {
        final Aanvraag[] aanvragen;
        final LocalDate[] peildata;

        private Mix(int n) {
            aanvragen = new Aanvraag[n];
            peildata = new LocalDate[n];
        }

        static Mix genereer(int n, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            Termijnberekening berekening = new Termijnberekening(Kalender.standaard());
            Mix mix = new Mix(n);
            for (int i = 0; i < n; i++) {
                genereerEen(random, berekening, mix, i);
            }
            return mix;
        }

        private static void genereerEen(SplittableRandom r, Termijnberekening berekening, Mix mix, int i) {
            int p = r.nextInt(100);
            Procedure procedure = p < 70 ? Procedure.REGULIER : p < 80 ? Procedure.REGULIER_INSTEMMING : Procedure.UITGEBREID;
            LocalDate ontvangen = EERSTE_ONTVANGST.plusDays(r.nextInt(ONTVANGSTDAGEN));
            // The day we look at the zaak: anywhere from receipt to well past a 6-month term.
            LocalDate peildatum = ontvangen.plusDays(r.nextInt(260));
            boolean dwangsomzaak = r.nextInt(8) == 0;
            if (dwangsomzaak) {
                peildatum = ontvangen.plusDays(1000); // placeholder; set after the deadline is known
            }

            Aanvraag aanvraag = Aanvraag.van(procedure, ontvangen);
            int aantalAanvullingen = gewogen(r, 45, 30, 15, 10);
            LocalDate vanaf = ontvangen;
            for (int k = 0; k < aantalAanvullingen; k++) {
                LocalDate gevraagd = vanaf.plusDays(3 + r.nextInt(30));
                if (gevraagd.isAfter(peildatum)) {
                    break;
                }
                LocalDate aanvullenVoor = gevraagd.plusDays(14 + r.nextInt(29));
                int soort = r.nextInt(100);
                Aanvulling aanvulling;
                if (soort < 75 || dwangsomzaak && soort < 95) {
                    LocalDate aangevuld = gevraagd.plusDays(1 + r.nextInt((int) (aanvullenVoor.toEpochDay() - gevraagd.toEpochDay())));
                    aanvulling = new Aanvulling(gevraagd, aanvullenVoor, aangevuld.isAfter(peildatum) ? null : aangevuld, true);
                    vanaf = aangevuld;
                } else if (soort < 95) {
                    aanvulling = Aanvulling.gevraagd(gevraagd, aanvullenVoor); // term passes unused, or still running
                    vanaf = aanvullenVoor;
                } else {
                    LocalDate aangevuld = gevraagd.plusDays(5 + r.nextInt(30));
                    aanvulling = Aanvulling.zonderTermijn(gevraagd, aangevuld.isAfter(peildatum) ? null : aangevuld);
                    vanaf = aangevuld;
                }
                aanvraag = aanvraag.metAanvulling(aanvulling);
            }
            if (r.nextInt(4) == 0) {
                // Made known within 8 weeks of receipt: in time for every procedure.
                LocalDate bekendgemaakt = ontvangen.plusDays(14 + r.nextInt(43));
                if (!bekendgemaakt.isAfter(peildatum)) {
                    aanvraag = aanvraag.metVerlenging(Verlenging.van("P6W", bekendgemaakt));
                }
            }

            Beslistermijn termijn = berekening.bereken(aanvraag, peildatum);
            LocalDate uiterste = termijn.uitersteBeslisdatum();
            if (dwangsomzaak) {
                LocalDate ingebrekestelling = uiterste.plusDays(1 + r.nextInt(21));
                peildatum = ingebrekestelling.plusDays(r.nextInt(70));
                aanvraag = aanvraag.metIngebrekestelling(ingebrekestelling);
                if (r.nextInt(3) == 0) {
                    aanvraag = aanvraag.metBesluit(ingebrekestelling.plusDays(5 + r.nextInt(60)));
                    if (aanvraag.besluit().isAfter(peildatum)) {
                        aanvraag = aanvraag.metBesluit(null);
                    }
                }
            } else {
                int s = r.nextInt(100);
                if (s < 80) {
                    // Most zaken are decided, mostly in time; known once the peildatum has reached it.
                    LocalDate besluit = ontvangen.plusDays(20 + r.nextInt((int) (uiterste.toEpochDay() - ontvangen.toEpochDay()) + 10));
                    if (!besluit.isAfter(peildatum)) {
                        aanvraag = aanvraag.metBesluit(besluit);
                    }
                } else if (s < 82) {
                    LocalDate ingetrokken = ontvangen.plusDays(1 + r.nextInt(60));
                    if (!ingetrokken.isAfter(peildatum)) {
                        aanvraag = aanvraag.metIngetrokken(ingetrokken);
                    }
                } else if (s < 86) {
                    LocalDate voorbarig = ontvangen.plusDays(20 + r.nextInt((int) (uiterste.toEpochDay() - ontvangen.toEpochDay()) - 19));
                    if (!voorbarig.isAfter(peildatum)) {
                        aanvraag = aanvraag.metIngebrekestelling(voorbarig);
                    }
                }
            }
            // The peildatum cannot lie before a given fact (a dwangsom zaak's was moved after the facts were drawn).
            if (aanvraag.laatsteFeit().datum().isAfter(peildatum)) {
                peildatum = aanvraag.laatsteFeit().datum();
            }
            // Every generated case must be valid input: bereken throws on anything else.
            termijn = berekening.bereken(aanvraag, peildatum);
            if (dwangsomzaak && termijn.dwangsom() == null) {
                throw new IllegalStateException("generator: ingebrekestelling not after the deadline for " + aanvraag);
            }
            mix.aanvragen[i] = aanvraag;
            mix.peildata[i] = peildatum;
        }

        private static int gewogen(SplittableRandom r, int... gewichten) {
            int totaal = 0;
            for (int g : gewichten) {
                totaal += g;
            }
            int x = r.nextInt(totaal);
            for (int k = 0; k < gewichten.length; k++) {
                x -= gewichten[k];
                if (x < 0) {
                    return k;
                }
            }
            throw new AssertionError();
        }

        String beschrijving() {
            Termijnberekening berekening = new Termijnberekening(Kalender.standaard());
            Map<Procedure, Integer> procedures = new EnumMap<>(Procedure.class);
            Map<Zaakstatus, Integer> statussen = new EnumMap<>(Zaakstatus.class);
            int[] aanvullingen = new int[4];
            int verlengd = 0;
            int dwangsom = 0;
            int voorbarig = 0;
            int onzeker = 0;
            for (int i = 0; i < aanvragen.length; i++) {
                Aanvraag a = aanvragen[i];
                Beslistermijn t = berekening.bereken(a, peildata[i]);
                procedures.merge(a.procedure(), 1, Integer::sum);
                statussen.merge(t.status(), 1, Integer::sum);
                aanvullingen[a.aanvullingen().size()]++;
                verlengd += t.verlenging() != null ? 1 : 0;
                dwangsom += t.dwangsom() != null ? 1 : 0;
                voorbarig += t.voorbarigeIngebrekestelling() != null ? 1 : 0;
                onzeker += t.onzekerheden().isEmpty() ? 0 : 1;
            }
            List<String> delen = new ArrayList<>();
            delen.add(aanvragen.length + " aanvragen " + procedures);
            delen.add("aanvullingen 0/1/2/3=" + aanvullingen[0] + "/" + aanvullingen[1] + "/" + aanvullingen[2] + "/" + aanvullingen[3]);
            delen.add("verlengd=" + verlengd);
            delen.add("dwangsom=" + dwangsom);
            delen.add("voorbarige ingebrekestelling=" + voorbarig);
            delen.add("met onzekerheid=" + onzeker);
            delen.add("status " + statussen);
            return String.join(", ", delen);
        }
    }
}
