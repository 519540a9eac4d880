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

    private static <T> List<T> plus(List<T> lijst, T element) {
        List<T> kopie = new ArrayList<>(lijst.size() + 1);
        kopie.addAll(lijst);
        kopie.add(Objects.requireNonNull(element));
        return kopie;
    }
}
