package nl.termijnwacht.core;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A notification to a gemeente about one milestone of one zaak (topic {@code termijnmeldingen}).
 * Carries only the zaak reference, the gemeente code, dates and categories: never personal data.
 *
 * @param werkdagenResterend   Atw working days from the milestone date to the deadline (negative once lapsed)
 * @param verlengingMogelijkTot last day a verlenging can be made known, or null when it no longer can
 * @param aangemaakt           the instant of the scanner run that sends it
 */
public record Zaakmelding(
        String gemeente,
        String zaak,
        Mijlpaal mijlpaal,
        LocalDate uitersteBeslisdatum,
        int werkdagenResterend,
        LocalDate verlengingMogelijkTot,
        Dwangsom dwangsom,
        String idempotencyKey,
        Instant aangemaakt) {

    public static final String SCHEMA = "termijnwacht.melding/1";

    public static Zaakmelding van(Zaakdossier dossier, Beslistermijn termijn, Mijlpaal mijlpaal, Instant aangemaakt) {
        LocalDate dag = mijlpaal.datum();
        return new Zaakmelding(dossier.gemeente(), dossier.zaak(), mijlpaal, termijn.uitersteBeslisdatum(),
                termijn.werkdagenResterend(dag), termijn.verlengingMogelijkOp(dag) ? termijn.verlengingMogelijkTot() : null,
                termijn.dwangsom(), idempotencyKey(dossier.gemeente(), dossier.zaak(), mijlpaal), aangemaakt);
    }

    /** One key per (zaak, milestone, date): the ledger record and the message attribute {@code idempotencyKey}. */
    public static String idempotencyKey(String gemeente, String zaak, Mijlpaal mijlpaal) {
        return "zaak#" + gemeente + "#" + zaak + "#" + Meldingsplanning.sleutel(mijlpaal);
    }

    public Mijlpaalsoort soort() {
        return mijlpaal.soort();
    }

    /** Short ASCII subject for e-mail subscribers (SNS allows < 100 ASCII characters). */
    public String onderwerp() {
        String s = "Termijnwacht " + gemeente + " " + zaak + ": " + switch (mijlpaal.soort()) {
            case VOORWAARSCHUWING -> "nog " + mijlpaal.werkdagenVooraf() + " werkdagen tot de beslisdatum";
            case VERVALDAG -> "vandaag uiterste beslisdatum";
            case VERSTREKEN -> "beslistermijn verstreken";
            case DWANGSOM_START -> "dwangsom loopt vanaf vandaag";
            case DWANGSOM_MAX -> "dwangsom op maximum";
            case OPSCHORTING_VERLOPEN -> "opschorting geeindigd";
        };
        return s.length() > 99 ? s.substring(0, 99) : s;
    }

    /** The Dutch text a VTH team reads (SNS {@code default} and {@code email}). */
    public String tekst() {
        String kop = "Zaak " + zaak + " (" + gemeente + "): ";
        String beslisdatum = Datums.lang(uitersteBeslisdatum) + " (" + uitersteBeslisdatum + ")";
        String verlengen = verlengingMogelijkTot != null
                ? " Verlengen (eenmaal, ten hoogste 6 weken) kan nog tot en met " + Datums.lang(verlengingMogelijkTot) + "."
                : " Verlengen is niet (meer) mogelijk.";
        return switch (mijlpaal.soort()) {
            case VOORWAARSCHUWING -> kop + "nog " + werkdagenResterend + " werkdagen tot de uiterste beslisdatum, " + beslisdatum + "." + verlengen;
            case VERVALDAG -> kop + "vandaag, " + beslisdatum + ", is de uiterste beslisdatum. Zonder besluit vandaag is de termijn morgen "
                    + "verstreken en kan de aanvrager de gemeente in gebreke stellen (art. 4:17 Awb)." + verlengen;
            case VERSTREKEN -> kop + "de beslistermijn is verstreken; de uiterste beslisdatum was " + beslisdatum + ". Na een ingebrekestelling "
                    + "gaat twee weken later een dwangsom lopen (art. 4:17 Awb): beslis zo snel mogelijk.";
            case DWANGSOM_START -> kop + "vanaf vandaag, " + Datums.lang(mijlpaal.datum()) + ", is een dwangsom verschuldigd (ingebrekestelling ontvangen op "
                    + dwangsom.ingebrekestelling() + "): € 23 per dag, oplopend tot ten hoogste € 1.442 op " + Datums.lang(dwangsom.laatsteDag()) + ".";
            case DWANGSOM_MAX -> kop + "de dwangsom bereikt vandaag het maximum van € 1.442 (42 dagen). Stel de dwangsom uiterlijk "
                    + Datums.lang(dwangsom.vaststellenUiterlijk()) + " vast bij beschikking (art. 4:18 Awb).";
            case OPSCHORTING_VERLOPEN -> kop + "de aanvultermijn is op " + Datums.lang(mijlpaal.datum()) + " ongebruikt verstreken; de opschorting "
                    + "is daarmee geëindigd (art. 4:15 Awb). Uiterste beslisdatum nu: " + beslisdatum + ".";
        };
    }
}
