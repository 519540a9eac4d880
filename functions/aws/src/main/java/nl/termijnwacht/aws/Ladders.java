package nl.termijnwacht.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import nl.termijnwacht.core.Datums;
import nl.termijnwacht.core.Escalatieladder;
import nl.termijnwacht.core.Escalatieladder.Niveau;
import nl.termijnwacht.core.Escalatieladder.Vaststelling;
import nl.termijnwacht.core.OngeldigeInvoer;

/**
 * The escalation ladders a deployment uses (docs/escalatie.md): {@code <id>.yaml}, or a gemeente's own
 * approved variant {@code <id>.<GMxxxx>.yaml} for that gemeente's items. They are read from the jar
 * ({@code ladders/} on the classpath, copied from {@code infra/ladders/} at build time) or from a directory,
 * validated on load, and kept. Outside the {@code local} and {@code test} stages a ladder without
 * {@code vastgesteld} is refused.
 */
public final class Ladders {

    /** The two ladders every deployment ships (docs/escalatie.md). */
    public static final String TERMIJNOVERSCHRIJDING = "termijnoverschrijding";
    public static final String UITVOERINGSKNELPUNT = "uitvoeringsknelpunt";

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Pattern GEMEENTE = Pattern.compile("GM\\d{4}");
    private static final Pattern ROL = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Set<String> VELDEN = Set.of("id", "versie", "thema", "gemeente", "vastgesteld", "herinneringWerkdagen", "niveaus");
    private static final Set<String> NIVEAUVELDEN = Set.of("niveau", "naam", "rol", "reactieWerkdagen", "opvolgWerkdagen", "informeerRegietafel", "terugleggenHoogstens");
    private static final Set<String> VASTSTELLINGVELDEN = Set.of("door", "datum", "kenmerk");
    // A key given twice must be refused: by default the last one wins, so a second 'niveaus:' would silently replace the first.
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    private static final Pattern DUBBEL = Pattern.compile("Duplicate field '(.*)' for `ObjectNode`", Pattern.DOTALL);
    private static final int MAX_TEKST = 120;
    private static final int MAX_BESTAND = 64 * 1024;

    /** Every problem of one ladder file, each naming the file, the field and what is wrong. */
    public static final class OngeldigeLadder extends RuntimeException {
        private final List<String> fouten;

        public OngeldigeLadder(List<String> fouten) {
            super(String.join("; ", fouten));
            this.fouten = List.copyOf(fouten);
        }

        public List<String> fouten() {
            return fouten;
        }
    }

    private final Function<String, Optional<String>> bron;
    private final String stage;
    private final Map<String, Optional<Escalatieladder>> geladen = new ConcurrentHashMap<>();

    /**
     * @param bron  a file name ({@code termijnoverschrijding.GM0363.yaml}) to its text, empty when there is no such file
     * @param stage {@code local}, {@code test} or {@code prod}: outside the first two a ladder must be approved
     */
    public Ladders(Function<String, Optional<String>> bron, String stage) {
        this.bron = bron;
        this.stage = stage;
    }

    /** The ladders packaged in the jar, under {@code ladders/}. */
    public static Ladders uitJar(String stage) {
        return new Ladders(naam -> {
            try (InputStream in = Ladders.class.getClassLoader().getResourceAsStream("ladders/" + naam)) {
                return in == null ? Optional.empty() : Optional.of(new String(in.readNBytes(MAX_BESTAND + 1), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, stage);
    }

    /** The ladders in a directory (tests; a beheerder trying a variant before it is packaged). */
    public static Ladders uitMap(Path map, String stage) {
        return new Ladders(naam -> {
            try {
                return Optional.of(Files.readString(map.resolve(naam)));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, stage);
    }

    /** Loads (and so validates) the shipped ladders now: a deployment with a bad ladder fails at init, not on the first escalation. */
    public Ladders controleerStandaard() {
        ladder(TERMIJNOVERSCHRIJDING, null);
        ladder(UITVOERINGSKNELPUNT, null);
        return this;
    }

    /**
     * The ladder {@code id} for items of {@code gemeente}: its own variant if it has one, else the shipped one.
     *
     * @throws OngeldigeLadder when the file breaks a rule
     * @throws IllegalStateException when there is no such ladder
     */
    public Escalatieladder ladder(String id, String gemeente) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalStateException("ongeldige ladder-id " + OngeldigeInvoer.citaat(id)); // never a path outside the ladders
        }
        if (gemeente != null && GEMEENTE.matcher(gemeente).matches()) {
            Optional<Escalatieladder> variant = laad(id + "." + gemeente + ".yaml");
            if (variant.isPresent()) {
                return variant.get();
            }
        }
        return laad(id + ".yaml").orElseThrow(() -> new IllegalStateException("ladder " + id + ".yaml ontbreekt"));
    }

    /**
     * The ladder {@code id} that applies to items of {@code gemeente} on {@code dag}: its own variant from the day it
     * was adopted, the shipped one before that (a ladder applies from its adoption date, never before).
     */
    public Escalatieladder ladder(String id, String gemeente, LocalDate dag) {
        Escalatieladder l = ladder(id, gemeente);
        return l.gemeente() == null || l.geldtOp(dag) ? l : ladder(id, null);
    }

    private Optional<Escalatieladder> laad(String bestand) {
        return geladen.computeIfAbsent(bestand, b -> bron.apply(b).map(tekst -> lees(b, tekst, stage)));
    }

    /**
     * Reads and validates one ladder file.
     *
     * @param bestand its file name, {@code id.yaml} or {@code id.GMxxxx.yaml}: the id (and gemeente) must match it
     * @throws OngeldigeLadder with every problem found, each as {@code bestand: veld: probleem}
     */
    public static Escalatieladder lees(String bestand, String tekst, String stage) {
        Lezer l = new Lezer(bestand);
        if (tekst.length() > MAX_BESTAND) {
            throw new OngeldigeLadder(List.of(bestand + ": groter dan " + MAX_BESTAND / 1024 + " KB"));
        }
        JsonNode boom;
        try {
            boom = YAML.readTree(tekst);
        } catch (JsonProcessingException e) {
            var plek = e.getLocation();
            String regel = plek == null ? "" : " (regel " + plek.getLineNr() + ")";
            var dubbel = DUBBEL.matcher(String.valueOf(e.getOriginalMessage()));
            if (dubbel.find()) {
                throw new OngeldigeLadder(List.of(bestand + ": " + OngeldigeInvoer.citaat(dubbel.group(1)).replace("'", "") + ": komt twee keer voor" + regel));
            }
            throw new OngeldigeLadder(List.of(bestand + ": geen geldige YAML" + regel));
        }
        if (boom == null || !boom.isObject()) {
            throw new OngeldigeLadder(List.of(bestand + ": verwacht een ladder (id, versie, thema, vastgesteld, herinneringWerkdagen, niveaus)"));
        }
        String naam = bestand.endsWith(".yaml") ? bestand.substring(0, bestand.length() - 5) : bestand;
        String[] delen = naam.split("\\.", -1);
        String gemeenteUitNaam = delen.length == 2 ? delen[1] : null;
        if (delen.length > 2 || !ID.matcher(delen[0]).matches() || gemeenteUitNaam != null && !GEMEENTE.matcher(gemeenteUitNaam).matches()) {
            l.fout("", "bestandsnaam moet <id>.yaml of <id>.<GMxxxx>.yaml zijn");
        }
        l.onbekend("", boom, VELDEN);
        String id = l.tekst(boom, "id", ID, "kleine letters, cijfers en '-'");
        if (id != null && !id.equals(delen[0])) {
            l.fout("id", "'" + id + "' moet gelijk zijn aan de bestandsnaam (" + delen[0] + ")");
        }
        String gemeente = boom.has("gemeente") ? l.tekst(boom, "gemeente", GEMEENTE, "een gemeentecode GMxxxx") : null;
        if (gemeenteUitNaam != null && gemeente != null && !gemeente.equals(gemeenteUitNaam) || gemeenteUitNaam == null && gemeente != null) {
            l.fout("gemeente", "'" + gemeente + "' hoort ook in de bestandsnaam te staan (" + delen[0] + "." + gemeente + ".yaml)");
        }
        int versie = l.getal(boom, "versie", 1, 9999);
        String thema = l.tekst(boom, "thema", null, null);
        int herinnering = l.getal(boom, "herinneringWerkdagen", 1, Escalatieladder.MAX_WERKDAGEN);
        Vaststelling vastgesteld = null;
        JsonNode v = boom.get("vastgesteld");
        if (v == null || v.isNull()) {
            if (!Set.of("local", "test").contains(stage)) {
                l.fout("vastgesteld", "ontbreekt: een ladder zonder vaststelling (door, datum, kenmerk) mag alleen in stage local of test, niet in " + stage);
            }
        } else if (!v.isObject()) {
            l.fout("vastgesteld", "verwacht {door, datum, kenmerk}");
        } else {
            l.onbekend("vastgesteld.", v, VASTSTELLINGVELDEN);
            String door = l.tekst(v, "door", "vastgesteld.door");
            String kenmerk = l.tekst(v, "kenmerk", "vastgesteld.kenmerk");
            LocalDate datum = l.datum(v, "datum", "vastgesteld.datum");
            if (door != null && kenmerk != null && datum != null) {
                vastgesteld = new Vaststelling(door, datum, kenmerk);
            }
        }
        List<Niveau> niveaus = new ArrayList<>();
        JsonNode lijst = boom.get("niveaus");
        if (lijst == null || !lijst.isArray() || lijst.isEmpty()) {
            l.fout("niveaus", "ontbreekt of is leeg: een ladder heeft ten minste één niveau");
        } else {
            Set<String> rollen = new HashSet<>();
            Set<Integer> nummers = new HashSet<>();
            for (int i = 0; i < lijst.size(); i++) {
                JsonNode n = lijst.get(i);
                String plek = "niveaus[" + (i + 1) + "]";
                if (!n.isObject()) {
                    l.fout(plek, "verwacht {niveau, naam, rol, reactieWerkdagen, opvolgWerkdagen}");
                    continue;
                }
                l.onbekend(plek + ".", n, NIVEAUVELDEN);
                int nummer = l.getal(n, "niveau", plek + ".niveau", 1, 99);
                if (nummer > 0 && !nummers.add(nummer)) {
                    l.fout(plek + ".niveau", "niveau " + nummer + " komt twee keer voor");
                } else if (nummer > 0 && nummer != i + 1) {
                    l.fout(plek + ".niveau", "is " + nummer + ", verwacht " + (i + 1) + ": niveaus lopen van 1 tot en met n, op volgorde");
                }
                String naamNiveau = l.tekst(n, "naam", plek + ".naam");
                String rol = l.tekst(n, "rol", plek + ".rol", ROL, "kleine letters, cijfers en '-', bijv. afdelingshoofd-vth");
                if (rol != null && !rollen.add(rol)) {
                    l.fout(plek + ".rol", "rol '" + rol + "' komt op twee niveaus voor: elke rol staat op één niveau");
                }
                int reactie = l.getal(n, "reactieWerkdagen", plek + ".reactieWerkdagen", 1, Escalatieladder.MAX_WERKDAGEN);
                int opvolg = l.getal(n, "opvolgWerkdagen", plek + ".opvolgWerkdagen", 1, Escalatieladder.MAX_WERKDAGEN);
                boolean regietafel = false;
                JsonNode r = n.get("informeerRegietafel");
                if (r != null && !r.isBoolean()) {
                    l.fout(plek + ".informeerRegietafel", "moet true of false zijn");
                } else if (r != null) {
                    regietafel = r.booleanValue();
                }
                int terugleggen = n.has("terugleggenHoogstens")
                        ? l.getal(n, "terugleggenHoogstens", plek + ".terugleggenHoogstens", 0, Escalatieladder.MAX_TERUGLEGGEN)
                        : Escalatieladder.STANDAARD_TERUGLEGGEN;
                if (nummer > 0 && naamNiveau != null && rol != null && reactie > 0 && opvolg > 0) {
                    niveaus.add(new Niveau(nummer, naamNiveau, rol, reactie, opvolg, regietafel, terugleggen));
                }
            }
        }
        if (!l.fouten.isEmpty()) {
            throw new OngeldigeLadder(l.fouten);
        }
        return new Escalatieladder(id, versie, thema, gemeenteUitNaam, vastgesteld, herinnering, niveaus);
    }

    /** Collects the problems of one file. */
    private static final class Lezer {
        final String bestand;
        final List<String> fouten = new ArrayList<>();

        Lezer(String bestand) {
            this.bestand = bestand;
        }

        void fout(String veld, String probleem) {
            fouten.add(bestand + ": " + (veld.isEmpty() ? "" : veld + ": ") + probleem);
        }

        void onbekend(String voorvoegsel, JsonNode object, Set<String> bekend) {
            for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
                String veld = it.next();
                if (!bekend.contains(veld)) {
                    fout(voorvoegsel + OngeldigeInvoer.citaat(veld).replace("'", ""), "onbekend veld (bekend zijn: " + String.join(", ", bekend.stream().sorted().toList()) + ")");
                }
            }
        }

        String tekst(JsonNode object, String veld, Pattern vorm, String uitleg) {
            return tekst(object, veld, veld, vorm, uitleg);
        }

        String tekst(JsonNode object, String veld, String plek) {
            return tekst(object, veld, plek, null, null);
        }

        String tekst(JsonNode object, String veld, String plek, Pattern vorm, String uitleg) {
            JsonNode w = object.get(veld);
            if (w == null || w.isNull() || w.asText().isBlank()) {
                fout(plek, "ontbreekt");
                return null;
            }
            if (!w.isTextual() && !w.isNumber()) {
                fout(plek, "moet tekst zijn");
                return null;
            }
            String s = w.asText().strip();
            if (s.length() > MAX_TEKST || s.codePoints().anyMatch(Character::isISOControl)) {
                fout(plek, "ten hoogste " + MAX_TEKST + " tekens, zonder stuurtekens");
                return null;
            }
            if (vorm != null && !vorm.matcher(s).matches()) {
                fout(plek, OngeldigeInvoer.citaat(s) + " heeft niet de vorm " + uitleg);
                return null;
            }
            return s;
        }

        int getal(JsonNode object, String veld, int min, int max) {
            return getal(object, veld, veld, min, max);
        }

        /** The value, or 0 after recording a problem. */
        int getal(JsonNode object, String veld, String plek, int min, int max) {
            JsonNode w = object.get(veld);
            if (w == null || w.isNull()) {
                fout(plek, "ontbreekt");
                return 0;
            }
            if (!w.isIntegralNumber() || !w.canConvertToInt() || w.intValue() < min || w.intValue() > max) {
                fout(plek, "moet een geheel getal van " + min + " tot en met " + max + " zijn, niet " + OngeldigeInvoer.citaat(w.asText()));
                return 0;
            }
            return w.intValue();
        }

        LocalDate datum(JsonNode object, String veld, String plek) {
            JsonNode w = object.get(veld);
            if (w == null || w.isNull()) {
                fout(plek, "ontbreekt");
                return null;
            }
            try {
                return Datums.invoer(plek, w.asText());
            } catch (OngeldigeInvoer e) {
                fout(plek, e.reden());
                return null;
            }
        }
    }
}
