package nl.termijnwacht.functions.zaakevents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A seeded generator of hostile (and valid) {@code zaak-events} input: EventBridge envelopes as JSON text,
 * over about forty zaken, in one fixed order. Every distinctive value planted in an event (personal data,
 * hostile text of six characters or more) is listed in {@link #markers()}, so a test can check that none of
 * them ever reaches a log.
 *
 * <p>Each event carries a label ({@code soort}) saying what is hostile about it, and — only where the rules
 * (docs/termijnregels.md, docs/architectuur.md) fix the outcome regardless of the zaak's state — an expected outcome.
 */
final class VijandigeEvents {

    /** Fixed: the same events in the same order on every run. */
    static final long ZAAD = 20_260_615L;
    /** The day the test's clock stands on: no fact may be dated after it. */
    static final LocalDate PEILDAG = LocalDate.of(2026, 6, 15);
    static final String BRON = "termijnwacht.zaken";
    /** EventBridge's maximum event size: 256 KiB. */
    static final int MAX_EVENT_BYTES = 256 * 1024;

    private static final LocalDate EERSTE_DATUM = LocalDate.of(2000, 1, 1);
    private static final LocalDate LAATSTE_DATUM = LocalDate.of(2099, 12, 31);
    private static final LocalDate EERSTE_ONTVANGST = LocalDate.of(2024, 1, 1);
    private static final Pattern ISO_DATUM = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    /** What the rules say must happen, independent of the order of arrival; checked at run time where a condition applies. */
    enum Verwachting {
        /** Not fixed by the rules (valid, or depends on the zaak's facts). */
        GEEN,
        /** Must be AFGEWEZEN. */
        AFWIJZEN,
        /** Same id as {@code origineel}, other content: AFGEWEZEN with veld "id" (when the original's fact is stored). */
        AFWIJZEN_OP_ID,
        /** Same fact as {@code origineel} (same id, or same content under a new id): AL_VERWERKT (when the original's fact is stored). */
        AL_VERWERKT,
        /** A second AanvraagOntvangen with other data: AFGEWEZEN (when the zaak has a stored receipt). */
        TEGENSPRAAK
    }

    /**
     * @param nr          position in the run (0-based)
     * @param soort       what kind of (hostile) event this is, for reports
     * @param json        the event as sent
     * @param origineel   for the repeat kinds: the {@code nr} of the event repeated; else -1
     */
    record Event(int nr, String soort, String json, Verwachting verwachting, int origineel) {
        int bytes() {
            return json.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    /** Personal data planted in zaak references, ids and extra fields (BSNs pass the elfproef). */
    static final List<String> PERSOONSGEGEVENS = List.of("999999990", "123456782", "111222333", "Jan.Jansen", "Jan Jansen",
            "jan.jansen@example.nl", "p.devries@example.org", "Piet de Vries", "Piet-de-Vries", "Fatima El Amrani",
            "+31612345678", "0612345678", "020-5551234", "Dorpsstraat 1", "NL91ABNA0417164300");

    private static final String[] GEMEENTEN = {"GM0363", "GM0518", "GM0599", "GM0344", "GM0014"};
    private static final String[] PROCEDURES = {"regulier", "regulier-instemming", "uitgebreid"};
    private static final String[] VOLGFEITEN = {"AanvullingGevraagd", "AanvullingOntvangen", "OpschortingMetInstemming",
            "TermijnVerlengd", "IngebrekestellingOntvangen", "BesluitBekendgemaakt", "AanvraagIngetrokken"};
    private static final int[] VOLGFEIT_GEWICHT = {22, 22, 12, 14, 12, 10, 4};
    /** Zaak references that hold personal data or break the reference rules: every event for them must be rejected. */
    private static final String[] PERSOONLIJKE_ZAAKREFERENTIES = {"999999990", "123456782", "Jan.Jansen", "jan.jansen@example.nl",
            "Piet-de-Vries", "ZAAK 2026 Piet de Vries"};

    private static final String[] ABSURDE_DATUMS = {"+999999999-12-31", "-999999999-01-01", "-1-01-01", "-0001-01-01", "0000-01-01",
            "9999-12-31", "2026-02-30", "2026-02-29", "2024-02-29", "2062-01-01", "1970-01-01", "1999-12-31", "2000-01-01", "2099-12-31",
            "2100-01-01", "2023-12-31", "2026-06-16", "2026-06-15", "2026-12-25", "2027-01-01", "2026-13-01", "2026-00-10", "2026-1-5",
            "20260301", "2026/03/01", "01-03-2026", "2026-03-01T00:00:00Z", "2026-03-01 ", "\uFF12\uFF10\uFF12\uFF16-03-01", "", "   ",
            "null", "gisteren", "9", "+2026-03-01", "2026-03-32", "2026-04-31"};
    private static final String[] ABSURDE_DUREN = {"P306783379W", "P2147483647D", "P-1D", "P0D", "P1M", "PT1H", "P43D", "zes weken",
            "P", "", "P1Y", "P7W", "P6W1D", "P-6W", "P0W", "PT1008H", "P9223372036854775807D", "P6W ", "6W", "P1.5W", "P99999999999W"};

    private final Random rnd = new Random(ZAAD);
    private final ObjectMapper json = new ObjectMapper();
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private final List<Event> events = new ArrayList<>();
    private final Set<String> markers = new LinkedHashSet<>(PERSOONSGEGEVENS);
    private final Set<String> schoneIds = new LinkedHashSet<>();
    private final List<Zaak> zaken = new ArrayList<>();
    private final List<Zaak> gewoneZaken = new ArrayList<>();
    /** Events sent valid and without expectation, for the repeat kinds. */
    private final List<Gebouwd> herbruikbaar = new ArrayList<>();
    private int tokenTeller;
    private int stuurtekenTeller;

    private static final class Zaak {
        final String gemeente;
        final String ref;
        final boolean persoonlijk;
        final LocalDate ontvangen;
        final String procedure;
        final int ontvangstStap;
        boolean ontvangstVerstuurd;

        Zaak(String gemeente, String ref, boolean persoonlijk, LocalDate ontvangen, String procedure, int ontvangstStap) {
            this.gemeente = gemeente;
            this.ref = ref;
            this.persoonlijk = persoonlijk;
            this.ontvangen = ontvangen;
            this.procedure = procedure;
            this.ontvangstStap = ontvangstStap;
        }
    }

    /** An event under construction: its type and detail kept apart so a repeat can reuse them. */
    private static final class Gebouwd {
        final Zaak zaak;
        final String type;
        final ObjectNode envelope;
        int nr = -1;

        Gebouwd(Zaak zaak, String type, ObjectNode envelope) {
            this.zaak = zaak;
            this.type = type;
            this.envelope = envelope;
        }

        ObjectNode detail() {
            return (ObjectNode) envelope.get("detail");
        }

        String id() {
            return envelope.get("id").asText();
        }
    }

    private enum Soort {
        GELDIG(420), EXTRA_PERSOONSGEGEVENS(60), PERSOONLIJK_ID(25), PERSOONLIJKE_ZAAK(30), ONTBREKEND(60), TYPEFOUT(90),
        GROOT(40), OVER_256KB(1), STUURTEKENS(100), DATUM(80), DUUR(40), DAGEN(30), ONBEKEND_TYPE(20), ONBEKENDE_BRON(20),
        GEEN_JSON(20), GEEN_OBJECT(12), RUW(24), ZELFDE_ID_ZELFDE_INHOUD(40), ZELFDE_ID_ANDERE_INHOUD(40), ZELFDE_INHOUD_NIEUW_ID(40),
        VOOR_ONTVANGST_GEDATEERD(25), TWEEDE_ONTVANGST(20), BESLUIT_VOOR_ONTVANGST(15);

        final int aantal;

        Soort(int aantal) {
            this.aantal = aantal;
        }
    }

    private VijandigeEvents() {
    }

    /** The events, in the order they are to be sent. */
    static VijandigeEvents genereer() {
        VijandigeEvents g = new VijandigeEvents();
        g.maakZaken();
        g.maakEvents();
        g.controleer();
        return g;
    }

    List<Event> events() {
        return Collections.unmodifiableList(events);
    }

    /** Every distinctive planted value (personal data, hostile text of six characters or more). */
    Set<String> markers() {
        return Collections.unmodifiableSet(markers);
    }

    // ---------------------------------------------------------------- zaken

    private void maakZaken() {
        Set<String> refs = new LinkedHashSet<>();
        for (int i = 0; i < 34; i++) {
            String ref;
            do {
                ref = String.format("ZAAK-2026-%07d", rnd.nextInt(10_000_000));
            } while (!refs.add(ref));
            // ten zaken hear of their receipt late: their follow-up facts arrive first
            int stap = i < 10 ? 300 + rnd.nextInt(800) : rnd.nextInt(120);
            Zaak z = new Zaak(GEMEENTEN[rnd.nextInt(GEMEENTEN.length)], ref, false, ontvangstdatum(), PROCEDURES[rnd.nextInt(3)], stap);
            zaken.add(z);
            gewoneZaken.add(z);
        }
        for (String ref : PERSOONLIJKE_ZAAKREFERENTIES) {
            zaken.add(new Zaak("GM0363", ref, true, ontvangstdatum(), PROCEDURES[rnd.nextInt(3)], rnd.nextInt(600)));
        }
    }

    /** A receipt date in 2026-01 .. 2026-05. */
    private LocalDate ontvangstdatum() {
        return LocalDate.of(2026, 1, 1).plusDays(rnd.nextInt(151));
    }

    // ---------------------------------------------------------------- the run

    private void maakEvents() {
        List<Soort> zak = new ArrayList<>();
        for (Soort s : Soort.values()) {
            for (int i = 0; i < s.aantal; i++) {
                zak.add(s);
            }
        }
        Collections.shuffle(zak, rnd);
        // the over-256-KB events go in at fixed points, spread over the run
        zak.set(200, Soort.OVER_256KB);
        for (int i = 0; i < zak.size(); i++) {
            ontvangstenDieAanDeBeurtZijn();
            if (!maak(zak.get(i))) {
                zak.add(zak.get(i)); // not possible yet (nothing to repeat, no receipt): later
            }
        }
        for (Zaak z : zaken) {
            if (!z.ontvangstVerstuurd) {
                ontvangst(z);
            }
        }
    }

    private void ontvangstenDieAanDeBeurtZijn() {
        for (Zaak z : zaken) {
            if (!z.ontvangstVerstuurd && events.size() >= z.ontvangstStap) {
                ontvangst(z);
            }
        }
    }

    private void ontvangst(Zaak z) {
        z.ontvangstVerstuurd = true;
        ObjectNode detail = detail(z).put("procedure", z.procedure).put("ontvangen", z.ontvangen.toString());
        Gebouwd g = new Gebouwd(z, "AanvraagOntvangen", envelope(uuid(), "AanvraagOntvangen", detail));
        if (z.persoonlijk) {
            stuur("persoonlijke-zaak:ontvangst", g, Verwachting.AFWIJZEN, -1);
        } else {
            stuurGeldig("ontvangst", g);
        }
    }

    private boolean maak(Soort soort) {
        switch (soort) {
            case GELDIG -> stuurGeldig("geldig", volgfeit(gewoneZaak()));
            case EXTRA_PERSOONSGEGEVENS -> extraPersoonsgegevens();
            case PERSOONLIJK_ID -> persoonlijkId();
            case PERSOONLIJKE_ZAAK -> persoonlijkeZaak();
            case ONTBREKEND -> ontbrekend();
            case TYPEFOUT -> typefout();
            case GROOT -> groot();
            case OVER_256KB -> over256kb();
            case STUURTEKENS -> stuurtekens();
            case DATUM -> datum();
            case DUUR -> duur();
            case DAGEN -> dagen();
            case ONBEKEND_TYPE -> onbekendType();
            case ONBEKENDE_BRON -> onbekendeBron();
            case GEEN_JSON -> geenJson();
            case GEEN_OBJECT -> geenObject();
            case RUW -> ruw();
            case ZELFDE_ID_ZELFDE_INHOUD -> {
                if (herbruikbaar.isEmpty()) {
                    return false;
                }
                Gebouwd o = herbruikbaar.get(rnd.nextInt(herbruikbaar.size()));
                voegToe("zelfde-id-zelfde-inhoud", tekst(o.envelope), Verwachting.AL_VERWERKT, o.nr);
            }
            case ZELFDE_ID_ANDERE_INHOUD -> {
                if (herbruikbaar.isEmpty()) {
                    return false;
                }
                zelfdeIdAndereInhoud(herbruikbaar.get(rnd.nextInt(herbruikbaar.size())));
            }
            case ZELFDE_INHOUD_NIEUW_ID -> {
                if (herbruikbaar.isEmpty()) {
                    return false;
                }
                Gebouwd o = herbruikbaar.get(rnd.nextInt(herbruikbaar.size()));
                ObjectNode e = o.envelope.deepCopy();
                e.put("id", uuid());
                e.put("time", tijd());
                voegToe("zelfde-inhoud-nieuw-id", tekst(e), Verwachting.AL_VERWERKT, o.nr);
            }
            case VOOR_ONTVANGST_GEDATEERD -> {
                Zaak z = gewoneZaak();
                LocalDate d = z.ontvangen.minusDays(1 + rnd.nextInt(45));
                stuur("gedateerd-voor-ontvangst", volgfeit(z, VOLGFEITEN[rnd.nextInt(5)], d), Verwachting.GEEN, -1);
            }
            case TWEEDE_ONTVANGST -> {
                Zaak z = zaakMetOntvangst();
                if (z == null) {
                    return false;
                }
                tweedeOntvangst(z);
            }
            case BESLUIT_VOOR_ONTVANGST -> {
                Zaak z = zaakMetOntvangst();
                if (z == null) {
                    return false;
                }
                stuur("besluit-voor-ontvangst", volgfeit(z, "BesluitBekendgemaakt", z.ontvangen.minusDays(1 + rnd.nextInt(60))), Verwachting.GEEN, -1);
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- building blocks

    private Zaak gewoneZaak() {
        return gewoneZaken.get(rnd.nextInt(gewoneZaken.size()));
    }

    private Zaak zaakMetOntvangst() {
        List<Zaak> met = gewoneZaken.stream().filter(z -> z.ontvangstVerstuurd).toList();
        return met.isEmpty() ? null : met.get(rnd.nextInt(met.size()));
    }

    private String uuid() {
        String id = new UUID((rnd.nextLong() & ~0xF000L) | 0x4000L, (rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
        schoneIds.add(id);
        return id;
    }

    private String tijd() {
        LocalDate d = LocalDate.of(2026, 1, 1).plusDays(rnd.nextInt(166));
        return d + String.format("T%02d:%02d:%02dZ", rnd.nextInt(24), rnd.nextInt(60), rnd.nextInt(60));
    }

    /** A fresh distinctive token (planted, so listed as a marker). */
    private String token() {
        String t = String.format("PLNT%04d%c%c", tokenTeller++, (char) ('g' + rnd.nextInt(20)), (char) ('g' + rnd.nextInt(20)));
        markers.add(t);
        return t;
    }

    private ObjectNode detail(Zaak z) {
        return nodes.objectNode().put("gemeente", z.gemeente).put("zaak", z.ref);
    }

    private ObjectNode envelope(String id, String type, ObjectNode detail) {
        ObjectNode e = nodes.objectNode();
        e.put("version", "0");
        e.put("id", id);
        e.put("detail-type", type);
        e.put("source", BRON);
        e.put("account", "123456789012");
        e.put("time", tijd());
        e.put("region", "eu-west-1");
        e.putArray("resources");
        e.set("detail", detail);
        return e;
    }

    private String volgfeitType() {
        int totaal = 0;
        for (int w : VOLGFEIT_GEWICHT) {
            totaal += w;
        }
        int r = rnd.nextInt(totaal);
        for (int i = 0; i < VOLGFEITEN.length; i++) {
            r -= VOLGFEIT_GEWICHT[i];
            if (r < 0) {
                return VOLGFEITEN[i];
            }
        }
        throw new AssertionError();
    }

    /** A plausible follow-up fact, dated after the zaak's receipt and not after the clock. */
    private Gebouwd volgfeit(Zaak z) {
        long ruimte = Math.max(1, ChronoUnit.DAYS.between(z.ontvangen, PEILDAG));
        LocalDate d = z.ontvangen.plusDays(1 + rnd.nextInt((int) Math.min(ruimte, 75)));
        if (d.isAfter(PEILDAG)) {
            d = PEILDAG;
        }
        return volgfeit(z, volgfeitType(), d);
    }

    private Gebouwd volgfeit(Zaak z, String type, LocalDate d) {
        ObjectNode detail = detail(z);
        switch (type) {
            case "AanvullingGevraagd" -> {
                detail.put("datum", d.toString());
                if (rnd.nextInt(100) < 85) {
                    detail.put("aanvullenVoor", d.plusDays(14 + rnd.nextInt(22)).toString());
                }
            }
            case "OpschortingMetInstemming" -> detail.put("datum", d.toString()).put("dagen", 1 + rnd.nextInt(42));
            case "TermijnVerlengd" -> detail.put("duur", rnd.nextBoolean() ? "P" + (1 + rnd.nextInt(6)) + "W" : "P" + (7 + rnd.nextInt(36)) + "D")
                    .put("bekendgemaakt", d.toString());
            case "AanvraagOntvangen" -> detail.put("procedure", z.procedure).put("ontvangen", d.toString());
            default -> detail.put("datum", d.toString());
        }
        return new Gebouwd(z, type, envelope(uuid(), type, detail));
    }

    /** A fresh event that would be valid (receipt or follow-up), for a mutation to spoil. */
    private Gebouwd basis() {
        Zaak z = gewoneZaak();
        return rnd.nextInt(4) == 0 ? volgfeit(z, "AanvraagOntvangen", z.ontvangen) : volgfeit(z);
    }

    private static String datumVeld(String type) {
        return switch (type) {
            case "AanvraagOntvangen" -> "ontvangen";
            case "TermijnVerlengd" -> "bekendgemaakt";
            default -> "datum";
        };
    }

    /** The detail fields the handler must read for {@code type}. */
    private static List<String> verplichteDetailvelden(String type) {
        return switch (type) {
            case "AanvraagOntvangen" -> List.of("gemeente", "zaak", "procedure", "ontvangen");
            case "OpschortingMetInstemming" -> List.of("gemeente", "zaak", "datum", "dagen");
            case "TermijnVerlengd" -> List.of("gemeente", "zaak", "duur", "bekendgemaakt");
            default -> List.of("gemeente", "zaak", "datum");
        };
    }

    private void stuurGeldig(String soort, Gebouwd g) {
        stuur(soort, g, Verwachting.GEEN, -1);
        herbruikbaar.add(g);
    }

    private void stuur(String soort, Gebouwd g, Verwachting v, int origineel) {
        g.nr = voegToe(soort, tekst(g.envelope), v, origineel);
    }

    private int voegToe(String soort, String tekst, Verwachting v, int origineel) {
        int nr = events.size();
        if (tekst.getBytes(StandardCharsets.UTF_8).length > MAX_EVENT_BYTES) {
            v = Verwachting.AFWIJZEN; // too big for EventBridge: rejected by size, whatever else it holds
        }
        events.add(new Event(nr, soort, tekst, v, origineel));
        return nr;
    }

    private String tekst(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Filler of about {@code bytes} UTF-8 bytes, in one of a few styles. */
    private String vulsel(int bytes) {
        StringBuilder b = new StringBuilder(bytes + 64);
        switch (rnd.nextInt(4)) {
            case 0 -> b.append("A".repeat(bytes));
            case 1 -> {
                while (b.length() < bytes) {
                    b.append("Jan Jansen 999999990 ");
                }
            }
            case 2 -> {
                while (b.length() < bytes) {
                    b.append((char) ('a' + rnd.nextInt(26)));
                    if (rnd.nextInt(40) == 0) {
                        b.append(stuurteken());
                    }
                }
            }
            default -> {
                int n = 0;
                while (n < bytes) {
                    b.append("\u00e9\u6f22\u202E");  // 2 + 3 + 3 bytes
                    n += 8;
                }
            }
        }
        return b.toString();
    }

    private String stuurteken() {
        String[] t = {"\u0000", "\u0007", "\b", "\n", "\r", "\t", "\u001B[31m", "\u007F", "\u0085", "\u202E", "\u2028", "\u200B",
                "\uFEFF", "\uFFFF", "\uFFFE"};
        return t[rnd.nextInt(t.length)];
    }

    // ---------------------------------------------------------------- the kinds

    private void extraPersoonsgegevens() {
        Gebouwd g = basis();
        ObjectNode d = g.detail();
        d.put("aanvrager", rnd.nextBoolean() ? "Jan Jansen" : "Fatima El Amrani");
        d.put("bsn", rnd.nextBoolean() ? "999999990" : "111222333");
        d.put("email", "jan.jansen@example.nl");
        d.put("telefoon", rnd.nextBoolean() ? "+31612345678" : "0612345678");
        if (rnd.nextBoolean()) {
            d.putObject("adres").put("straat", "Dorpsstraat 1").put("postcode", "1234 AB").put("tel", "020-5551234");
        }
        if (rnd.nextBoolean()) {
            d.put("iban", "NL91ABNA0417164300");
        }
        d.put("opmerking", "contact " + token() + " via p.devries@example.org" + stuurteken());
        if (rnd.nextBoolean()) {
            g.envelope.putArray("resources").add("arn:aws:zaken:eu-west-1:123456789012:persoon/Piet de Vries/" + token());
        }
        stuurGeldig("extra-persoonsgegevens", g);
    }

    private void persoonlijkId() {
        Gebouwd g = volgfeit(gewoneZaak());
        String[] vormen = {"Jan.Jansen-%d", "bsn-999999990-%d", "jan.jansen@example.nl/%d", "tel:+31612345678/%d", "Jan Jansen %d",
                "%d 0612345678 Piet de Vries", "NL91ABNA0417164300-%d", "123456782.%d"};
        g.envelope.put("id", String.format(vormen[rnd.nextInt(vormen.length)], events.size()));
        stuur("persoonsgegevens-in-id", g, Verwachting.GEEN, -1);
    }

    private void persoonlijkeZaak() {
        List<Zaak> persoonlijk = zaken.stream().filter(z -> z.persoonlijk).toList();
        Zaak z = persoonlijk.get(rnd.nextInt(persoonlijk.size()));
        Gebouwd g = rnd.nextInt(4) == 0 ? volgfeit(z, "AanvraagOntvangen", z.ontvangen) : volgfeit(z);
        stuur("persoonlijke-zaak", g, Verwachting.AFWIJZEN, -1);
    }

    private void ontbrekend() {
        int r = rnd.nextInt(100);
        if (r < 4) {
            voegToe("ontbrekend:alles", "{}", Verwachting.AFWIJZEN, -1);
            return;
        }
        Gebouwd g = basis();
        if (r < 8) {
            g.envelope.set("detail", nodes.objectNode());
            stuur("ontbrekend:detail-leeg", g, Verwachting.AFWIJZEN, -1);
            return;
        }
        if (r < 16) {
            // fields the handler does not read: their absence changes nothing
            String veld = List.of("time", "version", "account", "region", "resources").get(rnd.nextInt(5));
            g.envelope.remove(veld);
            stuurGeldig("ontbrekend-ongelezen:" + veld, g);
            return;
        }
        if (r < 40) {
            String veld = List.of("id", "source", "detail-type", "detail").get(rnd.nextInt(4));
            g.envelope.remove(veld);
            stuur("ontbrekend:" + veld, g, Verwachting.AFWIJZEN, -1);
            return;
        }
        List<String> velden = verplichteDetailvelden(g.type);
        String veld = velden.get(rnd.nextInt(velden.size()));
        g.detail().remove(veld);
        stuur("ontbrekend:" + veld, g, Verwachting.AFWIJZEN, -1);
    }

    private JsonNode verkeerdType(JsonNode origineel, boolean getalVerwacht) {
        String t = token();
        List<JsonNode> opties = new ArrayList<>(List.of(
                nodes.numberNode(-1), nodes.numberNode(3.14), nodes.numberNode(99_999_999_999L), nodes.booleanNode(true),
                nodes.nullNode(), nodes.arrayNode().add(t), nodes.arrayNode().add(origineel), nodes.objectNode().set("waarde", origineel),
                nodes.objectNode().put(t, "Jan Jansen"), nodes.numberNode(new BigInteger("123456789012345678901234567890")),
                nodes.arrayNode()));
        if (getalVerwacht) {
            opties.add(nodes.textNode("7"));
            opties.add(nodes.textNode(t));
            opties.add(nodes.numberNode(1.5));
        } else {
            opties.add(nodes.numberNode(42));
            opties.add(nodes.numberNode(20_260_301));
            opties.add(nodes.textNode(""));
            opties.add(nodes.textNode("   "));
        }
        return opties.get(rnd.nextInt(opties.size()));
    }

    private static String beschrijf(JsonNode n) {
        return n.isTextual() ? "tekst" : n.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                + (n.isNumber() ? "(" + n.asText() + ")" : "");
    }

    private void typefout() {
        Gebouwd g = basis();
        int r = rnd.nextInt(100);
        if (r < 10) {
            String veld = List.of("time", "version", "account", "region", "resources").get(rnd.nextInt(5));
            JsonNode fout = verkeerdType(g.envelope.get(veld), false);
            g.envelope.set(veld, fout);
            stuur("typefout-ongelezen:" + veld + "=" + beschrijf(fout), g, Verwachting.GEEN, -1);
            return;
        }
        if (r < 35) {
            String veld = List.of("id", "source", "detail-type", "detail").get(rnd.nextInt(4));
            JsonNode fout = veld.equals("detail")
                    ? List.of(nodes.textNode(tekst(g.detail())), nodes.arrayNode().add(g.detail()), nodes.numberNode(1), nodes.nullNode(),
                            nodes.textNode(token())).get(rnd.nextInt(5))
                    : verkeerdType(g.envelope.get(veld), false);
            g.envelope.set(veld, fout);
            stuur("typefout:" + veld + "=" + beschrijf(fout), g, Verwachting.AFWIJZEN, -1);
            return;
        }
        if (g.type.equals("AanvullingGevraagd") && g.detail().has("aanvullenVoor") && rnd.nextInt(3) == 0) {
            JsonNode fout = verkeerdType(g.detail().get("aanvullenVoor"), false);
            g.detail().set("aanvullenVoor", fout);
            // an optional field: null means absent; any other non-date is an error
            stuur("typefout:aanvullenVoor=" + beschrijf(fout), g, fout.isNull() ? Verwachting.GEEN : Verwachting.AFWIJZEN, -1);
            return;
        }
        List<String> velden = verplichteDetailvelden(g.type);
        String veld = velden.get(rnd.nextInt(velden.size()));
        JsonNode fout = verkeerdType(g.detail().get(veld), veld.equals("dagen"));
        g.detail().set(veld, fout);
        stuur("typefout:" + veld + "=" + beschrijf(fout), g, Verwachting.AFWIJZEN, -1);
    }

    private void groot() {
        int bytes = rnd.nextInt(8) < 5 ? 10 * 1024 : 200 * 1024;
        Gebouwd g = basis();
        String waarde = token() + vulsel(bytes);
        String[] velden = {"id", "source", "detail-type", "time", "gemeente", "zaak", "datumveld", "extra-detail", "extra-envelope",
                "duur-of-procedure"};
        String veld = velden[rnd.nextInt(velden.length)];
        Verwachting v = Verwachting.AFWIJZEN;
        switch (veld) {
            case "id", "source", "detail-type", "time" -> g.envelope.put(veld, waarde);
            case "gemeente", "zaak" -> g.detail().put(veld, waarde);
            case "datumveld" -> g.detail().put(veld = datumVeld(g.type), waarde);
            case "extra-detail" -> {
                g.detail().put("toelichting", waarde);
                v = Verwachting.GEEN;
            }
            case "extra-envelope" -> {
                g.envelope.put("bijlage", waarde);
                v = Verwachting.GEEN;
            }
            default -> {
                if (g.type.equals("TermijnVerlengd")) {
                    g.detail().put(veld = "duur", "P6W" + waarde);
                } else if (g.type.equals("AanvraagOntvangen")) {
                    g.detail().put(veld = "procedure", "regulier" + waarde);
                } else {
                    g.detail().put(veld = "zaak", waarde);
                }
            }
        }
        if (veld.equals("time")) {
            v = Verwachting.GEEN;
        }
        stuur("groot-" + (bytes / 1024) + "KB:" + veld, g, v, -1);
    }

    private void over256kb() {
        // just over the limit, well over, over the SQS message limit, and many small fields; one just under as a control
        int[] groottes = {MAX_EVENT_BYTES + 1, 300 * 1024, 600 * 1024, 1_200 * 1024};
        for (int grootte : groottes) {
            Gebouwd g = basis();
            g.envelope.put("bijlage", token());
            int nu = tekst(g.envelope).getBytes(StandardCharsets.UTF_8).length;
            g.envelope.put("bijlage", g.envelope.get("bijlage").asText() + "B".repeat(grootte - nu));
            stuur("over-256KB:" + tekst(g.envelope).getBytes(StandardCharsets.UTF_8).length + "B", g, Verwachting.AFWIJZEN, -1);
        }
        Gebouwd veel = basis();
        ArrayNode lijst = veel.detail().putArray("betrokkenen");
        while (tekst(veel.envelope).getBytes(StandardCharsets.UTF_8).length < 300 * 1024) {
            lijst.add(nodes.objectNode().put("naam", "Piet de Vries").put("bsn", "123456782").put("kenmerk", "x" + lijst.size()));
        }
        markers.add("Piet de Vries");
        stuur("over-256KB:veel-velden", veel, Verwachting.AFWIJZEN, -1);
        Gebouwd onder = basis();
        onder.envelope.put("bijlage", token());
        int nu = tekst(onder.envelope).getBytes(StandardCharsets.UTF_8).length;
        onder.envelope.put("bijlage", onder.envelope.get("bijlage").asText() + "C".repeat(MAX_EVENT_BYTES - 100 - nu));
        stuurGeldig("net-onder-256KB:" + tekst(onder.envelope).getBytes(StandardCharsets.UTF_8).length + "B", onder);
    }

    private String vergiftig(String waarde, String t) {
        return switch (stuurtekenTeller++ % 12) {
            case 0 -> waarde + "\u0000" + t;
            case 1 -> "\u202E" + t + waarde;
            case 2 -> waarde + "\n" + t + "{\"resultaat\":\"VERWERKT\",\"event\":\"x\"}";
            case 3 -> t + "\u001B[2J\u001B[31m" + waarde;
            case 4 -> waarde + "\r\n" + t;
            case 5 -> "\uFEFF" + waarde + t;
            case 6 -> waarde + "\u2028" + t;
            case 7 -> waarde + "\u0007\b\u007F" + t;
            case 8 -> waarde + "\uFFFF" + t;
            case 9 -> waarde + "\u200B" + t;
            case 10 -> t + "\u0085" + waarde;
            default -> waarde + "\t\u202E\u2066" + t + "\u2069";
        };
    }

    private void stuurtekens() {
        Gebouwd g = basis();
        String[] velden = {"id", "source", "detail-type", "time", "gemeente", "zaak", "datumveld", "procedure-of-duur", "aanvullenVoor",
                "extra"};
        String veld = velden[rnd.nextInt(velden.length)];
        String t = token();
        Verwachting v = Verwachting.AFWIJZEN;
        switch (veld) {
            case "id", "source", "detail-type", "time" -> {
                g.envelope.put(veld, vergiftig(g.envelope.get(veld).asText(), t));
                if (veld.equals("id") || veld.equals("time")) {
                    v = Verwachting.GEEN;
                }
            }
            case "gemeente", "zaak" -> g.detail().put(veld, vergiftig(g.detail().get(veld).asText(), t));
            case "aanvullenVoor" -> {
                if (g.detail().has("aanvullenVoor")) {
                    g.detail().put(veld, vergiftig(g.detail().get(veld).asText(), t));
                } else {
                    g.detail().put(veld = datumVeld(g.type), vergiftig(g.detail().get(datumVeld(g.type)).asText(), t));
                }
            }
            case "datumveld" -> g.detail().put(veld = datumVeld(g.type), vergiftig(g.detail().get(datumVeld(g.type)).asText(), t));
            case "procedure-of-duur" -> {
                if (g.type.equals("AanvraagOntvangen")) {
                    g.detail().put(veld = "procedure", vergiftig(g.detail().get("procedure").asText(), t));
                } else if (g.type.equals("TermijnVerlengd")) {
                    g.detail().put(veld = "duur", vergiftig(g.detail().get("duur").asText(), t));
                } else {
                    g.detail().put(veld = "zaak", vergiftig(g.detail().get("zaak").asText(), t));
                }
            }
            default -> {
                g.detail().put("opmerking", vergiftig("Jan Jansen belde", t));
                v = Verwachting.GEEN;
            }
        }
        stuur("stuurtekens:" + veld + "#" + ((stuurtekenTeller - 1) % 12), g, v, -1);
    }

    /** The outcome the date rules fix for {@code waarde} in {@code veld} of a {@code type} event. */
    static Verwachting datumVerwachting(String type, String veld, String ruw, LocalDate factdatum) {
        String waarde = ruw.strip(); // surrounding white space is not fixed by the rules either way
        if (!ISO_DATUM.matcher(waarde).matches()) {
            return Verwachting.AFWIJZEN;
        }
        LocalDate d;
        try {
            d = LocalDate.parse(waarde);
        } catch (DateTimeParseException e) {
            return Verwachting.AFWIJZEN;
        }
        if (d.isBefore(EERSTE_DATUM) || d.isAfter(LAATSTE_DATUM)) {
            return Verwachting.AFWIJZEN;
        }
        if (veld.equals("aanvullenVoor")) {
            return d.isBefore(factdatum) ? Verwachting.AFWIJZEN : Verwachting.GEEN;
        }
        if (d.isAfter(PEILDAG) || (type.equals("AanvraagOntvangen") && d.isBefore(EERSTE_ONTVANGST))) {
            return Verwachting.AFWIJZEN;
        }
        return Verwachting.GEEN;
    }

    private void datum() {
        Gebouwd g = basis();
        String waarde = ABSURDE_DATUMS[rnd.nextInt(ABSURDE_DATUMS.length)];
        String veld = datumVeld(g.type);
        if (g.type.equals("AanvullingGevraagd") && rnd.nextInt(3) == 0) {
            veld = "aanvullenVoor";
        }
        LocalDate factdatum = LocalDate.parse(g.detail().get(datumVeld(g.type)).asText());
        g.detail().put(veld, waarde);
        stuur("datum:" + veld + "=" + waarde, g, datumVerwachting(g.type, veld, waarde, factdatum), -1);
    }

    private void duur() {
        Zaak z = gewoneZaak();
        Gebouwd g = volgfeit(z, "TermijnVerlengd", z.ontvangen.plusDays(1 + rnd.nextInt(40)));
        String waarde = ABSURDE_DUREN[rnd.nextInt(ABSURDE_DUREN.length)];
        g.detail().put("duur", waarde);
        stuur("duur:" + waarde, g, Verwachting.AFWIJZEN, -1);
    }

    private void dagen() {
        Zaak z = gewoneZaak();
        Gebouwd g = volgfeit(z, "OpschortingMetInstemming", z.ontvangen.plusDays(1 + rnd.nextInt(40)));
        List<JsonNode> waarden = List.of(nodes.numberNode(0), nodes.numberNode(-1), nodes.numberNode(367), nodes.numberNode(Integer.MAX_VALUE),
                nodes.numberNode(1.5), nodes.textNode("7"), nodes.numberNode(100.0), nodes.numberNode(9_999_999_999L), nodes.booleanNode(true),
                nodes.arrayNode().add(7), nodes.objectNode().put("dagen", 7), nodes.textNode(""), nodes.numberNode(Integer.MIN_VALUE),
                nodes.numberNode(2_147_483_648L), nodes.nullNode());
        JsonNode w = waarden.get(rnd.nextInt(waarden.size()));
        g.detail().set("dagen", w);
        stuur("dagen:" + w, g, Verwachting.AFWIJZEN, -1);
    }

    private void onbekendType() {
        Gebouwd g = basis();
        String t = token();
        String[] types = {"AanvraagVerloren", "aanvraagontvangen", "AANVRAAGONTVANGEN", "AanvraagOntvangen ", " AanvraagOntvangen",
                "Aanvraag\u00ADOntvangen", "ZaakVerwijderd", "__proto__", "toString", "Feit", t + "-evil\u202E", "AanvraagOntvangen\u0000" + t,
                "AanvraagOntvangen\n" + t, "Jan Jansen " + t, "", "   "};
        String type = types[rnd.nextInt(types.length)];
        g.envelope.put("detail-type", type);
        stuur("onbekend-type", g, Verwachting.AFWIJZEN, -1);
    }

    private void onbekendeBron() {
        Gebouwd g = basis();
        String t = token();
        String[] bronnen = {"iemand.anders", "termijnwacht.signalen", "termijnwacht.escalaties", "aws.events", "TERMIJNWACHT.ZAKEN",
                "termijnwacht.zaken.evil", "termijnwacht.zaken\u0000" + t, " termijnwacht.zaken", "\u202E" + t + "termijnwacht.zaken",
                "jan.jansen@example.nl", "", "termijnwacht.zaken\n" + t};
        g.envelope.put("source", bronnen[rnd.nextInt(bronnen.length)]);
        stuur("onbekende-bron", g, Verwachting.AFWIJZEN, -1);
    }

    private void geenJson() {
        String t = token();
        String geldig = tekst(basis().envelope);
        String[] teksten = {"{dit is geen json " + t, "", " ", "\u0000", "<event><id>" + t + "</id></event>", "undefined", "NaN",
                "{'id':'" + t + "'}", "{\"id\":\"" + t + "\",}", geldig.substring(0, geldig.length() / 2),
                "id=" + t + "&source=termijnwacht.zaken", "BSN 999999990 van Jan Jansen, " + t, "{\"id\":\"" + t + "\" \"source\":1}",
                "{\"detail\":{\"zaak\":\"Jan.Jansen\"}" + t, "\u202E" + t, "[" + t, "{\"a\":" + "[".repeat(50) + t};
        int i = rnd.nextInt(teksten.length);
        voegToe("geen-json#" + i, teksten[i], Verwachting.AFWIJZEN, -1);
    }

    private void geenObject() {
        String geldig = tekst(basis().envelope);
        String[] teksten = {"[]", "[" + geldig + "]", "42", "\"" + token() + " Jan Jansen\"", "true", "null", "-0", "1e999", "[null]",
                "\"" + geldig.replace("\\", "\\\\").replace("\"", "\\\"") + "\""};
        int i = rnd.nextInt(teksten.length);
        voegToe("geen-object#" + i, teksten[i], Verwachting.AFWIJZEN, -1);
    }

    private void ruw() {
        Gebouwd g = basis();
        String t = token();
        String e = tekst(g.envelope);
        // splice raw JSON into the envelope, just before its closing brace
        String kop = e.substring(0, e.length() - 1);
        switch (rnd.nextInt(16)) {
            case 0 -> voegToe("ruw:diepe-nesting-5000", kop + ",\"x\":" + "[".repeat(5000) + "\"" + t + "\"" + "]".repeat(5000) + "}",
                    Verwachting.AFWIJZEN, -1);
            case 1 -> voegToe("ruw:nesting-900", kop + ",\"x\":" + "[".repeat(900) + "\"" + t + "\"" + "]".repeat(900) + "}", Verwachting.GEEN, -1);
            case 2 -> {
                String d = tekst(g.detail());
                voegToe("ruw:getal-2000-cijfers", e.replace(d, d.substring(0, d.length() - 1) + ",\"dagen\":" + "9".repeat(2000) + "}"),
                        Verwachting.GEEN, -1);
            }
            case 3 -> voegToe("ruw:dubbele-sleutel-id", "{\"id\":\"" + t + " Jan Jansen\"," + e.substring(1), Verwachting.GEEN, -1);
            case 4 -> voegToe("ruw:dubbele-sleutel-zaak",
                    e.replace("\"zaak\":", "\"zaak\":\"999999990\",\"zaak\":"), Verwachting.GEEN, -1);
            case 5 -> voegToe("ruw:rest-na-object", e + " " + t + " Jan Jansen", Verwachting.GEEN, -1);
            case 6 -> voegToe("ruw:twee-objecten", e + tekst(basis().envelope), Verwachting.GEEN, -1);
            case 7 -> voegToe("ruw:losse-surrogaat-zaak", e.replace("\"zaak\":\"", "\"zaak\":\"\\ud800" + t), Verwachting.AFWIJZEN, -1);
            case 8 -> voegToe("ruw:losse-surrogaat-extra", kop + ",\"opmerking\":\"\\udfff" + t + "\\ud800\"}", Verwachting.GEEN, -1);
            case 9 -> voegToe("ruw:losse-surrogaat-id", e.replace("\"id\":\"", "\"id\":\"\\udc00" + t), Verwachting.GEEN, -1);
            case 10 -> voegToe("ruw:losse-surrogaat-type", e.replace("\"detail-type\":\"", "\"detail-type\":\"\\ud83d" + t),
                    Verwachting.AFWIJZEN, -1);
            case 11 -> voegToe("ruw:commentaar", "/* " + t + " */" + e, Verwachting.AFWIJZEN, -1);
            case 12 -> voegToe("ruw:nul-in-sleutel", e.replace("\"id\":", "\"id\\u0000" + t + "\":"), Verwachting.AFWIJZEN, -1);
            case 13 -> {
                StringBuilder b = new StringBuilder(kop);
                for (int i = 0; i < 10_000; i++) {
                    b.append(",\"v").append(i).append("\":").append(i);
                }
                voegToe("ruw:10000-velden", b.append('}').toString(), Verwachting.GEEN, -1);
            }
            case 14 -> voegToe("ruw:lange-sleutel", kop + ",\"" + t + "x".repeat(100_000) + "\":1}", Verwachting.GEEN, -1);
            default -> voegToe("ruw:nan-dagen", e.replace("\"zaak\":", "\"dagen\":NaN,\"zaak\":"), Verwachting.AFWIJZEN, -1);
        }
    }

    private void zelfdeIdAndereInhoud(Gebouwd o) {
        ObjectNode e = o.envelope.deepCopy();
        ObjectNode d = (ObjectNode) e.get("detail");
        String type = o.type;
        String veld = datumVeld(type);
        int r = rnd.nextInt(3);
        if (r == 0 && type.equals("AanvraagOntvangen")) {
            String anders;
            do {
                anders = PROCEDURES[rnd.nextInt(3)];
            } while (anders.equals(d.get("procedure").asText()));
            d.put("procedure", anders);
        } else if (r == 1 && !type.equals("AanvraagOntvangen") && d.has("datum")) {
            String ander = List.of("AanvullingOntvangen", "IngebrekestellingOntvangen", "BesluitBekendgemaakt").get(rnd.nextInt(3));
            if (ander.equals(type)) {
                ander = "AanvraagIngetrokken";
            }
            ObjectNode nieuw = detail(o.zaak).put("datum", d.get("datum").asText());
            e.put("detail-type", ander);
            e.set("detail", nieuw);
        } else {
            LocalDate oud = LocalDate.parse(d.get(veld).asText());
            LocalDate nieuw = oud.plusDays(1 + rnd.nextInt(5));
            if (nieuw.isAfter(PEILDAG)) {
                nieuw = oud.minusDays(1 + rnd.nextInt(5));
            }
            d.put(veld, nieuw.toString());
            if (d.has("aanvullenVoor")) {
                d.put("aanvullenVoor", nieuw.plusDays(14).toString());
            }
        }
        e.put("time", tijd());
        voegToe("zelfde-id-andere-inhoud", tekst(e), Verwachting.AFWIJZEN_OP_ID, o.nr);
    }

    private void tweedeOntvangst(Zaak z) {
        ObjectNode d = detail(z);
        LocalDate datum = z.ontvangen;
        String procedure = z.procedure;
        int r = rnd.nextInt(3);
        if (r != 1) {
            do {
                datum = z.ontvangen.plusDays(rnd.nextInt(61) - 30);
            } while (datum.equals(z.ontvangen) || datum.isAfter(PEILDAG));
        }
        if (r != 0) {
            do {
                procedure = PROCEDURES[rnd.nextInt(3)];
            } while (procedure.equals(z.procedure));
        }
        d.put("procedure", procedure).put("ontvangen", datum.toString());
        stuur("tweede-ontvangst", new Gebouwd(z, "AanvraagOntvangen", envelope(uuid(), "AanvraagOntvangen", d)), Verwachting.TEGENSPRAAK, -1);
    }

    // ---------------------------------------------------------------- self-check

    private void controleer() {
        for (String id : schoneIds) {
            for (String m : markers) {
                if (id.contains(m)) {
                    throw new IllegalStateException("marker " + m + " zit toevallig in een gewoon id " + id);
                }
            }
        }
        for (String m : markers) {
            if (m.length() < 6) {
                throw new IllegalStateException("marker te kort: " + m);
            }
        }
    }
}
