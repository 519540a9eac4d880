package nl.termijnwacht.core;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The facts of one application that decide its beslistermijn: what was received when, and what
 * happened since. Immutable; the {@code met…} methods return a copy with one more fact.
 *
 * @param ingebrekestellingen days written notices of default were received (Awb 4:17)
 * @param besluit             day the decision was made known, or null
 * @param ingetrokken         day the application was withdrawn, or null
 */
public record Aanvraag(
        Procedure procedure,
        LocalDate ontvangen,
        List<Aanvulling> aanvullingen,
        List<Instemming> instemmingen,
        List<Verlenging> verlengingen,
        List<LocalDate> ingebrekestellingen,
        LocalDate besluit,
        LocalDate ingetrokken) {

    public Aanvraag {
        Objects.requireNonNull(procedure, "procedure");
        Objects.requireNonNull(ontvangen, "ontvangen");
        aanvullingen = List.copyOf(aanvullingen);
        instemmingen = List.copyOf(instemmingen);
        verlengingen = List.copyOf(verlengingen);
        ingebrekestellingen = List.copyOf(ingebrekestellingen);
    }

    public static Aanvraag van(Procedure procedure, LocalDate ontvangen) {
        return new Aanvraag(procedure, ontvangen, List.of(), List.of(), List.of(), List.of(), null, null);
    }

    public Aanvraag metAanvulling(Aanvulling aanvulling) {
        return new Aanvraag(procedure, ontvangen, plus(aanvullingen, aanvulling), instemmingen, verlengingen,
                ingebrekestellingen, besluit, ingetrokken);
    }

    public Aanvraag metInstemming(Instemming instemming) {
        return new Aanvraag(procedure, ontvangen, aanvullingen, plus(instemmingen, instemming), verlengingen,
                ingebrekestellingen, besluit, ingetrokken);
    }

    public Aanvraag metVerlenging(Verlenging verlenging) {
        return new Aanvraag(procedure, ontvangen, aanvullingen, instemmingen, plus(verlengingen, verlenging),
                ingebrekestellingen, besluit, ingetrokken);
    }

    public Aanvraag metIngebrekestelling(LocalDate datum) {
        return new Aanvraag(procedure, ontvangen, aanvullingen, instemmingen, verlengingen,
                plus(ingebrekestellingen, datum), besluit, ingetrokken);
    }

    public Aanvraag metBesluit(LocalDate datum) {
        return new Aanvraag(procedure, ontvangen, aanvullingen, instemmingen, verlengingen, ingebrekestellingen, datum, ingetrokken);
    }

    public Aanvraag metIngetrokken(LocalDate datum) {
        return new Aanvraag(procedure, ontvangen, aanvullingen, instemmingen, verlengingen, ingebrekestellingen, besluit, datum);
    }

    /** The latest fact given and what it is (for messages), starting from the receipt. */
    public record LaatsteFeit(String wat, LocalDate datum) {
        LaatsteFeit of(String ander, LocalDate anderDatum) {
            return anderDatum != null && anderDatum.isAfter(datum) ? new LaatsteFeit(ander, anderDatum) : this;
        }
    }

    /** The latest date among the facts (not a term for supplementing, which lies ahead): a peildatum cannot lie before it. */
    public LaatsteFeit laatsteFeit() {
        LaatsteFeit l = new LaatsteFeit("de ontvangst van de aanvraag", ontvangen);
        for (Aanvulling a : aanvullingen) {
            l = l.of("het verzoek om aanvulling", a.gevraagd()).of("de aanvulling", a.aangevuld());
        }
        for (Instemming i : instemmingen) {
            l = l.of("de opschorting met instemming", i.datum());
        }
        for (Verlenging v : verlengingen) {
            l = l.of("de bekendmaking van de verlenging", v.bekendgemaakt());
        }
        for (LocalDate i : ingebrekestellingen) {
            l = l.of("de ingebrekestelling", i);
        }
        return l.of("het besluit", besluit).of("de intrekking", ingetrokken);
    }

    /** Does every fact lie on or before {@code dag}? (The cheap check; {@link #laatsteFeit()} names the culprit.) */
    public boolean allesOpOfVoor(LocalDate dag) {
        if (ontvangen.isAfter(dag) || besluit != null && besluit.isAfter(dag) || ingetrokken != null && ingetrokken.isAfter(dag)) {
            return false;
        }
        for (Aanvulling a : aanvullingen) {
            if (a.gevraagd().isAfter(dag) || a.aangevuld() != null && a.aangevuld().isAfter(dag)) {
                return false;
            }
        }
        for (Instemming i : instemmingen) {
            if (i.datum() != null && i.datum().isAfter(dag)) {
                return false;
            }
        }
        for (Verlenging v : verlengingen) {
            if (v.bekendgemaakt().isAfter(dag)) {
                return false;
            }
        }
        for (LocalDate i : ingebrekestellingen) {
            if (i.isAfter(dag)) {
                return false;
            }
        }
        return true;
    }

    private static <T> List<T> plus(List<T> lijst, T element) {
        List<T> kopie = new ArrayList<>(lijst.size() + 1);
        kopie.addAll(lijst);
        kopie.add(Objects.requireNonNull(element));
        return kopie;
    }
}
