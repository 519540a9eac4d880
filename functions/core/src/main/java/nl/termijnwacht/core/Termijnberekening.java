package nl.termijnwacht.core;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The termijn engine: from the facts of an application to its uiterste beslisdatum, following
 * docs/termijnregels.md. Where the law allows two readings it takes the one with the earliest date and
 * reports the other as an {@link Onzekerheid}. Pure and thread-safe; it never reads the clock.
 */
public final class Termijnberekening {

    /** Applications received before this day fall under the Wabo. */
    public static final LocalDate OMGEVINGSWET_INWERKING = LocalDate.of(2024, 1, 1);
    /** uitgebreid: a verlenging must be made known within 8 weeks of receipt (Ow 16.66 lid 3). */
    private static final int UITGEBREID_VERLENGEN_BINNEN_DAGEN = 56;
    private static final int DWANGSOM_WACHTDAGEN = 14;

    private final Kalender kalender;

    public Termijnberekening(Kalender kalender) {
        this.kalender = Objects.requireNonNull(kalender);
    }

    public Kalender kalender() {
        return kalender;
    }

    /**
     * @param peildatum the day "now" for running suspensions, the status and the dwangsom owed so far
     * @throws OngeldigeInvoer when the facts break a rule (Wabo, dates out of order, a bad verlenging)
     */
    public Beslistermijn bereken(Aanvraag aanvraag, LocalDate peildatum) {
        Objects.requireNonNull(peildatum, "peildatum");
        controleerDatums(aanvraag, peildatum);
        Procedure procedure = aanvraag.procedure();
        LocalDate ruweEinde = procedure.ruweEinde(aanvraag.ontvangen());
        Verlenging gemeld = enigeVerlenging(aanvraag);

        Schorsing schorsing = schorsing(procedure, ruweEinde, opschortingen(aanvraag.aanvullingen(), peildatum), aanvraag.instemmingen(), gemeld);
        List<Opschorting> opschortingen = schorsing.opschortingen();
        int instemmingDagen = schorsing.instemmingDagen();
        int opgeschorteDagen = schorsing.aanvulDagen() + instemmingDagen;
        LocalDate eindeNaOpschorting = ruweEinde.plusDays(opgeschorteDagen);

        // The term as it stands without a verlenging: the Atw applies only to regulier (8 or 12 weeks).
        boolean atwZonderVerlenging = procedure != Procedure.UITGEBREID;
        LocalDate termijnZonderVerlenging = atwZonderVerlenging ? kalender.verschuif(eindeNaOpschorting) : eindeNaOpschorting;

        Verlenging verlenging = controleerVerlenging(aanvraag, gemeld, termijnZonderVerlenging);
        boolean atwVanToepassing = atwZonderVerlenging && verlenging == null;
        LocalDate uiterste = verlenging == null ? termijnZonderVerlenging : eindeNaOpschorting.plusDays(verlenging.dagen());

        List<Onzekerheid> onzekerheden = new ArrayList<>(2);
        alternatieven(aanvraag, peildatum, schorsing, ruweEinde, eindeNaOpschorting, verlenging, uiterste, onzekerheden);

        LocalDate verlengingMogelijkTot = null;
        boolean afgesloten = aanvraag.besluit() != null || aanvraag.ingetrokken() != null;
        if (verlenging == null && !afgesloten) {
            verlengingMogelijkTot = procedure == Procedure.UITGEBREID
                    ? aanvraag.ontvangen().plusDays(UITGEBREID_VERLENGEN_BINNEN_DAGEN)
                    : termijnZonderVerlenging;
        }

        LocalDate geldigeIngebrekestelling = null;
        LocalDate voorbarigeIngebrekestelling = null;
        for (LocalDate i : aanvraag.ingebrekestellingen()) {
            if (i.isAfter(uiterste)) {
                if (geldigeIngebrekestelling == null || i.isBefore(geldigeIngebrekestelling)) {
                    geldigeIngebrekestelling = i;
                }
            } else if (voorbarigeIngebrekestelling == null || i.isAfter(voorbarigeIngebrekestelling)) {
                voorbarigeIngebrekestelling = i;
            }
        }
        Dwangsom dwangsom = null;
        boolean tijdigBesloten = aanvraag.besluit() != null && !aanvraag.besluit().isAfter(uiterste);
        if (geldigeIngebrekestelling != null && !tijdigBesloten && aanvraag.ingetrokken() == null) {
            dwangsom = dwangsom(geldigeIngebrekestelling, aanvraag.besluit(), peildatum);
            onzekerheden.add(new Onzekerheid("A5", geldigeIngebrekestelling.plusDays(DWANGSOM_WACHTDAGEN + 1),
                    "eerste dwangsomdag als de twee weken pas ná de dag van ontvangst van de ingebrekestelling ingaan"));
        }

        Zaakstatus status = status(aanvraag, opschortingen, uiterste, peildatum);
        return new Beslistermijn(aanvraag, peildatum, ruweEinde, opschortingen, instemmingDagen, schorsing.nietMeegeteld(), opgeschorteDagen,
                eindeNaOpschorting, verlenging, atwVanToepassing, uiterste, verlengingMogelijkTot, dwangsom,
                voorbarigeIngebrekestelling, status, List.copyOf(onzekerheden), kalender);
    }

    private static void controleerDatums(Aanvraag aanvraag, LocalDate peildatum) {
        LocalDate ontvangen = aanvraag.ontvangen();
        if (ontvangen.isBefore(OMGEVINGSWET_INWERKING)) {
            throw new OngeldigeInvoer("ontvangen", "aanvraag ontvangen op " + ontvangen
                    + " valt onder de Wabo (ontvangen vóór 2024-01-01); Termijnwacht rekent alleen met de Omgevingswet");
        }
        if (aanvraag.aanvullingen().size() + aanvraag.instemmingen().size() > Grenzen.MAX_FEITEN) {
            throw new OngeldigeInvoer("aanvulling", "meer dan " + Grenzen.MAX_FEITEN + " verzoeken om aanvulling en opschortingen met instemming");
        }
        for (Aanvulling a : aanvraag.aanvullingen()) {
            if (a.gevraagd().isBefore(ontvangen)) {
                throw new OngeldigeInvoer("aanvulling", "verzoek om aanvulling van " + a.gevraagd() + " ligt vóór de ontvangst van de aanvraag (" + ontvangen + ")");
            }
            if (a.aangevuld() != null && a.aangevuld().isBefore(a.gevraagd())) {
                throw new OngeldigeInvoer("aanvulling", "aanvulling ontvangen op " + a.aangevuld() + " ligt vóór het verzoek om aanvulling van " + a.gevraagd());
            }
        }
        for (Instemming i : aanvraag.instemmingen()) {
            Grenzen.instemmingDagen("instemming-dagen", i.dagen());
            if (i.datum() != null && i.datum().isBefore(ontvangen)) {
                throw new OngeldigeInvoer("instemming", "opschorting met instemming van " + i.datum() + " ligt vóór de ontvangst van de aanvraag (" + ontvangen + ")");
            }
        }
        for (LocalDate i : aanvraag.ingebrekestellingen()) {
            if (i.isBefore(ontvangen)) {
                throw new OngeldigeInvoer("ingebrekestelling", "ingebrekestelling van " + i + " ligt vóór de ontvangst van de aanvraag (" + ontvangen + ")");
            }
        }
        if (aanvraag.besluit() != null && aanvraag.besluit().isBefore(ontvangen)) {
            throw new OngeldigeInvoer("besluit", "besluit van " + aanvraag.besluit() + " ligt vóór de ontvangst van de aanvraag (" + ontvangen + ")");
        }
        if (aanvraag.ingetrokken() != null && aanvraag.ingetrokken().isBefore(ontvangen)) {
            throw new OngeldigeInvoer("ingetrokken", "intrekking van " + aanvraag.ingetrokken() + " ligt vóór de ontvangst van de aanvraag (" + ontvangen + ")");
        }
        if (peildatum.isBefore(ontvangen) || !aanvraag.allesOpOfVoor(peildatum)) {
            Aanvraag.LaatsteFeit laatste = aanvraag.laatsteFeit();
            throw new OngeldigeInvoer("peildatum", "peildatum " + peildatum + " ligt vóór " + laatste.wat() + " van " + laatste.datum()
                    + "; de peildatum kan niet vóór een gegeven feit liggen");
        }
    }

    /** The one verlenging, or null; a second is refused (Ow 16.64 lid 2: once). */
    private static Verlenging enigeVerlenging(Aanvraag aanvraag) {
        List<Verlenging> verlengingen = aanvraag.verlengingen();
        if (verlengingen.size() > 1) {
            throw new OngeldigeInvoer("verlenging", "de beslistermijn kan maar één keer worden verlengd; er zijn er " + verlengingen.size());
        }
        return verlengingen.isEmpty() ? null : verlengingen.getFirst();
    }

    /** A verlenging must be made known within the term (Ow 16.64 lid 2) or, for uitgebreid, within 8 weeks (16.66 lid 3). */
    private static Verlenging controleerVerlenging(Aanvraag aanvraag, Verlenging v, LocalDate termijnZonderVerlenging) {
        if (v == null) {
            return null;
        }
        if (v.bekendgemaakt().isBefore(aanvraag.ontvangen())) {
            throw new OngeldigeInvoer("verlenging-bekendgemaakt", "verlenging bekendgemaakt op " + v.bekendgemaakt() + ", vóór de ontvangst van de aanvraag (" + aanvraag.ontvangen() + ")");
        }
        LocalDate uiterlijk = aanvraag.procedure() == Procedure.UITGEBREID
                ? aanvraag.ontvangen().plusDays(UITGEBREID_VERLENGEN_BINNEN_DAGEN)
                : termijnZonderVerlenging;
        if (v.bekendgemaakt().isAfter(uiterlijk)) {
            String regel = aanvraag.procedure() == Procedure.UITGEBREID
                    ? "binnen 8 weken na ontvangst, uiterlijk " + uiterlijk + " (art. 16.66 lid 3 Omgevingswet)"
                    : "binnen de beslistermijn, uiterlijk " + uiterlijk + " (art. 16.64 lid 2 Omgevingswet)";
            throw new OngeldigeInvoer("verlenging-bekendgemaakt", "verlenging bekendgemaakt op " + v.bekendgemaakt() + " is te laat: dat moet " + regel);
        }
        return v;
    }

    private static List<Opschorting> opschortingen(List<Aanvulling> aanvullingen, LocalDate peildatum) {
        if (aanvullingen.isEmpty()) {
            return List.of();
        }
        List<Opschorting> lijst = new ArrayList<>(aanvullingen.size());
        for (Aanvulling a : aanvullingen) {
            LocalDate v = a.gevraagd();
            if (!a.termijnGesteld()) {
                lijst.add(new Opschorting(v, null, null, 0, Opschorting.Soort.ZONDER_TERMIJN));
                continue;
            }
            LocalDate einde;
            Opschorting.Soort soort;
            LocalDate termijn = a.aanvullenVoor();
            if (a.aangevuld() != null && (termijn == null || !a.aangevuld().isAfter(termijn))) {
                einde = a.aangevuld();
                soort = Opschorting.Soort.AANGEVULD;
            } else if (termijn != null && !termijn.isAfter(peildatum)) {
                einde = termijn; // the set term passed unused: the suspension ends on that day by itself
                soort = Opschorting.Soort.TERMIJN_VERSTREKEN;
            } else if (a.aangevuld() != null) {
                einde = termijn;
                soort = Opschorting.Soort.TERMIJN_VERSTREKEN;
            } else {
                // Running: the supplement may still come today, so count only the days before it (earliest reading).
                einde = v.isAfter(peildatum) ? v : peildatum;
                soort = Opschorting.Soort.LOPEND;
            }
            lijst.add(new Opschorting(v, termijn, einde, (int) Math.max(0, einde.toEpochDay() - v.toEpochDay() - 1), soort));
        }
        return lijst;
    }

    /**
     * Which suspensions count (Awb 4:15 suspends only a running term): requests and consents are taken in
     * date order, and one made on or after the last day of the term as it stood that day suspends nothing.
     *
     * @param aanvulDagen        days suspended by the requests that count, each day once
     * @param nietMeegeteld      consents given when the term had already ended
     * @param extraOpLaatsteDag  for each request or consent made on the last day itself, the days it would add
     *                           (the other reading, onzekerheid A7)
     */
    private record Schorsing(List<Opschorting> opschortingen, int aanvulDagen, int instemmingDagen, List<Instemming> nietMeegeteld,
                             List<Integer> extraOpLaatsteDag) {
    }

    /** A request to supplement (index into the list) or a consent, on its day. */
    private record Verzoek(LocalDate datum, int aanvulling, Instemming instemming) {
    }

    private static final java.util.Comparator<Verzoek> OP_DATUM = java.util.Comparator.comparing(Verzoek::datum);

    private Schorsing schorsing(Procedure procedure, LocalDate ruweEinde, List<Opschorting> alle, List<Instemming> instemmingen, Verlenging verlenging) {
        if (alle.isEmpty() && instemmingen.isEmpty()) {
            return new Schorsing(alle, 0, 0, List.of(), List.of());
        }
        List<Verzoek> verzoeken = new ArrayList<>(alle.size() + instemmingen.size());
        for (int i = 0; i < alle.size(); i++) {
            if (alle.get(i).schortOp()) {
                verzoeken.add(new Verzoek(alle.get(i).gevraagd(), i, null));
            }
        }
        int instemmingDagen = 0;
        for (Instemming instemming : instemmingen) {
            if (instemming.datum() == null) {
                instemmingDagen += instemming.dagen(); // day unknown (command line): counted as given within the term
            } else {
                verzoeken.add(new Verzoek(instemming.datum(), -1, instemming));
            }
        }
        verzoeken.sort(OP_DATUM);
        List<Opschorting> uit = null; // a copy only when a request does not count
        List<Instemming> nietMeegeteld = List.of();
        List<Integer> extraOpLaatsteDag = List.of();
        // The periods V+1 … A−1 of the requests that count, merged as they come: requests arrive in order of V, so
        // a period starts no earlier than the ones before it and each day is counted once without re-sorting.
        long aanvulDagen = 0;
        long gedektTot = Long.MIN_VALUE;   // last day covered by the counted periods of requests made before V
        long lopendSinds = Long.MAX_VALUE; // earliest request still running (it covers every later day)
        for (Verzoek v : verzoeken) {
            long dag = v.datum().toEpochDay();
            LocalDate eindeToen = einde(procedure, ruweEinde.plusDays(aanvulDagen + instemmingDagen),
                    verlenging != null && !verlenging.bekendgemaakt().isAfter(v.datum()) ? verlenging : null);
            boolean lopend = v.datum().isBefore(eindeToen) || dag <= gedektTot || lopendSinds < dag;
            long extra;
            long start = 0;
            long eind = 0;
            if (v.instemming() != null) {
                extra = v.instemming().dagen();
                if (lopend) {
                    instemmingDagen += (int) extra;
                }
            } else {
                Opschorting o = alle.get(v.aanvulling());
                start = Math.max(dag + 1, gedektTot == Long.MIN_VALUE ? dag + 1 : gedektTot + 1);
                eind = o.einde().toEpochDay() - 1;
                extra = Math.max(0, eind - start + 1);
                if (lopend) {
                    aanvulDagen += extra;
                    gedektTot = Math.max(gedektTot, eind);
                    if (o.soort() == Opschorting.Soort.LOPEND) {
                        lopendSinds = Math.min(lopendSinds, dag);
                    }
                }
            }
            if (!lopend) {
                if (v.instemming() != null) {
                    nietMeegeteld = plus(nietMeegeteld, v.instemming());
                } else {
                    uit = uit == null ? new ArrayList<>(alle) : uit;
                    uit.set(v.aanvulling(), alle.get(v.aanvulling()).nietOpschortend());
                }
                if (v.datum().equals(eindeToen) && extra > 0) {
                    extraOpLaatsteDag = plus(extraOpLaatsteDag, (int) extra);
                }
            }
        }
        return new Schorsing(uit == null ? alle : List.copyOf(uit), (int) aanvulDagen, instemmingDagen, nietMeegeteld, extraOpLaatsteDag);
    }

    private static <T> List<T> plus(List<T> lijst, T element) {
        List<T> kopie = new ArrayList<>(lijst);
        kopie.add(element);
        return kopie;
    }

    /** Days V+1 … A−1 (or … A when {@code inclusiefEinde}) of all suspensions, each day counted once. */
    private static int dagenOpgeschort(List<Opschorting> opschortingen, boolean inclusiefEinde) {
        int n = 0;
        long[] van = new long[opschortingen.size()];
        long[] tot = new long[opschortingen.size()];
        for (Opschorting o : opschortingen) {
            if (!o.schortOp()) {
                continue;
            }
            long eersteDag = o.gevraagd().toEpochDay() + 1;
            long laatsteDag = o.einde().toEpochDay() - (inclusiefEinde && o.soort() != Opschorting.Soort.LOPEND ? 0 : 1);
            if (laatsteDag >= eersteDag) {
                van[n] = eersteDag;
                tot[n] = laatsteDag;
                n++;
            }
        }
        if (n == 1) {
            return (int) (tot[0] - van[0] + 1);
        }
        // Merge overlapping periods by start so that no day counts twice.
        Integer[] volgorde = new Integer[n];
        for (int i = 0; i < n; i++) {
            volgorde[i] = i;
        }
        Arrays.sort(volgorde, (x, y) -> Long.compare(van[x], van[y]));
        long totaal = 0;
        long tot_ = Long.MIN_VALUE;
        for (int idx : volgorde) {
            long start = Math.max(van[idx], tot_ + 1);
            if (tot[idx] >= start) {
                totaal += tot[idx] - start + 1;
            }
            tot_ = Math.max(tot_, tot[idx]);
        }
        return (int) totaal;
    }

    private void alternatieven(Aanvraag aanvraag, LocalDate peildatum, Schorsing schorsing, LocalDate ruweEinde,
                               LocalDate eindeNaOpschorting, Verlenging verlenging, LocalDate uiterste, List<Onzekerheid> uit) {
        Procedure procedure = aanvraag.procedure();
        int verlengingDagen = verlenging == null ? 0 : verlenging.dagen();
        List<Opschorting> opschortingen = schorsing.opschortingen();
        int instemmingDagen = schorsing.instemmingDagen();
        boolean schortOp = false;
        boolean zonderTermijn = false;
        for (Opschorting o : opschortingen) { // loops, not streams: this runs on every calculation
            schortOp |= o.schortOp();
            zonderTermijn |= o.soort() == Opschorting.Soort.ZONDER_TERMIJN;
        }
        if (schortOp) {
            int inclusief = dagenOpgeschort(opschortingen, true) + instemmingDagen;
            voegToe(uit, "A1", einde(procedure, ruweEinde.plusDays(inclusief), verlenging), uiterste,
                    "opschorting inclusief de dag waarop is aangevuld (of de aanvultermijn verstreek)");
        }
        if (zonderTermijn) {
            // A6: as if the requests without a term had suspended; unknown while one of them is unanswered.
            List<Aanvulling> alsOfMetTermijn = new ArrayList<>();
            boolean bekend = true;
            for (Aanvulling a : aanvraag.aanvullingen()) {
                bekend &= a.termijnGesteld() || a.aangevuld() != null;
                alsOfMetTermijn.add(a.termijnGesteld() ? a : new Aanvulling(a.gevraagd(), null, a.aangevuld(), true));
            }
            LocalDate alternatief = null;
            if (bekend) {
                Schorsing alsOf = schorsing(procedure, ruweEinde, opschortingen(alsOfMetTermijn, peildatum), aanvraag.instemmingen(), verlenging);
                alternatief = einde(procedure, ruweEinde.plusDays(alsOf.aanvulDagen() + alsOf.instemmingDagen()), verlenging);
            }
            uit.add(new Onzekerheid("A6", alternatief,
                    "verzoek om aanvulling zonder aanvultermijn schort niet op (ABRvS 21 september 2016, ECLI:NL:RVS:2016:2527)"));
        }
        if (!schorsing.extraOpLaatsteDag().isEmpty()) {
            int extra = java.util.Collections.max(schorsing.extraOpLaatsteDag());
            voegToe(uit, "A7", einde(procedure, eindeNaOpschorting.plusDays(extra), verlenging), uiterste,
                    "verzoek om aanvulling of opschorting met instemming op de laatste dag van de termijn schort die termijn ook op");
        }
        if (verlenging != null && procedure != Procedure.UITGEBREID) {
            voegToe(uit, "A2", kalender.verschuif(eindeNaOpschorting).plusDays(verlengingDagen), uiterste,
                    "verlenging opgeteld ná verschuiving volgens de Algemene termijnenwet");
            voegToe(uit, "A3", kalender.verschuif(eindeNaOpschorting.plusDays(verlengingDagen)), uiterste,
                    "Algemene termijnenwet ook toegepast op de verlengde termijn");
        }
        if (procedure == Procedure.UITGEBREID && ruweEinde.getDayOfMonth() != aanvraag.ontvangen().getDayOfMonth()) {
            long opgeschort = eindeNaOpschorting.toEpochDay() - ruweEinde.toEpochDay();
            voegToe(uit, "A4", einde(procedure, ruweEinde.plusDays(1 + opgeschort), verlenging), uiterste,
                    "ontbrekende dag in de zesde maand: termijn eindigt de dag na het einde van die maand");
        }
    }

    /** The pipeline after suspensions: verlenging without Atw, or the Atw shift for a regulier term. */
    private LocalDate einde(Procedure procedure, LocalDate eindeNaOpschorting, Verlenging verlenging) {
        if (verlenging != null) {
            return eindeNaOpschorting.plusDays(verlenging.dagen());
        }
        return procedure == Procedure.UITGEBREID ? eindeNaOpschorting : kalender.verschuif(eindeNaOpschorting);
    }

    private static void voegToe(List<Onzekerheid> uit, String code, LocalDate alternatief, LocalDate uiterste, String toelichting) {
        if (!alternatief.equals(uiterste)) {
            uit.add(new Onzekerheid(code, alternatief, toelichting));
        }
    }

    private static Dwangsom dwangsom(LocalDate ingebrekestelling, LocalDate besluit, LocalDate peildatum) {
        LocalDate eersteDag = ingebrekestelling.plusDays(DWANGSOM_WACHTDAGEN);
        LocalDate laatsteDag = eersteDag.plusDays(Dwangsom.MAXIMUM_DAGEN - 1);
        LocalDate teltTot = laatsteDag;
        if (peildatum.isBefore(teltTot)) {
            teltTot = peildatum;
        }
        if (besluit != null && besluit.minusDays(1).isBefore(teltTot)) {
            teltTot = besluit.minusDays(1);
        }
        int dagen = (int) Math.max(0, teltTot.toEpochDay() - eersteDag.toEpochDay() + 1);
        return new Dwangsom(ingebrekestelling, eersteDag, laatsteDag, dagen, Dwangsom.bedragVoor(dagen), laatsteDag.plusDays(14));
    }

    private static Zaakstatus status(Aanvraag aanvraag, List<Opschorting> opschortingen, LocalDate uiterste, LocalDate peildatum) {
        if (aanvraag.besluit() != null) {
            return Zaakstatus.BESLOTEN;
        }
        if (aanvraag.ingetrokken() != null) {
            return Zaakstatus.INGETROKKEN;
        }
        for (Opschorting o : opschortingen) {
            if (o.soort() == Opschorting.Soort.LOPEND && !o.gevraagd().isAfter(peildatum)) {
                return Zaakstatus.OPGESCHORT;
            }
        }
        return peildatum.isAfter(uiterste) ? Zaakstatus.VERSTREKEN : Zaakstatus.OPEN;
    }
}
