package nl.termijnwacht.core;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of {@link Termijnberekening}: the uiterste beslisdatum with every intermediate value of
 * its derivation. {@link #stappen()} renders that derivation as Dutch sentences a lawyer can check.
 *
 * @param ruweEinde            end of the base term, before suspensions
 * @param instemmingenNaTermijn consents given when the term had already ended: they suspend nothing
 * @param opgeschorteDagen     all suspended days (overlaps once) plus days suspended with consent
 * @param eindeNaOpschorting   {@code ruweEinde + opgeschorteDagen}
 * @param verlenging           the valid verlenging, or null
 * @param atwVanToepassing     false for uitgebreid and for a term with a verlenging (Atw art. 4)
 * @param verlengingMogelijkTot last day a verlenging can be made known; null once extended or closed
 * @param dwangsom             null without a valid ingebrekestelling
 * @param voorbarigeIngebrekestelling an ingebrekestelling received on or before the deadline (no dwangsom), or null
 */
public record Beslistermijn(
        Aanvraag aanvraag,
        LocalDate peildatum,
        LocalDate ruweEinde,
        List<Opschorting> opschortingen,
        int instemmingDagen,
        List<Instemming> instemmingenNaTermijn,
        int opgeschorteDagen,
        LocalDate eindeNaOpschorting,
        Verlenging verlenging,
        boolean atwVanToepassing,
        LocalDate uitersteBeslisdatum,
        LocalDate verlengingMogelijkTot,
        Dwangsom dwangsom,
        LocalDate voorbarigeIngebrekestelling,
        Zaakstatus status,
        List<Onzekerheid> onzekerheden,
        Kalender kalender) {

    /** Is a verlenging still possible on {@code datum}? */
    public boolean verlengingMogelijkOp(LocalDate datum) {
        return verlengingMogelijkTot != null && !datum.isAfter(verlengingMogelijkTot);
    }

    /** Atw working days after {@code datum} up to and including the deadline (negative once lapsed). */
    public int werkdagenResterend(LocalDate datum) {
        return kalender.werkdagenTussen(datum, uitersteBeslisdatum);
    }

    /** Was the decision made on or before the deadline? Null while undecided. */
    public Boolean tijdigBesloten() {
        LocalDate besluit = aanvraag.besluit();
        return besluit == null ? null : !besluit.isAfter(uitersteBeslisdatum);
    }

    /** The derivation, one Dutch sentence per step. */
    public List<String> stappen() {
        List<String> s = new ArrayList<>();
        Procedure p = aanvraag.procedure();
        s.add("Aanvraag ontvangen op " + d(aanvraag.ontvangen()) + "; " + p.code() + ": beslistermijn " + p.duur()
                + " (" + p.grondslag() + "), te rekenen vanaf de dag na ontvangst.");
        String ruw = "Einde van de termijn zonder opschorting of verlenging: " + d(ruweEinde) + ".";
        if (p == Procedure.UITGEBREID && ruweEinde.getDayOfMonth() != aanvraag.ontvangen().getDayOfMonth()) {
            ruw += " De zesde maand heeft geen " + aanvraag.ontvangen().getDayOfMonth() + "e dag: de termijn eindigt op de laatste dag van die maand.";
        }
        s.add(ruw);
        int eigenDagen = 0;
        for (Opschorting o : opschortingen) {
            eigenDagen += o.dagen();
            s.add(switch (o.soort()) {
                case AANGEVULD -> "Verzoek om aanvulling (art. 4:5 Awb) verzonden op " + d(o.gevraagd()) + ", aangevuld op " + d(o.einde())
                        + ": opgeschort " + periode(o) + " (art. 4:15 lid 1 onder a Awb).";
                case TERMIJN_VERSTREKEN -> "Verzoek om aanvulling verzonden op " + d(o.gevraagd()) + "; de aanvultermijn verstreek op " + d(o.einde())
                        + " zonder tijdige aanvulling: opgeschort " + periode(o) + " (art. 4:15 lid 1 onder a Awb).";
                case LOPEND -> "Verzoek om aanvulling verzonden op " + d(o.gevraagd()) + " is nog niet aangevuld: de opschorting loopt; "
                        + "tot de peildatum " + d(peildatum) + " geteld: " + dagen(o.dagen()) + ". De beslisdatum is voorlopig.";
                case ZONDER_TERMIJN -> "Verzoek om aanvulling verzonden op " + d(o.gevraagd())
                        + " stelde geen aanvultermijn en schort de beslistermijn daarom niet op (ABRvS 21 september 2016, ECLI:NL:RVS:2016:2527).";
                case NA_TERMIJN -> "Verzoek om aanvulling verzonden op " + d(o.gevraagd())
                        + ", op of na de laatste dag van de termijn zoals die toen stond: een verstreken termijn kan niet meer worden"
                        + " opgeschort (art. 4:15 Awb); dit verzoek schort niets op.";
            });
        }
        int aanvulDagen = opgeschorteDagen - instemmingDagen;
        if (eigenDagen != aanvulDagen) {
            s.add("Opschortingen overlappen; elke dag telt één keer: samen " + dagen(aanvulDagen) + ".");
        }
        for (Instemming i : instemmingenNaTermijn) {
            s.add("Opschorting met instemming van " + d(i.datum()) + " (" + dagen(i.dagen()) + ") kwam op of na de laatste dag van de termijn"
                    + " zoals die toen stond: een verstreken termijn kan niet meer worden opgeschort; deze telt niet mee.");
        }
        if (instemmingDagen > 0) {
            s.add("Opschorting met instemming van de aanvrager (art. 4:15 lid 2 onder a Awb): " + dagen(instemmingDagen) + ".");
        }
        if (opgeschorteDagen > 0) {
            s.add("Einde na " + dagen(opgeschorteDagen) + " opschorting: " + d(eindeNaOpschorting) + ".");
        }
        if (verlenging != null) {
            s.add("Beslistermijn verlengd met " + verlenging.omschrijving() + ", bekendgemaakt op " + d(verlenging.bekendgemaakt())
                    + " (" + (p == Procedure.UITGEBREID ? "art. 16.66 lid 3" : "art. 16.64 lid 2") + " Omgevingswet): einde "
                    + d(uitersteBeslisdatum) + ".");
        }
        if (atwVanToepassing) {
            if (uitersteBeslisdatum.equals(eindeNaOpschorting)) {
                s.add("Algemene termijnenwet: " + d(eindeNaOpschorting) + " is geen zaterdag, zondag of feestdag; de termijn schuift niet op (art. 1 Atw).");
            } else {
                s.add("Algemene termijnenwet: de termijn eindigt op " + d(eindeNaOpschorting) + waarom(eindeNaOpschorting)
                        + " en loopt door tot de eerstvolgende werkdag, " + d(uitersteBeslisdatum) + " (art. 1 Atw).");
            }
        } else {
            s.add("De Algemene termijnenwet is niet van toepassing: " + (verlenging != null
                    ? "de verlengde termijn is langer dan 12 weken" : "de termijn is langer dan 3 maanden") + " (art. 4 Atw).");
        }
        s.add("Uiterste beslisdatum: " + d(uitersteBeslisdatum) + ".");
        if (verlengingMogelijkTot != null) {
            s.add("Verlenging (eenmaal, ten hoogste 6 weken) is mogelijk tot en met " + d(verlengingMogelijkTot) + ".");
        }
        if (voorbarigeIngebrekestelling != null) {
            s.add("Ingebrekestelling ontvangen op " + d(voorbarigeIngebrekestelling)
                    + ", niet ná de uiterste beslisdatum: voorbarig, daaruit volgt geen dwangsom (art. 4:17 lid 3 Awb).");
        }
        if (dwangsom != null) {
            s.add("Ingebrekestelling ontvangen op " + d(dwangsom.ingebrekestelling()) + ", na de uiterste beslisdatum: de dwangsom loopt vanaf "
                    + d(dwangsom.eersteDag()) + " (twee weken later) tot ten hoogste " + d(dwangsom.laatsteDag()) + " (42 dagen; art. 4:17 Awb).");
            String grens = aanvraag.besluit() != null && aanvraag.besluit().minusDays(1).isBefore(peildatum)
                    ? "de dag vóór het besluit" : "de peildatum " + d(peildatum);
            s.add("Verschuldigd tot en met " + grens + ": " + dagen(dwangsom.dagen()) + " = € " + dwangsom.bedrag()
                    + " (€ 23 per dag voor dag 1–14, € 35 voor 15–28, € 45 voor 29–42; ten hoogste € 1.442).");
            s.add("Beschikking tot vaststelling van de dwangsom uiterlijk " + d(dwangsom.vaststellenUiterlijk()) + " (art. 4:18 Awb).");
        }
        if (aanvraag.besluit() != null) {
            s.add("Besluit bekendgemaakt op " + d(aanvraag.besluit()) + ": " + (tijdigBesloten() ? "tijdig." : "na de uiterste beslisdatum."));
        }
        if (aanvraag.ingetrokken() != null) {
            s.add("Aanvraag ingetrokken op " + d(aanvraag.ingetrokken()) + ".");
        }
        for (Onzekerheid o : onzekerheden) {
            s.add("Onzekerheid " + o.code() + ": " + o.toelichting()
                    + (o.alternatieveDatum() == null ? "." : " geeft " + d(o.alternatieveDatum()) + "; Termijnwacht houdt de vroegste datum aan."));
        }
        return s;
    }

    private String waarom(LocalDate datum) {
        return kalender.feestdag(datum).map(naam -> " (" + naam + ")").orElse(" (" + Datums.lang(datum).split(" ")[0] + ")");
    }

    private static String periode(Opschorting o) {
        return o.dagen() == 0 ? "0 dagen" : "van " + d(o.gevraagd().plusDays(1)) + " tot en met " + d(o.einde().minusDays(1)) + " = " + dagen(o.dagen());
    }

    private static String dagen(int n) {
        return n == 1 ? "1 dag" : n + " dagen";
    }

    private static String d(LocalDate datum) {
        return Datums.lang(datum) + " (" + datum + ")";
    }
}
