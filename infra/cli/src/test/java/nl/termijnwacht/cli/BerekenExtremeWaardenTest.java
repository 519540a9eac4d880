package nl.termijnwacht.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.junit.jupiter.api.Test;

/**
 * {@code bereken} under extreme and hostile values: every call ends in a result on stdout (exit 0) or in one
 * line on stderr (exit 2), quickly. Never another exit code, a stack trace or a hang.
 */
class BerekenExtremeWaardenTest {

    /** Per call, once the JVM is warm. */
    private static final long GRENS_MS = 250;
    /**
     * A call over the limit is timed again this many times and its best time counts: on a busy machine one
     * scheduling pause is not the code being slow, while a call that really is slow stays slow every time.
     */
    private static final int HERMETINGEN = 4;
    /** A call still running after this is reported as hanging; its (daemon) thread is left behind. */
    private static final Duration HANGT_NA = Duration.ofSeconds(5);

    private static final String LANG = "9".repeat(20_000);

    static final List<String> GELDIGE_DATUMS = List.of("2025-02-21", "2025-03-24", "2025-04-04", "2025-04-14", "2025-05-29",
            "2025-06-20", "2026-01-19", "2026-02-01", "2026-02-20", "2026-03-01", "2026-04-24", "2026-04-28", "2000-01-01",
            "2099-12-31");

    static final List<String> VIJANDIGE_DATUMS = List.of("9999-12-31", "9999-01-01", "+999999999-12-31", "-999999999-01-01",
            "0000-01-01", "-0001-12-31", "+10000-01-01", "1999-12-31", "2100-01-01", "2023-12-31", "1970-01-01",
            "2024-02-30", "2025-02-29", "2025-13-01", "2025-00-10", "2025-02-00", "20250221", "2025-2-21", "2025/02/21",
            "21-02-2025", "2025-02-21T10:00", "2025-02-21Z", "", "  ", "\t", "\n", "\u0000", "2025\u000002-21",
            "2025-02-21\n", "2025-02-21\r\n--json", "\n2025-02-21\nbereken: --ontvangen: nep", "\u001B[2J\u001B[31m",
            "\u202E2025-02-21", "2025-02-21\u202E", "\u202E12-20-5202", "\u200F2025-02-21\u200E", "\uFEFF2025-02-21",
            "\uD800", "\uDC00", "\u2028", "\u0085", "２０２５-０２-２１", "٢٠٢٥-٠٢-٢١", "'", "\"", "%s%n%d", "${jndi:ldap://x/a}",
            "null", "NaN", "-", "--", "/", "//", "2025-02-21/2025-03-01", LANG, "2025-02-21".repeat(2_000),
            "\u202E".repeat(5_000), "-" + LANG);

    static final List<String> GETALLEN = List.of("2147483647", "-2147483648", "2147483648", "0", "-1", "1", "7", "14",
            "366", "367", "99999999999", "-99999999999", "1e9", "1.5", "0x10", "+5", "007", " 7 ", "٣", "３", "\u202E5",
            "5\n", "", "  ", "NaN", "∞", LANG, "-" + LANG);

    static final List<String> DUREN = List.of("P6W", "P42D", "P43D", "P1W", "P2W", "P5W6D", "P6W1D", "P306783379W",
            "P2147483647D", "P-2147483648D", "P-1D", "P1M", "P1Y", "PT1H", "PT1008H", "P0D", "P0W", "P", "PT", "",
            "  ", "p6w", "P6w", "-P6W", "+P6W", "P1Y-12M", "P999999999999D", "P9999999999W", "6W", "P6W\n",
            "\u202EP6W", "P６W", "garbage", LANG, "P" + LANG + "D");

    static final List<String> PROCEDURES = List.of("regulier", "regulier-instemming", "uitgebreid", "Regulier",
            "REGULIER", " regulier ", "regulier\n", "\u202Eregulier", "uitgebreid\u0000", "versneld", "", "  ", "null",
            "regulier-instemming-regulier", LANG);

    private static final List<String> GELDIGE_PROCEDURES = List.of("regulier", "regulier-instemming", "uitgebreid");

    // ---- generators ----------------------------------------------------------------------------------

    private static Arbitrary<LocalDate> dagen(LocalDate van, LocalDate tot) {
        return Arbitraries.longs().between(van.toEpochDay(), tot.toEpochDay()).map(LocalDate::ofEpochDay);
    }

    private static Arbitrary<String> vrijeTekst() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withChars("0123456789-+/PWDTMYe. \u202E\n\t\u0000").ofMaxLength(30));
    }

    private static Arbitrary<String> datum() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of(GELDIGE_DATUMS)),
                Tuple.of(5, Arbitraries.of(VIJANDIGE_DATUMS)),
                Tuple.of(3, dagen(LocalDate.of(1995, 1, 1), LocalDate.of(2110, 12, 31)).map(LocalDate::toString)),
                Tuple.of(2, dagen(LocalDate.MIN, LocalDate.MAX).map(LocalDate::toString)),
                Tuple.of(1, vrijeTekst()));
    }

    private static Arbitrary<String> getal() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of(GETALLEN)),
                Tuple.of(2, Arbitraries.integers().map(String::valueOf)),
                Tuple.of(1, Arbitraries.longs().map(String::valueOf)),
                Tuple.of(1, vrijeTekst()));
    }

    private static Arbitrary<String> duur() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of(DUREN)),
                Tuple.of(2, Arbitraries.integers().map(n -> "P" + n + "D")),
                Tuple.of(2, Arbitraries.integers().map(n -> "P" + n + "W")),
                Tuple.of(1, vrijeTekst()));
    }

    private static Arbitrary<String> procedure() {
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(GELDIGE_PROCEDURES)), Tuple.of(2, Arbitraries.of(PROCEDURES)),
                Tuple.of(1, vrijeTekst()));
    }

    /** Any hostile value, of whatever kind: the one spoiled value in an otherwise sensible call. */
    private static Arbitrary<String> vijandig() {
        return Arbitraries.oneOf(Arbitraries.of(VIJANDIGE_DATUMS), Arbitraries.of(GETALLEN), Arbitraries.of(DUREN),
                Arbitraries.of(PROCEDURES), vrijeTekst());
    }

    /** Mostly V/A; also a running one (V/ or V) and malformed separators. */
    private static Arbitrary<String> aanvulling() {
        return Combinators.combine(datum(), datum(), Arbitraries.of("V/A", "V/A", "V/A", "V/A", "V/", "V", "V//A", "V / A", "V/A/V", "/A"))
                .as((v, a, vorm) -> vorm.replace("V", v).replace("A", a));
    }

    /** The option with one value, or not at all. */
    private static Arbitrary<List<List<String>>> eenmaal(String optie, Arbitrary<String> waarde, int kansProcent) {
        return Arbitraries.frequencyOf(
                Tuple.of(100 - kansProcent, Arbitraries.just(List.<List<String>>of())),
                Tuple.of(kansProcent, waarde.map(w -> List.of(List.of(optie, w)))));
    }

    /** The option repeated: mostly a few times, sometimes hundreds. */
    private static Arbitrary<List<List<String>>> herhaald(String optie, Arbitrary<String> waarde, int weinig, int veel) {
        Arbitrary<List<String>> groep = waarde.map(w -> List.of(optie, w));
        List<Tuple.Tuple2<Integer, Arbitrary<List<List<String>>>>> keuzes = new ArrayList<>(List.of(
                Tuple.of(5, Arbitraries.just(List.<List<String>>of())),
                Tuple.of(4, groep.list().ofMinSize(1).ofMaxSize(weinig))));
        if (veel > 0) {
            keuzes.add(Tuple.of(1, groep.list().ofMinSize(100).ofMaxSize(veel)));
        }
        return Arbitraries.frequencyOf(keuzes);
    }

    /** Every option, each value drawn from valid and hostile values alike. */
    private static Arbitrary<List<List<String>>> chaotisch() {
        return Combinators.combine(List.of(
                eenmaal("--procedure", procedure(), 92),
                eenmaal("--ontvangen", datum(), 92),
                herhaald("--aanvulling", aanvulling(), 3, 300),
                herhaald("--aanvulling-zonder-termijn", aanvulling(), 2, 0),
                herhaald("--instemming-dagen", getal(), 3, 0),
                herhaald("--verlenging", duur(), 2, 0),
                eenmaal("--verlenging-bekendgemaakt", datum(), 50),
                eenmaal("--ingebrekestelling", datum(), 30),
                eenmaal("--besluit", datum(), 30),
                eenmaal("--ingetrokken", datum(), 20),
                eenmaal("--peildatum", datum(), 75))).as(BerekenExtremeWaardenTest::samen);
    }

    /** A chain of aanvullingen after ontvangst: V, then A a few days later, the next V after that. */
    private static Arbitrary<List<List<String>>> aanvullingsketen(LocalDate ontvangen) {
        Arbitrary<List<Integer>> stappen = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(1, 20).list().ofMaxSize(3)),
                Tuple.of(1, Arbitraries.integers().between(1, 3).list().ofMinSize(100).ofMaxSize(300)));
        return stappen.map(s -> {
            List<List<String>> groepen = new ArrayList<>();
            LocalDate v = ontvangen.plusDays(2);
            for (int stap : s) {
                LocalDate a = v.plusDays(stap);
                groepen.add(List.of("--aanvulling", v + "/" + a));
                v = a.plusDays(1);
            }
            return groepen;
        });
    }

    /** A sensible application around a date, possibly with one value spoiled by a hostile one. */
    private static Arbitrary<List<List<String>>> realistisch() {
        Arbitrary<List<List<String>>> zinnig = dagen(LocalDate.of(2024, 1, 1), LocalDate.of(2099, 6, 30)).flatMap(d ->
                Combinators.combine(List.of(
                        Arbitraries.of(GELDIGE_PROCEDURES).map(p -> List.of(List.of("--procedure", p))),
                        Arbitraries.just(List.of(List.of("--ontvangen", d.toString()))),
                        aanvullingsketen(d),
                        eenmaal("--instemming-dagen", Arbitraries.integers().between(1, 60).map(String::valueOf), 20),
                        verlenging(d),
                        eenmaal("--ingebrekestelling", Arbitraries.integers().between(30, 200).map(n -> d.plusDays(n).toString()), 30),
                        eenmaal("--besluit", Arbitraries.integers().between(0, 250).map(n -> d.plusDays(n).toString()), 25),
                        eenmaal("--ingetrokken", Arbitraries.integers().between(0, 250).map(n -> d.plusDays(n).toString()), 10)))
                        .as(BerekenExtremeWaardenTest::samen))
                // a peildatum on or after every fact (an earlier one is an error), or none: today
                .flatMap(groepen -> eenmaal("--peildatum", Arbitraries.integers().between(0, 100)
                        .map(n -> laatsteDatum(groepen).plusDays(n).toString()), 90)
                        .map(peil -> samen(List.of(groepen, peil))));
        return zinnig.flatMap(groepen -> Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(groepen)),
                Tuple.of(1, Combinators.combine(Arbitraries.integers().between(0, groepen.size() - 1), vijandig())
                        .as((i, waarde) -> {
                            List<List<String>> bedorven = new ArrayList<>(groepen);
                            bedorven.set(i, List.of(groepen.get(i).get(0), waarde));
                            return bedorven;
                        }))));
    }

    /** No verlenging, or one of 1 to 6 weeks made known within the first weeks. */
    private static Arbitrary<List<List<String>>> verlenging(LocalDate ontvangen) {
        Arbitrary<List<List<String>>> een = Combinators.combine(Arbitraries.integers().between(1, 6), Arbitraries.of("W", "D"),
                        Arbitraries.integers().between(1, 50))
                .as((weken, eenheid, na) -> List.of(
                        List.of("--verlenging", eenheid.equals("W") ? "P" + weken + "W" : "P" + (weken * 7) + "D"),
                        List.of("--verlenging-bekendgemaakt", ontvangen.plusDays(na).toString())));
        return Arbitraries.frequencyOf(Tuple.of(7, Arbitraries.just(List.<List<String>>of())), Tuple.of(3, een));
    }

    /** The latest date among the values (for V/A the A). */
    private static LocalDate laatsteDatum(List<List<String>> groepen) {
        LocalDate laatste = LocalDate.MIN;
        for (List<String> g : groepen) {
            String waarde = g.get(1);
            String datum = waarde.substring(waarde.lastIndexOf('/') + 1);
            if (datum.matches("\\d{4}-\\d{2}-\\d{2}")) {
                LocalDate d = LocalDate.parse(datum);
                laatste = d.isAfter(laatste) ? d : laatste;
            }
        }
        return laatste;
    }

    private static List<List<String>> samen(List<List<List<String>>> delen) {
        return delen.stream().flatMap(List::stream).toList();
    }

    @Provide
    Arbitrary<List<String>> aanroepen() {
        Arbitrary<List<List<String>>> groepen = Arbitraries.frequencyOf(Tuple.of(1, chaotisch()), Tuple.of(1, realistisch()));
        // options in any order; --json or not
        return Combinators.combine(groepen.flatMap(Arbitraries::shuffle), Arbitraries.of(true, false)).as((g, json) -> {
            List<String> args = new ArrayList<>();
            args.add("bereken");
            g.forEach(args::addAll);
            if (json) {
                args.add("--json");
            }
            return args;
        });
    }

    // ---- the property --------------------------------------------------------------------------------

    private int gevallen;
    private int exit0;
    private int exit2;
    private long maxNanos;
    private long maxEersteNanos;
    private int hermeten;
    private List<String> traagste = List.of();

    @BeforeProperty
    void warmDraaien() {
        List<String[]> voorbeelden = List.of(
                new String[] {"bereken", "--procedure", "regulier", "--ontvangen", "2025-02-21", "--peildatum", "2025-03-01"},
                new String[] {"bereken", "--procedure", "regulier", "--ontvangen", "2026-01-19", "--verlenging", "P6W",
                        "--verlenging-bekendgemaakt", "2026-02-20", "--peildatum", "2026-03-01", "--json"},
                new String[] {"bereken", "--procedure", "uitgebreid", "--ontvangen", "2025-03-24", "--aanvulling", "2025-04-04/2025-04-14",
                        "--ingebrekestelling", "2025-05-29", "--peildatum", "2025-06-20", "--json"},
                new String[] {"bereken", "--procedure", "regulier-instemming", "--ontvangen", "2025-03-24", "--instemming-dagen", "10",
                        "--besluit", "2025-06-01", "--peildatum", "2025-06-20"},
                new String[] {"bereken", "--procedure", "versneld", "--ontvangen", "2025-01-06", "--json"},
                new String[] {"bereken", "--procedure", "regulier", "--ontvangen", "2026-02-30"},
                new String[] {"bereken", "--procedure", "regulier", "--ontvangen", "2025-01-06", "--instemming-dagen", "veel"});
        for (int i = 0; i < 60; i++) {
            for (String[] args : voorbeelden) {
                meet(List.of(args));
            }
        }
    }

    @Property(tries = 1500, seed = "20260424")
    @Label("bereken met extreme waarden: exit 0 met uitvoer of exit 2 met één foutregel, binnen 250 ms, nooit een exceptie")
    void exitcodeNulOfTweeEnSnel(@ForAll("aanroepen") List<String> args) {
        Meting m = meet(args);
        gevallen++;
        maxEersteNanos = Math.max(maxEersteNanos, m.nanos());
        long nanos = m.nanos();
        for (int i = 0; i < HERMETINGEN && m.klaar() && nanos > GRENS_MS * 1_000_000; i++) {
            hermeten++;
            nanos = Math.min(nanos, meet(args).nanos());
        }
        if (nanos > maxNanos) {
            maxNanos = nanos;
            traagste = args;
        }
        long beste = nanos;
        if (!m.klaar()) {
            fail("hangt: na " + HANGT_NA.toSeconds() + " s nog bezig: " + zichtbaar(args));
        }
        if (m.fout() != null) {
            fail("exceptie " + m.fout() + " bij " + zichtbaar(args) + "\n" + stapel(m.fout()));
        }
        Uitkomst u = m.uitkomst();
        switch (u.code()) {
            case 0 -> {
                exit0++;
                assertFalse(u.out().isBlank(), () -> "exit 0 zonder uitvoer: " + zichtbaar(args));
            }
            case 2 -> {
                exit2++;
                assertEenFoutregel(u, args);
            }
            default -> fail("exit " + u.code() + " bij " + zichtbaar(args) + "\nstderr: " + kort(u.err(), 2_000));
        }
        assertTrue(beste <= GRENS_MS * 1_000_000, () -> String.format("%.1f ms, ook na %d keer opnieuw (grens %d ms) bij %s",
                beste / 1e6, HERMETINGEN, GRENS_MS, zichtbaar(args)));
    }

    @AfterProperty
    void verslag() {
        System.out.printf("bereken extreme waarden: %d gevallen, exit0=%d, exit2=%d, max %.1f ms%n",
                gevallen, exit0, exit2, maxNanos / 1e6);
        System.out.printf("  eerste metingen max %.1f ms, %d keer opnieuw gemeten; traagste: %s%n",
                maxEersteNanos / 1e6, hermeten, zichtbaar(traagste));
    }

    // ---- required exit-2 examples --------------------------------------------------------------------

    private static final String[] BASIS = {"bereken", "--procedure", "regulier", "--ontvangen", "2026-01-19", "--peildatum", "2026-03-01"};

    private static String[] met(String[] basis, String... extra) {
        return Stream.concat(Arrays.stream(basis), Arrays.stream(extra)).toArray(String[]::new);
    }

    /** The call, as text and as JSON, must give exit 2 with one line that names {@code optie}. */
    private static void eenFoutregelOver(String optie, String... args) {
        for (String[] a : List.of(args, met(args, "--json"))) {
            Meting m = meet(List.of(a));
            if (!m.klaar()) {
                fail("hangt: na " + HANGT_NA.toSeconds() + " s nog bezig: " + zichtbaar(List.of(a)));
            }
            if (m.fout() != null) {
                fail("exceptie " + m.fout() + " bij " + zichtbaar(List.of(a)) + "\n" + stapel(m.fout()));
            }
            Uitkomst u = m.uitkomst();
            assertEquals(2, u.code(), () -> String.format("exit %d na %.1f ms bij %s%nstdout: %s%nstderr: %s", u.code(), m.nanos() / 1e6,
                    zichtbaar(List.of(a)), kort(u.out(), 300), kort(u.err(), 2_000)));
            assertEenFoutregel(u, List.of(a));
            assertTrue(u.err().strip().startsWith("bereken: " + optie + ":"), () -> "noemt " + optie + " niet: " + u.err().strip());
        }
    }

    @Test
    void instemmingDagenTweemaalMaxInt() {
        eenFoutregelOver("--instemming-dagen", met(BASIS, "--instemming-dagen", "2147483647", "--instemming-dagen", "2147483647"));
    }

    @Test
    void instemmingDagenBovenEenJaar() {
        eenFoutregelOver("--instemming-dagen", met(BASIS, "--instemming-dagen", "367"));
    }

    @Test
    void verlengingVanMiljoenenWeken() {
        eenFoutregelOver("--verlenging", met(BASIS, "--verlenging", "P306783379W", "--verlenging-bekendgemaakt", "2026-02-01"));
    }

    @Test
    void ontvangenIn9999() {
        eenFoutregelOver("--ontvangen", "bereken", "--procedure", "regulier", "--ontvangen", "9999-01-01");
    }

    @Test
    void ontvangenAanHetEindeVanDeTijd() {
        eenFoutregelOver("--ontvangen", "bereken", "--procedure", "regulier", "--ontvangen", "+999999999-12-31");
    }

    @Test
    void peildatumAanHetEindeVanDeTijd() {
        eenFoutregelOver("--peildatum", "bereken", "--procedure", "regulier", "--ontvangen", "2026-01-19", "--peildatum", "+999999999-12-31");
    }

    @Test
    void aanvullingTotHetEindeVanDeTijd() {
        eenFoutregelOver("--aanvulling", met(BASIS, "--aanvulling", "2026-02-01/+999999999-12-31"));
    }

    @Test
    void peildatumVoorDeOntvangst() {
        eenFoutregelOver("--peildatum", "bereken", "--procedure", "regulier", "--ontvangen", "2026-01-19", "--peildatum", "2026-01-01");
    }

    /** The report of the slowest case goes into Surefire's XML: it must hold only characters XML 1.0 allows, whatever was generated. */
    @Test
    void zichtbaarGeeftAlleenTekensDieXmlToestaat() {
        StringBuilder alles = new StringBuilder();
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            alles.appendCodePoint(c);
        }
        alles.append('\uDC00').append('\uD800'); // unpaired, in the wrong order
        List<String> args = new ArrayList<>();
        for (int i = 0; i < alles.length(); i += 50) {
            args.add(alles.substring(i, Math.min(alles.length(), i + 50)));
        }
        args.add("Aé€\uD83D\uDE00");
        String uit = zichtbaar(args);
        uit.codePoints().forEach(c -> assertTrue(c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF), () -> String.format("U+%04X in de uitvoer", c)));
        assertTrue(uit.codePoints().noneMatch(c -> Character.getType(c) == Character.CONTROL), "stuurteken in de uitvoer");
        assertTrue(uit.contains("\\uFFFF") && uit.contains("\\u0000") && uit.contains("\\u202E") && uit.contains("\\uDC00"),
                "onzichtbare tekens staan er niet als \\uXXXX in");
        assertTrue(uit.contains("\"Aé€\uD83D\uDE00\""), "zichtbare tekens blijven staan");
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private static void assertEenFoutregel(Uitkomst u, List<String> args) {
        assertEquals("", u.out(), () -> "exit 2 met uitvoer op stdout bij " + zichtbaar(args));
        String regel = u.err().strip();
        assertFalse(regel.isEmpty(), () -> "exit 2 zonder foutmelding bij " + zichtbaar(args));
        assertEquals(1, regel.lines().count(), () -> "foutmelding van meer dan één regel bij " + zichtbaar(args) + ":\n" + kort(u.err(), 2_000));
    }

    /** One call in its own thread: a hanging call is reported instead of stalling the build. */
    record Meting(boolean klaar, Uitkomst uitkomst, Throwable fout, long nanos) {
    }

    static Meting meet(List<String> args) {
        String[] argv = args.toArray(String[]::new);
        AtomicReference<Uitkomst> uitkomst = new AtomicReference<>();
        AtomicReference<Throwable> fout = new AtomicReference<>();
        AtomicLong nanos = new AtomicLong(-1);
        Thread t = Thread.ofPlatform().daemon().name("bereken-extreem").start(() -> {
            long begin = System.nanoTime();
            try {
                uitkomst.set(Uitkomst.run(argv));
            } catch (Throwable e) {
                fout.set(e);
            } finally {
                nanos.set(System.nanoTime() - begin);
            }
        });
        try {
            if (!t.join(HANGT_NA)) {
                return new Meting(false, null, null, HANGT_NA.toNanos());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return new Meting(true, uitkomst.get(), fout.get(), nanos.get());
    }

    /**
     * Arguments as a reader can see them: long values cut, and every code point that is invisible, direction-changing,
     * unpaired or unassigned (U+FFFE and U+FFFF among them) written as {@code \\uXXXX}. The report lands in Surefire's
     * XML, where such a character makes the whole file unreadable (CI's totals once failed on one).
     */
    static String zichtbaar(List<String> args) {
        StringBuilder s = new StringBuilder();
        for (String a : args) {
            if (!s.isEmpty()) {
                s.append(' ');
            }
            s.append('"');
            String w = a.length() > 60 ? a.substring(0, 40) : a;
            w.codePoints().forEach(c -> {
                if (onzichtbaar(c)) {
                    for (char deel : Character.toChars(c)) {
                        s.append(String.format("\\u%04X", (int) deel));
                    }
                } else {
                    s.appendCodePoint(c);
                }
            });
            if (a.length() > 60) {
                s.append("…(").append(a.length()).append(" tekens)");
            }
            s.append('"');
        }
        return s.toString();
    }

    private static boolean onzichtbaar(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                 Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
            default -> false;
        };
    }

    private static String kort(String tekst, int max) {
        return tekst.length() <= max ? tekst : tekst.substring(0, max) + "…(" + tekst.length() + " tekens)";
    }

    private static String stapel(Throwable e) {
        StringWriter s = new StringWriter();
        e.printStackTrace(new PrintWriter(s));
        return kort(s.toString(), 3_000);
    }
}
