package nl.termijnwacht.aws;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.termijnwacht.core.Escalatie;
import nl.termijnwacht.core.Escalatietelling;
import nl.termijnwacht.core.Isoweek;
import nl.termijnwacht.core.Tellerstand;
import nl.termijnwacht.core.Termijnberekening;
import nl.termijnwacht.core.Zaaktelling;

/**
 * The proof that the counters are right (docs/rapportage.md, "Recount"): counts every zaak of a gemeente again from
 * its facts (a Query on the gemeente's key, never a Scan) and every open escalation item (the due index), and
 * compares with the counters. Each difference is reported; none is repaired silently.
 */
public final class Hertelling {

    /** One counter that differs: what the counters hold and what the zaken or items say. */
    public record Verschil(String scope, String teller, long tellers, long hertelling) {
    }

    private final ZaakRepository zaken;
    private final EscalatieRepository escalaties;
    private final Tellers tellers;
    private final Termijnberekening berekening;
    private final Ladders ladders;

    public Hertelling(ZaakRepository zaken, EscalatieRepository escalaties, Tellers tellers, Termijnberekening berekening, Ladders ladders) {
        this.zaken = zaken;
        this.escalaties = escalaties;
        this.tellers = tellers;
        this.berekening = berekening;
        this.ladders = ladders;
    }

    public static Hertelling van(AwsClients aws, com.fasterxml.jackson.databind.ObjectMapper json) {
        return new Hertelling(ZaakRepository.van(aws, json), EscalatieRepository.van(aws), Tellers.van(aws),
                new Termijnberekening(aws.omgeving().kalender()), Ladders.uitJar(aws.omgeving().stage()));
    }

    /**
     * @param gemeenten the gemeenten whose zaken to count; empty: every gemeente the counters know
     * @return every difference, by scope and counter; empty when the counters match the facts
     */
    public List<Verschil> vergelijk(Collection<String> gemeenten) {
        Map<String, Tellers.Stand> standen = tellers.lees();
        List<Verschil> verschillen = new ArrayList<>();
        TreeSet<String> te = new TreeSet<>(gemeenten.isEmpty() ? standen.keySet() : gemeenten);
        te.remove(Tellers.LANDELIJK);
        for (String gemeente : te) {
            Tellerstand zakenGeteld = new Tellerstand();
            zaken.perGemeente(gemeente, z -> zakenGeteld.tel(Zaaktelling.van(z.dossier(), berekening)));
            Tellerstand geteld = zakenGeteld;
            Tellers.Stand s = standen.get(gemeente);
            Tellerstand opgeslagen = s == null ? new Tellerstand() : s.zaken();
            if (s != null && s.ingedikt() != null) {
                Isoweek grens = Isoweek.lees(s.ingedikt());
                opgeslagen = opgeslagen.ingedikt(grens);
                geteld = geteld.ingedikt(grens);
            }
            vergelijk(gemeente, opgeslagen.tellers(), geteld.tellers(), verschillen);
        }
        // escalations: every open item is in the due index
        Map<String, Map<String, Long>> aantallen = new TreeMap<>();
        Map<String, Map<String, Long>> boven = new TreeMap<>();
        for (EscalatieRepository.Opgeslagen o : escalaties.inIndex()) {
            Escalatie e = o.escalatie();
            Escalatietelling t = Escalatietelling.van(e, ladders.ladder(e.ladder(), e.gemeente(), e.stand().geopend()).top());
            if (t.teller() != null) {
                aantallen.computeIfAbsent(t.scope(), k -> new TreeMap<>()).merge(t.teller(), 1L, Long::sum);
            }
            if (t.bovenaan() != null) {
                boven.computeIfAbsent(t.scope(), k -> new TreeMap<>()).put(Tellers.TOP + e.id() + "=" + t.bovenaan(), 1L);
            }
        }
        TreeSet<String> scopes = new TreeSet<>(aantallen.keySet());
        standen.forEach((k, s) -> {
            if (!s.escalaties().isEmpty() || !s.bovenaan().isEmpty()) {
                scopes.add(k);
            }
        });
        for (String scope : scopes) {
            if (!gemeenten.isEmpty() && !gemeenten.contains(scope)) {
                continue;
            }
            Tellers.Stand s = standen.get(scope);
            vergelijk(scope, s == null ? Map.of() : s.escalaties(), aantallen.getOrDefault(scope, Map.of()), verschillen);
            Map<String, Long> opgeslagenBoven = new TreeMap<>();
            if (s != null) {
                s.bovenaan().forEach((id, v) -> opgeslagenBoven.put(Tellers.TOP + id + "=" + v, 1L));
            }
            vergelijk(scope, opgeslagenBoven, boven.getOrDefault(scope, Map.of()), verschillen);
        }
        return verschillen;
    }

    /**
     * Counts the zaken of {@code gemeente} that were stored before the counters existed: each is stored again as a
     * zaak event would store it (version-checked, its entries added in the same transaction). Safe to repeat: a
     * counted zaak is never counted again.
     *
     * @return the number of zaken counted now
     */
    public int vulAan(String gemeente, nl.termijnwacht.core.Zaakstand.Instellingen instellingen, java.time.Instant nu) {
        int[] geteld = {0};
        zaken.nietGeteld(gemeente, gelezen -> Versieconflict.herhaal(gelezen,
                () -> zaken.lees(gelezen.dossier().gemeente(), gelezen.dossier().zaak()).orElse(null), zaak -> {
                    if (zaak == null || !zaak.telling().isLeeg()) {
                        return null;
                    }
                    try {
                        var stand = nl.termijnwacht.core.Zaakstand.bepaal(zaak.dossier(), zaak.verzonden(), nu, instellingen);
                        zaken.bewaar(zaak, stand.termijn(), stand.telling(), stand.volgendMoment(nu), nu);
                    } catch (nl.termijnwacht.core.OngeldigeInvoer onberekenbaar) {
                        zaken.bewaar(zaak, null, Zaaktelling.van(zaak.dossier(), berekening), null, nu);
                    }
                    geteld[0]++;
                    return null;
                }));
        return geteld[0];
    }

    private static void vergelijk(String scope, Map<String, Long> opgeslagen, Map<String, Long> geteld, List<Verschil> uit) {
        TreeSet<String> sleutels = new TreeSet<>(opgeslagen.keySet());
        sleutels.addAll(geteld.keySet());
        for (String k : sleutels) {
            long a = opgeslagen.getOrDefault(k, 0L);
            long b = geteld.getOrDefault(k, 0L);
            if (a != b) {
                uit.add(new Verschil(scope, k, a, b));
            }
        }
    }
}
