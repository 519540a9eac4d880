package nl.termijnwacht.core;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The facts of one zaak, keyed by event id, and what follows from them. Facts are applied in
 * (datum, id) order, so the order in which events arrive does not matter.
 */
public record Zaakdossier(String gemeente, String zaak, Map<String, Feit> feiten) {

    /** CBS gemeente code, e.g. GM0363. */
    public static final Pattern GEMEENTECODE = Pattern.compile("GM\\d{4}");
    /** A zaak reference: no spaces or personal data, bounded. */
    public static final Pattern ZAAKREFERENTIE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,79}");

    private static final Comparator<Feit> VOLGORDE = Comparator.comparing(Feit::datum).thenComparing(Feit::id);

    public Zaakdossier {
        if (!GEMEENTECODE.matcher(Objects.requireNonNull(gemeente)).matches()) {
            throw new OngeldigeInvoer("gemeente", "'" + gemeente + "' is geen CBS-gemeentecode (verwacht GM gevolgd door vier cijfers, bijv. GM0363)");
        }
        if (!ZAAKREFERENTIE.matcher(Objects.requireNonNull(zaak)).matches()) {
            throw new OngeldigeInvoer("zaak", "zaakreferentie moet 1–80 tekens zijn: letters, cijfers en . _ : / -");
        }
        feiten = Map.copyOf(feiten);
    }

    public static Zaakdossier leeg(String gemeente, String zaak) {
        return new Zaakdossier(gemeente, zaak, Map.of());
    }

    public boolean kent(String eventId) {
        return feiten.containsKey(eventId);
    }

    /** This dossier plus {@code feit}; the same dossier when that event was already applied. */
    public Zaakdossier met(Feit feit) {
        if (kent(feit.id())) {
            return this;
        }
        Map<String, Feit> nieuw = new LinkedHashMap<>(feiten);
        nieuw.put(feit.id(), feit);
        return new Zaakdossier(gemeente, zaak, nieuw);
    }

    /** The facts in the order they are applied. */
    public List<Feit> chronologisch() {
        List<Feit> lijst = new ArrayList<>(feiten.values());
        lijst.sort(VOLGORDE);
        return lijst;
    }

    /**
     * The application as the facts describe it; empty while the receipt itself has not been told
     * (an out-of-order event arrived first).
     *
     * @throws OngeldigeInvoer when two facts contradict each other (received twice with other data)
     */
    public Optional<Aanvraag> aanvraag() {
        List<Feit> lijst = chronologisch();
        Feit.AanvraagOntvangen ontvangst = null;
        for (Feit f : lijst) {
            if (f instanceof Feit.AanvraagOntvangen o) {
                if (ontvangst != null && (o.procedure() != ontvangst.procedure() || !o.datum().equals(ontvangst.datum()))) {
                    throw new OngeldigeInvoer("ontvangen", "zaak " + zaak + " is al ontvangen op " + ontvangst.datum() + " ("
                            + ontvangst.procedure().code() + "); een tweede ontvangst met andere gegevens wordt niet verwerkt");
                }
                ontvangst = ontvangst == null ? o : ontvangst;
            }
        }
        if (ontvangst == null) {
            return Optional.empty();
        }
        Aanvraag a = Aanvraag.van(ontvangst.procedure(), ontvangst.datum());
        List<Aanvulling> aanvullingen = new ArrayList<>();
        for (Feit f : lijst) {
            switch (f) {
                case Feit.AanvraagOntvangen o -> { }
                case Feit.AanvullingGevraagd g -> aanvullingen.add(g.aanvullenVoor() == null
                        ? Aanvulling.zonderTermijn(g.datum(), null)
                        : Aanvulling.gevraagd(g.datum(), g.aanvullenVoor()));
                case Feit.AanvullingOntvangen o -> koppel(aanvullingen, o.datum());
                case Feit.OpschortingMetInstemming i -> a = a.metInstemming(new Instemming(i.datum(), i.dagen()));
                case Feit.TermijnVerlengd v -> a = a.metVerlenging(v.verlenging());
                case Feit.IngebrekestellingOntvangen i -> a = a.metIngebrekestelling(i.datum());
                case Feit.BesluitBekendgemaakt b -> a = a.besluit() == null ? a.metBesluit(b.datum()) : a;
                case Feit.AanvraagIngetrokken i -> a = a.ingetrokken() == null ? a.metIngetrokken(i.datum()) : a;
            }
        }
        for (Aanvulling aanvulling : aanvullingen) {
            a = a.metAanvulling(aanvulling);
        }
        return Optional.of(a);
    }

    /** A fact that cannot stand next to the facts told before it (in date order), with the reason. */
    public record Afgewezen(Feit feit, OngeldigeInvoer reden) {
    }

    /** The facts that stand, and those that do not. */
    public record Toetsing(Zaakdossier dossier, List<Afgewezen> afgewezen) {
    }

    /**
     * Replays the facts in (datum, id) order and keeps each one only if the termijn still computes with
     * it. The outcome depends on the set of facts, not on the order they arrived in: a verlenging told
     * before the receipt is checked as soon as the receipt is known, and a second verlenging is the
     * later one, whichever arrived first.
     */
    public Toetsing toets(Termijnberekening berekening, LocalDate peildatum) {
        Zaakdossier geldig = leeg(gemeente, zaak);
        List<Afgewezen> afgewezen = new ArrayList<>();
        for (Feit f : chronologisch()) {
            Zaakdossier kandidaat = geldig.met(f);
            try {
                kandidaat.aanvraag().ifPresent(a -> berekening.bereken(a, peildatum));
                geldig = kandidaat;
            } catch (OngeldigeInvoer reden) {
                afgewezen.add(new Afgewezen(f, reden));
            }
        }
        return new Toetsing(geldig, List.copyOf(afgewezen));
    }

    /** A supplement answers the latest request sent on or before it that is still open; without one it waits. */
    private static void koppel(List<Aanvulling> aanvullingen, LocalDate datum) {
        for (int i = aanvullingen.size() - 1; i >= 0; i--) {
            Aanvulling a = aanvullingen.get(i);
            if (a.aangevuld() == null && !a.gevraagd().isAfter(datum)) {
                aanvullingen.set(i, a.metAangevuld(datum));
                return;
            }
        }
    }
}
