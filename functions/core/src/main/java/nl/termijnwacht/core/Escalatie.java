package nl.termijnwacht.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An escalation item on a ladder (docs/escalatie.md). Its history is the truth: the level it is at, since
 * when, whether it was taken up and whether it is solved all follow from the steps; the timing of the next
 * automatic step follows from the ladder and the Atw calendar. Pure: the instant is always given.
 *
 * @param id          stable and readable, e.g. {@code termijnoverschrijding:GM0363:Z-2026-001}; replies name it
 * @param ladder      the ladder id; a gemeente's own variant is chosen by {@code gemeente} when it is used
 * @param zaak        the zaak that opened it, or null
 * @param onderwerp   what it is about, in one Dutch sentence without personal data
 * @param geschiedenis the steps so far, oldest first ({@link Stap#nr()} strictly increasing)
 * @param verzonden   idempotency keys of the notices already sent for it
 */
public record Escalatie(String id, String ladder, String gemeente, String zaak, String onderwerp, List<Stap> geschiedenis, Set<String> verzonden) {

    public static final String TERMIJNOVERSCHRIJDING = "termijnoverschrijding";
    /** What a reply may name: letters, digits and {@code . _ : / -}, as the ids this system makes. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,159}");
    /** How a reply came in: through the signed link of a level, or from an integration's account on the bus. */
    public static final Pattern DOOR = Pattern.compile("link:niveau-\\d{1,2}|bus:(\\d{12}|onbekend)");
    /**
     * How the previous release kept a reminder's count: as a prefix of the toelichting. Recognised only when reading a
     * step stored by that release ({@link Stap#uitInhoud(String)}); nothing writes it any more.
     */
    private static final Pattern OUDE_HERINNERING = Pattern.compile("herinnering (\\d+): (.*)", Pattern.DOTALL);

    public enum Gebeurtenis {
        /** Opened: level 1 is told. */
        GEOPEND,
        /** Moved up one level because the level below did not answer, or did not solve it in time. */
        OMHOOG,
        /** At the top level: not solved yet, told again. */
        HERINNERING,
        /** The level at turn took it up: escalation pauses for its follow-up term. */
        OPGEPAKT,
        /** Sent one level down with a decision; the lower level gets a fresh response term. */
        TERUGGELEGD,
        /** Solved: by the level at turn, or by itself (the zaak got a besluit or was withdrawn; niveau 0). */
        OPGELOST
    }

    /**
     * One step. {@code datum} is the day it happened; for a reply {@code event} is its event id (a re-delivery
     * is recognised by it), {@code door} how it was answered ({@link Antwoord#door()}) and {@code verwerkt} the
     * instant it was processed, beside the date it claims. Stored as one line, {@link #inhoud()}.
     *
     * @param herinneringen for a {@code HERINNERING}, how many reminders in a row it stands for (1 or more:
     *                      consecutive reminders are kept as one step, {@link Escalatie#met(Stap)}); 0 for every other step
     */
    public record Stap(int nr, Gebeurtenis gebeurtenis, LocalDate datum, int niveau, String event, String toelichting, int herinneringen,
                       String door, Instant verwerkt) {
        public Stap {
            Objects.requireNonNull(gebeurtenis);
            Objects.requireNonNull(datum);
            if (gebeurtenis == Gebeurtenis.HERINNERING ? herinneringen < 1 : herinneringen != 0) {
                throw new IllegalArgumentException("stap " + nr + " " + gebeurtenis + ": herinneringen " + herinneringen
                        + (gebeurtenis == Gebeurtenis.HERINNERING ? " moet 1 of meer zijn" : " moet 0 zijn"));
            }
            if (door != null && !DOOR.matcher(door).matches()) {
                throw new IllegalArgumentException("stap " + nr + ": door " + door + " is geen kanaal (link:niveau-N of bus:ACCOUNT)");
            }
        }

        /** An automatic step, or one stored before replies recorded who gave them. */
        public Stap(int nr, Gebeurtenis gebeurtenis, LocalDate datum, int niveau, String event, String toelichting, int herinneringen) {
            this(nr, gebeurtenis, datum, niveau, event, toelichting, herinneringen, null, null);
        }

        /** A step that stands for one event: a {@code HERINNERING} counts 1, every other step 0. */
        public Stap(int nr, Gebeurtenis gebeurtenis, LocalDate datum, int niveau, String event, String toelichting) {
            this(nr, gebeurtenis, datum, niveau, event, toelichting, gebeurtenis == Gebeurtenis.HERINNERING ? 1 : 0);
        }

        /**
         * {@code nr|GEBEURTENIS|herinneringen|datum|niveau|event|toelichting}; a reply is stored as
         * {@code v2|nr|GEBEURTENIS|herinneringen|datum|niveau|event|door|verwerkt|toelichting}. The toelichting comes
         * last, so it may hold anything. Automatic steps keep the shorter form, so the previous release still reads them.
         */
        public String inhoud() {
            String kop = door == null && verwerkt == null ? "" : "v2|";
            String midden = door == null && verwerkt == null ? "" : door + "|" + verwerkt + "|";
            return kop + nr + "|" + gebeurtenis + "|" + herinneringen + "|" + datum + "|" + niveau + "|" + (event == null ? "" : event) + "|"
                    + midden + (toelichting == null ? "" : toelichting);
        }

        /**
         * Reads {@link #inhoud()}, and also the form the previous release stored,
         * {@code nr|GEBEURTENIS|datum|niveau|event|toelichting} without the count. The forms cannot be confused: a
         * reply starts with {@code v2|}, and the third field is a whole number in the one and a date (with dashes) in the other.
         */
        public static Stap uitInhoud(String inhoud) {
            if (inhoud.startsWith("v2|")) {
                String[] d = inhoud.split("\\|", 10);
                if (d.length != 10) {
                    throw new IllegalArgumentException("opgeslagen stap heeft niet de vorm v2|nr|gebeurtenis|herinneringen|datum|niveau|event|door|verwerkt|toelichting");
                }
                return new Stap(Integer.parseInt(d[1]), Gebeurtenis.valueOf(d[2]), LocalDate.parse(d[4]), Integer.parseInt(d[5]),
                        d[6].isEmpty() ? null : d[6], d[9].isEmpty() ? null : d[9], Integer.parseInt(d[3]),
                        d[7].equals("null") ? null : d[7], d[8].equals("null") ? null : Instant.parse(d[8]));
            }
            String[] d = inhoud.split("\\|", 7);
            if (d.length >= 3 && !d[2].isEmpty() && d[2].chars().allMatch(c -> c >= '0' && c <= '9')) {
                if (d.length != 7) {
                    throw new IllegalArgumentException("opgeslagen stap heeft niet de vorm nr|gebeurtenis|herinneringen|datum|niveau|event|toelichting");
                }
                return new Stap(Integer.parseInt(d[0]), Gebeurtenis.valueOf(d[1]), LocalDate.parse(d[3]), Integer.parseInt(d[4]),
                        d[5].isEmpty() ? null : d[5], d[6].isEmpty() ? null : d[6], Integer.parseInt(d[2]));
            }
            return uitOudeInhoud(inhoud);
        }

        /**
         * A step as the previous release stored it. That release had no count field: a reminder step carried its count
         * as the prefix {@code herinnering N: } of its toelichting. This is the one place that still recognises that
         * prose, so items stored before keep their count: it is taken from the prefix once, and the prefix is dropped,
         * so storing the step again writes the count in its own field and the toelichting as it was given. Only a
         * reminder's toelichting is read this way; a reply's free text is never taken apart.
         */
        private static Stap uitOudeInhoud(String inhoud) {
            String[] d = inhoud.split("\\|", 6);
            if (d.length != 6) {
                throw new IllegalArgumentException("opgeslagen stap heeft niet de vorm nr|gebeurtenis|herinneringen|datum|niveau|event|toelichting");
            }
            Gebeurtenis gebeurtenis = Gebeurtenis.valueOf(d[1]);
            String toelichting = d[5].isEmpty() ? null : d[5];
            int herinneringen = gebeurtenis == Gebeurtenis.HERINNERING ? 1 : 0;
            if (gebeurtenis == Gebeurtenis.HERINNERING && toelichting != null) {
                Matcher m = OUDE_HERINNERING.matcher(toelichting);
                if (m.matches()) {
                    herinneringen = Integer.parseInt(m.group(1));
                    toelichting = m.group(2).isEmpty() ? null : m.group(2);
                }
            }
            return new Stap(Integer.parseInt(d[0]), gebeurtenis, LocalDate.parse(d[2]), Integer.parseInt(d[3]),
                    d[4].isEmpty() ? null : d[4], toelichting, herinneringen);
        }

        /**
         * The toelichting as a notice's history shows it: a reminder step's starts with its count,
         * {@code herinnering 3: niet opgelost binnen 5 werkdagen}; every other step's is its own.
         */
        public String toelichtingInMelding() {
            if (gebeurtenis != Gebeurtenis.HERINNERING) {
                return toelichting;
            }
            return "herinnering " + herinneringen + (toelichting == null ? "" : ": " + toelichting);
        }

        /** Whether this step tells a level something (and so has a notice). */
        boolean meldt() {
            return gebeurtenis == Gebeurtenis.GEOPEND || gebeurtenis == Gebeurtenis.OMHOOG
                    || gebeurtenis == Gebeurtenis.HERINNERING || gebeurtenis == Gebeurtenis.TERUGGELEGD;
        }
    }

    /**
     * Where the item stands after its steps.
     *
     * @param niveau       the level at turn
     * @param sinds        the day the level at turn got the item (it reached the level, or was sent back to it)
     * @param termijnVanaf the day its current term counts from: {@code sinds}, or the last reminder at the top
     * @param opgepakt     the day the level at turn took it up, or null
     * @param opgelost     the step that solved it, or null while open
     */
    public record Stand(int niveau, LocalDate sinds, LocalDate termijnVanaf, LocalDate opgepakt, LocalDate geopend, Stap opgelost) {
        public boolean open() {
            return opgelost == null;
        }
    }

    /** The next automatic step: moving up, or a reminder at the top; due at the configured time on {@code dag}. */
    public record Volgende(Gebeurtenis gebeurtenis, LocalDate dag, int naarNiveau, String reden) {
    }

    public Escalatie {
        Objects.requireNonNull(id);
        Objects.requireNonNull(ladder);
        geschiedenis = List.copyOf(geschiedenis);
        verzonden = Set.copyOf(verzonden);
        if (geschiedenis.isEmpty() || geschiedenis.getFirst().gebeurtenis() != Gebeurtenis.GEOPEND) {
            throw new IllegalArgumentException("escalatie " + id + " begint niet met GEOPEND");
        }
    }

    /** The item a lapsed zaak opens on ladder termijnoverschrijding, at level 1, on {@code vandaag}. */
    public static Escalatie voorVerstrekenZaak(String gemeente, String zaak, LocalDate uitersteBeslisdatum, LocalDate vandaag) {
        return new Escalatie(idVoorZaak(gemeente, zaak), TERMIJNOVERSCHRIJDING, gemeente, zaak,
                "Beslistermijn verstreken van zaak " + zaak + " (" + gemeente + "); de uiterste beslisdatum was " + Datums.lang(uitersteBeslisdatum) + ".",
                List.of(new Stap(1, Gebeurtenis.GEOPEND, vandaag, 1, null, "beslistermijn verstreken")), Set.of());
    }

    /** One zaak opens at most one item: its id follows from the zaak. */
    public static String idVoorZaak(String gemeente, String zaak) {
        return TERMIJNOVERSCHRIJDING + ":" + gemeente + ":" + zaak;
    }

    /** The gemeente an id names ({@code ladder:GMxxxx:…}), read from the id alone, before the item is; empty when it names none. */
    public static Optional<String> gemeenteUitId(String id) {
        String[] d = id.split(":", 3);
        return d.length == 3 && Zaakdossier.GEMEENTECODE.matcher(d[1]).matches() ? Optional.of(d[1]) : Optional.empty();
    }

    public Stand stand() {
        int niveau = 1;
        LocalDate sinds = null;
        LocalDate vanaf = null;
        LocalDate opgepakt = null;
        Stap opgelost = null;
        for (Stap s : geschiedenis) {
            switch (s.gebeurtenis()) {
                case GEOPEND, OMHOOG, TERUGGELEGD -> {
                    niveau = s.niveau();
                    sinds = s.datum();
                    vanaf = s.datum();
                    opgepakt = null;
                }
                case HERINNERING -> {
                    vanaf = s.datum();
                    opgepakt = null;
                }
                case OPGEPAKT -> opgepakt = s.datum();
                case OPGELOST -> opgelost = s;
            }
        }
        return new Stand(niveau, sinds, vanaf, opgepakt, geschiedenis.getFirst().datum(), opgelost);
    }

    public boolean open() {
        return stand().open();
    }

    /** The level at turn, as the ladder now has it (a ladder that lost levels since puts the item at its top). */
    private static int opLadder(int niveau, Escalatieladder ladder) {
        return Math.min(niveau, ladder.top());
    }

    /** The next automatic step, or null when solved. */
    public Volgende volgende(Escalatieladder ladder, Kalender kalender) {
        Stand st = stand();
        if (!st.open()) {
            return null;
        }
        int l = opLadder(st.niveau(), ladder);
        Escalatieladder.Niveau n = ladder.niveau(l);
        boolean top = l == ladder.top();
        LocalDate dag;
        String reden;
        if (st.opgepakt() != null) {
            // taken up: escalation pauses for the follow-up term, it is not silenced
            dag = kalender.werkdagenNa(st.opgepakt(), n.opvolgWerkdagen() + 1);
            reden = "opgepakt op " + st.opgepakt() + ", niet opgelost binnen " + n.opvolgWerkdagen() + " werkdagen";
        } else if (top) {
            // at the top: a reminder every herinneringWerkdagen, counted from reaching it or from the last reminder
            dag = kalender.werkdagenNa(st.termijnVanaf(), ladder.herinneringWerkdagen() + 1);
            reden = "niet opgelost binnen " + ladder.herinneringWerkdagen() + " werkdagen";
        } else {
            dag = kalender.werkdagenNa(st.termijnVanaf(), n.reactieWerkdagen() + 1);
            reden = "geen reactie binnen " + n.reactieWerkdagen() + " werkdagen";
        }
        return top ? new Volgende(Gebeurtenis.HERINNERING, dag, l, reden) : new Volgende(Gebeurtenis.OMHOOG, dag, l + 1, reden);
    }

    /** The last day the level at turn can answer (or, once it took the item up, solve it); null when solved. */
    public LocalDate reactieUiterlijk(Escalatieladder ladder, Kalender kalender) {
        Stand st = stand();
        if (!st.open()) {
            return null;
        }
        Escalatieladder.Niveau n = ladder.niveau(opLadder(st.niveau(), ladder));
        return st.opgepakt() != null ? kalender.werkdagenNa(st.opgepakt(), n.opvolgWerkdagen())
                : kalender.werkdagenNa(st.termijnVanaf(), n.reactieWerkdagen());
    }

    /**
     * The item after the automatic steps due at {@code nu}: it moves up (or, at the top, is reminded) when the
     * level at turn let its term pass. The new level's term starts on the day of {@code nu}: a scanner that was
     * down never lets a level's term pass before it was told, so at most one step is taken per run.
     */
    public Escalatie bij(Escalatieladder ladder, Kalender kalender, Instant nu, LocalTime tijd, ZoneId zone) {
        Volgende v = volgende(ladder, kalender);
        if (v == null || v.dag().atTime(tijd).atZone(zone).toInstant().isAfter(nu)) {
            return this;
        }
        return met(new Stap(volgendNr(), v.gebeurtenis(), LocalDate.ofInstant(nu, zone), v.naarNiveau(), null, v.reden()));
    }

    /** When a scanner must look at it again: now while a notice is unsent, else the next automatic step; null: never. */
    public Instant volgendMoment(Escalatieladder ladder, Kalender kalender, Instant nu, LocalTime tijd, ZoneId zone) {
        if (!teVersturen(ladder, kalender, nu).isEmpty()) {
            return nu;
        }
        Volgende v = volgende(ladder, kalender);
        return v == null ? null : v.dag().atTime(tijd).atZone(zone).toInstant();
    }

    int volgendNr() {
        return geschiedenis.getLast().nr() + 1;
    }

    /**
     * With one more step. Consecutive reminders are kept as one step (the latest, with its count), so an item
     * left at the top for years stays small.
     */
    public Escalatie met(Stap stap) {
        List<Stap> nieuw = new ArrayList<>(geschiedenis);
        Set<String> sleutels = new TreeSet<>(verzonden);
        if (stap.gebeurtenis() == Gebeurtenis.HERINNERING && nieuw.getLast().gebeurtenis() == Gebeurtenis.HERINNERING) {
            Stap vorige = nieuw.removeLast();
            stap = new Stap(stap.nr(), stap.gebeurtenis(), stap.datum(), stap.niveau(), null, stap.toelichting(), vorige.herinneringen() + 1);
            // the merged reminder's keys go, but that its level was told stays known (OPGELOST goes to it)
            String oud = sleutelBasis() + vorige.nr() + "#";
            if (sleutels.removeIf(k -> k.startsWith(oud))) {
                sleutels.add(sleutelBasis() + INGELICHT + "#" + vorige.niveau());
            }
        } else if (stap.gebeurtenis() == Gebeurtenis.HERINNERING) {
            stap = new Stap(stap.nr(), stap.gebeurtenis(), stap.datum(), stap.niveau(), null, stap.toelichting(), 1);
        }
        nieuw.add(stap);
        return new Escalatie(id, ladder, gemeente, zaak, onderwerp, nieuw, sleutels);
    }

    public Escalatie metVerzonden(Set<String> sleutels) {
        Set<String> alle = new TreeSet<>(verzonden);
        alle.addAll(sleutels);
        return new Escalatie(id, ladder, gemeente, zaak, onderwerp, geschiedenis, alle);
    }

    /**
     * Closed without a level (niveau 0): the zaak that opened it got a besluit or was withdrawn, or no adopted ladder applied
     * on the day it opened. Unchanged when already solved.
     */
    public Escalatie sluitVanzelf(String reden, LocalDate datum) {
        return open() ? met(new Stap(volgendNr(), Gebeurtenis.OPGELOST, datum, 0, null, reden)) : this;
    }

    // ------------------------------------------------------------------ replies

    /** A reply of a level: {@code Opgepakt}, {@code Opgelost} or {@code Teruggelegd}. */
    public enum Antwoordsoort {
        OPGEPAKT("Opgepakt"), OPGELOST("Opgelost"), TERUGGELEGD("Teruggelegd");

        private final String detailType;

        Antwoordsoort(String detailType) {
            this.detailType = detailType;
        }

        public String detailType() {
            return detailType;
        }

        public static Optional<Antwoordsoort> vanDetailType(String type) {
            for (Antwoordsoort s : values()) {
                if (s.detailType.equals(type)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * A reply. {@code door} says how it came in ({@link #DOOR}): {@code link:niveau-2} through the signed link sent to
     * level 2, {@code bus:123456789012} from a bound integration; it is recorded in the step with the instant it was processed.
     *
     * @param stap for a reply through a link, the step whose notice carried it ({@link #meldstap()}); null from the bus
     */
    public record Antwoord(String event, Antwoordsoort soort, int niveau, LocalDate datum, String toelichting, String door, Integer stap) {
        public Antwoord {
            Objects.requireNonNull(door, "door");
        }
    }

    /** The item with the reply, or it unchanged when the reply was seen before ({@code duplicaat}). */
    public record Beantwoord(Escalatie escalatie, boolean duplicaat) {
    }

    /**
     * The step that gave the level at turn its turn (GEOPEND, OMHOOG or TERUGGELEGD): its notice is the one that
     * invited the answer, and a link carries its number. Reminders at the top do not start a new turn.
     */
    public Stap meldstap() {
        Stap m = geschiedenis.getFirst();
        for (Stap s : geschiedenis) {
            if (s.gebeurtenis() == Gebeurtenis.GEOPEND || s.gebeurtenis() == Gebeurtenis.OMHOOG || s.gebeurtenis() == Gebeurtenis.TERUGGELEGD) {
                m = s;
            }
        }
        return m;
    }

    /** Whether the level at turn has been sent the notice of {@link #meldstap()} (its ledger key is among {@code verzonden}). */
    public boolean aanZetGemeld(Escalatieladder ladder) {
        Stap m = meldstap();
        String soort = m.gebeurtenis() == Gebeurtenis.TERUGGELEGD ? "TERUGGELEGD" : "ESCALATIE";
        return verzonden.contains(sleutelBasis() + m.nr() + "#" + soort + "#" + opLadder(m.niveau(), ladder));
    }

    /** How often level {@code niveau} sent this item back down (a step sent back from it is stored one level lower). */
    public int teruggelegdDoor(int niveau) {
        return (int) geschiedenis.stream().filter(s -> s.gebeurtenis() == Gebeurtenis.TERUGGELEGD && s.niveau() == niveau - 1).count();
    }

    /**
     * Whether it was closed by a level while its zaak had no besluit: a termijnoverschrijding is solved by its besluit
     * or withdrawal ({@link #sluitVanzelf}); closing it otherwise is an explicit decision the regietafel sees.
     */
    public boolean opgelostZonderBesluit() {
        Stap s = stand().opgelost();
        return s != null && s.niveau() > 0 && zaak != null && TERMIJNOVERSCHRIJDING.equals(ladder);
    }

    /**
     * Applies a reply at {@code nu}. No channel can bypass these rules (docs/escalatie.md, "Who may answer"): the reply
     * comes from the level at turn, whose notice was sent and whose turn has not ended; nothing automatic is applied
     * here (that is the scanner's, which tells the next level first).
     *
     * @throws OngeldigeInvoer naming the field when the reply comes from a level not at turn, not told yet or whose
     *                         turn ended, the item is solved, the date lies before the day the level got it, or the
     *                         reply makes no sense here
     */
    public Beantwoord beantwoord(Antwoord a, Escalatieladder ladder, Kalender kalender, Instant nu, LocalTime tijd, ZoneId zone) {
        for (Stap s : geschiedenis) {
            if (a.event().equals(s.event())) {
                if (a.stap() != null) {
                    // a link's event id follows from its token and the answer: pressed again (another day, other text) it is the answer given
                    return new Beantwoord(this, true);
                }
                boolean teruggelegd = a.soort() == Antwoordsoort.TERUGGELEGD;
                // a Teruggelegd step carries the day it was processed, the others the reply's own date
                boolean zelfde = s.niveau() == (teruggelegd ? a.niveau() - 1 : a.niveau())
                        && s.gebeurtenis().name().equals(a.soort().name()) && Objects.equals(s.toelichting(), a.toelichting())
                        && (teruggelegd || s.datum().equals(a.datum()));
                if (!zelfde) {
                    throw new OngeldigeInvoer("id", "event-id is al gebruikt voor een ander antwoord op deze escalatie");
                }
                return new Beantwoord(this, true);
            }
        }
        Stand st = stand();
        LocalDate vandaag = LocalDate.ofInstant(nu, zone);
        if (!st.open()) {
            throw new OngeldigeInvoer("escalatie", "escalatie is al opgelost op " + st.opgelost().datum() + "; een antwoord verandert niets meer");
        }
        if (a.datum().isAfter(vandaag)) {
            throw new OngeldigeInvoer("datum", "datum " + a.datum() + " ligt na vandaag (" + vandaag + ")");
        }
        int l = opLadder(st.niveau(), ladder);
        if (a.niveau() != l) {
            throw new OngeldigeInvoer("niveau", "niveau " + a.niveau() + " is niet aan zet: de escalatie ligt sinds " + st.sinds()
                    + " bij niveau " + l + " (" + ladder.niveau(l).naam() + ")");
        }
        if (a.stap() != null && a.stap() != meldstap().nr()) {
            throw new OngeldigeInvoer("stap", "dit antwoord hoort bij een eerdere beurt van niveau " + l + "; de escalatie is sindsdien verder gegaan");
        }
        if (!aanZetGemeld(ladder)) {
            throw new OngeldigeInvoer("niveau", "niveau " + l + " heeft de melding van deze beurt nog niet gekregen: antwoorden kan pas daarna");
        }
        Volgende v = volgende(ladder, kalender);
        if (v.gebeurtenis() == Gebeurtenis.OMHOOG && !v.dag().atTime(tijd).atZone(zone).toInstant().isAfter(nu)) {
            throw new OngeldigeInvoer("niveau", "de beurt van niveau " + l + " is voorbij sinds " + Datums.lang(v.dag()) + " " + tijd
                    + ": de escalatie gaat naar niveau " + v.naarNiveau() + " (" + ladder.niveau(v.naarNiveau()).naam() + ")");
        }
        if (a.datum().isBefore(st.sinds())) {
            throw new OngeldigeInvoer("datum", "datum " + a.datum() + " ligt voor " + st.sinds() + ", de dag waarop niveau " + l + " de escalatie kreeg");
        }
        return new Beantwoord(switch (a.soort()) {
            case OPGEPAKT -> {
                if (st.opgepakt() != null) {
                    throw new OngeldigeInvoer("escalatie", "niveau " + l + " heeft de escalatie al opgepakt op " + st.opgepakt()
                            + "; oplossen moet uiterlijk " + reactieUiterlijk(ladder, kalender));
                }
                yield met(new Stap(volgendNr(), Gebeurtenis.OPGEPAKT, a.datum(), l, a.event(), a.toelichting(), 0, a.door(), nu));
            }
            case OPGELOST -> {
                if (zaak != null && TERMIJNOVERSCHRIJDING.equals(ladder.id()) && !Vrijetekst.heeftWoorden(a.toelichting())) {
                    throw new OngeldigeInvoer("toelichting", "verplicht bij Opgelost zolang zaak " + zaak + " geen besluit heeft: waarom de escalatie"
                            + " toch klaar is, in woorden (de regietafel krijgt dit besluit te zien)");
                }
                yield met(new Stap(volgendNr(), Gebeurtenis.OPGELOST, a.datum(), l, a.event(), a.toelichting(), 0, a.door(), nu));
            }
            case TERUGGELEGD -> {
                if (l == 1) {
                    throw new OngeldigeInvoer("niveau", "niveau 1 is het laagste niveau: terugleggen kan niet");
                }
                int hoogstens = ladder.niveau(l).terugleggenHoogstens();
                if (teruggelegdDoor(l) >= hoogstens) {
                    throw new OngeldigeInvoer("antwoord", "niveau " + l + " heeft deze escalatie al " + teruggelegdDoor(l) + " keer teruggelegd, het"
                            + " hoogste aantal dat de ladder toestaat: kies Opgepakt of Opgelost, anders " + (l == ladder.top()
                            ? "blijven de herinneringen komen" : "gaat ze op " + Datums.lang(v.dag()) + " naar niveau " + v.naarNiveau()));
                }
                if (!Vrijetekst.heeftWoorden(a.toelichting())) {
                    throw new OngeldigeInvoer("toelichting", "verplicht bij Teruggelegd, in woorden: het besluit dat het lagere niveau meekrijgt");
                }
                // the lower level's fresh term starts the day it is told: the day this reply is processed
                yield met(new Stap(volgendNr(), Gebeurtenis.TERUGGELEGD, vandaag, l - 1, a.event(), a.toelichting(), 0, a.door(), nu));
            }
        }, false);
    }

    // ------------------------------------------------------------------ notices

    /** Key part that records a level was told, left when a merged reminder's own keys are dropped. */
    private static final String INGELICHT = "INGELICHT";

    String sleutelBasis() {
        return "escalatie#" + id + "#";
    }

    /**
     * The notices due and not sent yet: while open, the notice of the latest step that tells a level something
     * (an older unsent one is stale: the item moved on); once solved, {@code OPGELOST} to every level that was
     * told something. A level with {@code informeerRegietafel} gets each notice also on the regietafel.
     */
    public List<Escalatiemelding> teVersturen(Escalatieladder ladder, Kalender kalender, Instant nu) {
        List<Escalatiemelding> uit = new ArrayList<>();
        Stand st = stand();
        if (st.open()) {
            Stap laatste = null;
            for (Stap s : geschiedenis) {
                if (s.meldt()) {
                    laatste = s;
                }
            }
            Escalatiemelding.Soort soort = switch (laatste.gebeurtenis()) {
                case HERINNERING -> Escalatiemelding.Soort.HERINNERING;
                case TERUGGELEGD -> Escalatiemelding.Soort.TERUGGELEGD;
                default -> Escalatiemelding.Soort.ESCALATIE;
            };
            int l = opLadder(laatste.niveau(), ladder);
            voegToe(uit, soort, sleutelBasis() + laatste.nr() + "#" + soort + "#" + l, ladder, l, kalender, nu, false);
        } else {
            int besluitDoor = opgelostZonderBesluit() ? st.opgelost().niveau() : -1;
            for (int l : geinformeerd()) {
                voegToe(uit, Escalatiemelding.Soort.OPGELOST, sleutelBasis() + "OPGELOST#" + l, ladder, opLadder(l, ladder), kalender, nu,
                        l == besluitDoor);
            }
        }
        return uit;
    }

    /** @param regietafelOok also to the regietafel, besides the levels with {@code informeerRegietafel} */
    private void voegToe(List<Escalatiemelding> uit, Escalatiemelding.Soort soort, String sleutel, Escalatieladder ladder, int niveau,
                         Kalender kalender, Instant nu, boolean regietafelOok) {
        Escalatieladder.Niveau n = ladder.niveau(niveau);
        LocalDate uiterlijk = reactieUiterlijk(ladder, kalender);
        Volgende volgende = volgende(ladder, kalender);
        if (!verzonden.contains(sleutel)) {
            uit.add(new Escalatiemelding(soort, sleutel, false, this, ladder, n, uiterlijk, volgende, nu));
        }
        if ((n.informeerRegietafel() || regietafelOok) && !verzonden.contains(sleutel + "#regietafel")) {
            uit.add(new Escalatiemelding(soort, sleutel + "#regietafel", true, this, ladder, n, uiterlijk, volgende, nu));
        }
    }

    /** The levels that were sent a notice (ESCALATIE, HERINNERING, TERUGGELEGD), from the keys of what was sent. */
    public Set<Integer> geinformeerd() {
        Set<Integer> niveaus = new TreeSet<>();
        for (String k : verzonden) {
            if (!k.startsWith(sleutelBasis()) || k.endsWith("#regietafel")) {
                continue;
            }
            String[] d = k.substring(sleutelBasis().length()).split("#");
            if (d.length == 3 && !d[1].equals("OPGELOST")) {
                niveaus.add(Integer.parseInt(d[2]));
            } else if (d.length == 2 && d[0].equals(INGELICHT)) {
                niveaus.add(Integer.parseInt(d[1]));
            }
        }
        return niveaus;
    }
}
