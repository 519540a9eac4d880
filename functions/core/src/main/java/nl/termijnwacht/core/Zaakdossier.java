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
 * (datum, id) order. A fact once accepted is never thrown out by a later event: a newcomer that
 * contradicts the dossier is the one refused (see {@link #voegToe}).
 *
 * <p>The constructor does not judge the key or the facts: a stored dossier was accepted once and must
 * stay readable when the input rules are tightened. Input goes through {@link #toetsSleutel} and {@link #voegToe}.
 */
public record Zaakdossier(String gemeente, String zaak, Map<String, Feit> feiten) {

    /** CBS gemeente code, e.g. GM0363. */
    public static final Pattern GEMEENTECODE = Pattern.compile("GM\\d{4}");
    /** A zaak reference: no spaces, bounded; see {@link #toetsSleutel} for what else is refused. */
    public static final Pattern ZAAKREFERENTIE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,79}");
    private static final Pattern SCHEIDING = Pattern.compile("[._:/-]");
    /** 06…, also with the country code: 0031 6…, 31 6…. */
    private static final Pattern MOBIEL_NUMMER = Pattern.compile("(?:0031|31)?0?6\\d{8}");
    private static final Pattern CIJFERSCHEIDING = Pattern.compile("(?<=\\d)[._:/-](?=\\d)");
    private static final Pattern POSTCODE = Pattern.compile("[1-9]\\d{3}[A-Za-z]{2}");

    private static final Comparator<Feit> VOLGORDE = Comparator.comparing(Feit::datum).thenComparing(Feit::id);

    public Zaakdossier {
        Objects.requireNonNull(gemeente);
        Objects.requireNonNull(zaak);
        feiten = Map.copyOf(feiten);
    }

    public static Zaakdossier leeg(String gemeente, String zaak) {
        return new Zaakdossier(gemeente, zaak, Map.of());
    }

    /**
     * The rules for a key given as input (docs/architectuur.md, "Zaakreferentie"). A reference becomes a
     * table key and appears in every notification, so it must not carry personal data: it needs a digit
     * (letters alone look like a name, e.g. {@code Jan.Jansen}), and no part of it may be a BSN (nine digits
     * passing the elfproef) or a mobile number. ZGW identificaties such as {@code ZAAK-2026-0000123} pass.
     *
     * @throws OngeldigeInvoer with field {@code gemeente} or {@code zaak}; the reason never quotes the reference
     */
    public static void toetsSleutel(String gemeente, String zaak) {
        if (!GEMEENTECODE.matcher(gemeente).matches()) {
            throw new OngeldigeInvoer("gemeente", OngeldigeInvoer.citaat(gemeente) + " is geen CBS-gemeentecode (verwacht GM gevolgd door vier cijfers, bijv. GM0363)");
        }
        if (!ZAAKREFERENTIE.matcher(zaak).matches()) {
            throw new OngeldigeInvoer("zaak", "zaakreferentie moet 1–80 tekens zijn: letters, cijfers en . _ : / -");
        }
        if (zaak.chars().noneMatch(Character::isDigit)) {
            throw new OngeldigeInvoer("zaak", "zaakreferentie zonder cijfer lijkt op een naam; gebruik het zaaknummer (bijv. ZAAK-2026-0000123)");
        }
        // digits split by a separator are read as one number: 123.456.782 is a BSN, 06-1234-5678 a mobile number
        for (String deel : SCHEIDING.split(CIJFERSCHEIDING.matcher(zaak).replaceAll(""))) {
            if (isBsn(deel)) {
                throw new OngeldigeInvoer("zaak", "zaakreferentie bevat een getal van negen cijfers dat de elfproef haalt (een mogelijk BSN)");
            }
            if (MOBIEL_NUMMER.matcher(deel).matches()) {
                throw new OngeldigeInvoer("zaak", "zaakreferentie bevat een mobiel telefoonnummer");
            }
        }
        for (String deel : SCHEIDING.split(zaak)) {
            if (POSTCODE.matcher(deel).matches()) {
                throw new OngeldigeInvoer("zaak", "zaakreferentie bevat een postcode (een adres)");
            }
        }
    }

    /** Nine digits, not all zero, passing the elfproef: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11. */
    static boolean isBsn(String deel) {
        if (deel.length() != 9 || deel.chars().anyMatch(c -> c < '0' || c > '9') || deel.equals("000000000")) {
            return false;
        }
        int som = 0;
        for (int i = 0; i < 8; i++) {
            som += (9 - i) * (deel.charAt(i) - '0');
        }
        som -= deel.charAt(8) - '0';
        return som % 11 == 0;
    }

    public boolean kent(String eventId) {
        return feiten.containsKey(eventId);
    }

    /** This dossier plus {@code feit}, unchecked (input goes through {@link #voegToe}); the same dossier when that event id is known. */
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

    /** The besluit or withdrawal that ended the zaak, if it has one: it also solves the zaak's escalation item. */
    public Optional<Feit> afsluiting() {
        return feiten.values().stream()
                .filter(f -> f.soort() == Feitsoort.BESLUIT_BEKENDGEMAAKT || f.soort() == Feitsoort.AANVRAAG_INGETROKKEN)
                .min(VOLGORDE);
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

    /** A fact that was kept before the receipt was known and does not stand next to it, with the reason. */
    public record Afgewezen(Feit feit, OngeldigeInvoer reden) {
    }

    /**
     * The outcome of adding a fact.
     *
     * @param dossier   the dossier to store (unchanged for a duplicate)
     * @param duplicaat the fact was known already (same id, or the same content under another id)
     * @param afgewezen facts told before the receipt that the receipt, now known, shows to be wrong: they leave the dossier
     */
    public record Toevoeging(Zaakdossier dossier, boolean duplicaat, List<Afgewezen> afgewezen) {
    }

    /**
     * Adds one reported fact (docs/architectuur.md, "Facts in, state derived"). Accepted facts stay: the newcomer is checked against them
     * and refused when it contradicts them. A fact told before the receipt is kept unchecked; when the
     * receipt arrives it stands, and the facts kept so far are checked against it in date order, one by one.
     *
     * @param peildatum the day the fact is processed
     * @throws OngeldigeInvoer when the newcomer is refused: the field and the reason
     */
    public Toevoeging voegToe(Feit nieuw, Termijnberekening berekening, LocalDate peildatum) {
        Feit bekend = feiten.get(nieuw.id());
        if (bekend != null) {
            if (bekend.inhoud().equals(nieuw.inhoud())) {
                return new Toevoeging(this, true, List.of());
            }
            throw new OngeldigeInvoer("id", "dit event-id is al gebruikt voor een ander feit van deze zaak (" + bekend.soort().detailType()
                    + "); een hergebruikt id met andere inhoud wordt niet verwerkt");
        }
        for (Feit f : feiten.values()) {
            if (f.inhoud().equals(nieuw.inhoud())) {
                return new Toevoeging(this, true, List.of());
            }
        }
        if (feiten.size() >= Grenzen.MAX_FEITEN && !nieuw.soort().sluitZaakAf()) {
            throw new OngeldigeInvoer("zaak", "zaak " + zaak + " heeft het maximum van " + Grenzen.MAX_FEITEN
                    + " feiten bereikt; alleen een besluit of intrekking wordt nog verwerkt");
        }
        for (Feit f : feiten.values()) {
            if (f.soort() == nieuw.soort() && (nieuw.soort().sluitZaakAf() || nieuw.soort() == Feitsoort.AANVRAAG_ONTVANGEN)) {
                throw new OngeldigeInvoer(nieuw.soort() == Feitsoort.AANVRAAG_ONTVANGEN ? "ontvangen" : "datum", "zaak " + zaak + " heeft al "
                        + switch (nieuw.soort()) {
                            case AANVRAAG_ONTVANGEN -> "een ontvangst";
                            case BESLUIT_BEKENDGEMAAKT -> "een besluit";
                            default -> "een intrekking";
                        } + " (" + f.inhoud().substring(f.inhoud().indexOf('|') + 1) + "); een tweede met andere gegevens wordt niet verwerkt");
            }
        }
        boolean ontvangstBekend = feiten.values().stream().anyMatch(f -> f.soort() == Feitsoort.AANVRAAG_ONTVANGEN);
        if (!ontvangstBekend && nieuw.soort() != Feitsoort.AANVRAAG_ONTVANGEN) {
            return new Toevoeging(met(nieuw), false, List.of()); // checked once the receipt is known
        }
        if (!ontvangstBekend) {
            Zaakdossier geldig = leeg(gemeente, zaak).met(nieuw);
            geldig.bereken(berekening, peildatum); // a receipt that cannot stand on its own (e.g. Wabo) is refused
            List<Afgewezen> afgewezen = new ArrayList<>();
            for (Feit f : chronologisch()) {
                Zaakdossier kandidaat = geldig.met(f);
                try {
                    kandidaat.bereken(berekening, peildatum);
                    geldig = kandidaat;
                } catch (OngeldigeInvoer reden) {
                    afgewezen.add(new Afgewezen(f, reden));
                }
            }
            return new Toevoeging(geldig, false, List.copyOf(afgewezen));
        }
        Zaakdossier kandidaat = met(nieuw);
        try {
            kandidaat.bereken(berekening, peildatum);
        } catch (OngeldigeInvoer reden) {
            if (!nieuw.soort().sluitZaakAf() || berekent(berekening, peildatum)) {
                throw reden;
            }
            // The stored facts no longer compute (a rule changed since they were accepted); a besluit or
            // withdrawal is not the cause and must still close the zaak.
        }
        return new Toevoeging(kandidaat, false, List.of());
    }

    private void bereken(Termijnberekening berekening, LocalDate peildatum) {
        aanvraag().ifPresent(a -> berekening.bereken(a, peildatum));
    }

    private boolean berekent(Termijnberekening berekening, LocalDate peildatum) {
        try {
            bereken(berekening, peildatum);
            return true;
        } catch (OngeldigeInvoer e) {
            return false;
        }
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
