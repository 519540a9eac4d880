package nl.termijnwacht.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import nl.termijnwacht.core.Kalender;

/**
 * An escalation ladder as its YAML states it, read on its own (not through the functions' {@code Ladders}): the tests'
 * oracle for the notices an item gets, in the lines of {@link Keten#verloop}.
 *
 * @param herinnering the ladder's herinneringWerkdagen
 * @param treden      its levels, from 1 up
 */
public record Laddertermen(int herinnering, List<Trede> treden) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One level: its reactieWerkdagen, opvolgWerkdagen and whether it informs the regietafel. */
    public record Trede(int niveau, String rol, int reactie, int opvolg, boolean regietafel) {
    }

    public Laddertermen {
        treden = List.copyOf(treden);
    }

    /** The shipped ladder termijnoverschrijding, from the repository's infra/ladders. */
    public static Laddertermen termijnoverschrijding() {
        Path root = nl.termijnwacht.emulator.Emulator.repoRoot(Path.of("")).orElseThrow(() -> new IllegalStateException("repository niet gevonden"));
        return uit(root.resolve("infra/ladders/termijnoverschrijding.yaml"));
    }

    public static Laddertermen uit(Path yaml) {
        try {
            JsonNode boom = YAML.readTree(yaml.toFile());
            List<Trede> treden = new ArrayList<>();
            for (JsonNode n : boom.get("niveaus")) {
                treden.add(new Trede(n.get("niveau").asInt(), n.get("rol").asText(), n.get("reactieWerkdagen").asInt(),
                        n.get("opvolgWerkdagen").asInt(), n.path("informeerRegietafel").asBoolean(false)));
            }
            return new Laddertermen(boom.get("herinneringWerkdagen").asInt(), treden);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int top() {
        return treden.size();
    }

    public Trede trede(int n) {
        return treden.get(n - 1);
    }

    /** A notice line for {@code niveau}, plus its regietafel copy when that level informs the regietafel. */
    public List<String> regels(LocalDateTime moment, String soort, int niveau) {
        List<String> uit = new ArrayList<>();
        uit.add(moment + " " + soort + "/" + niveau + " " + Keten.ESCALATIES);
        if (trede(niveau).regietafel()) {
            uit.add(moment + " " + soort + "/" + niveau + " " + Keten.REGIETAFEL);
        }
        return uit;
    }

    /**
     * The notices (scanner at 07:00 daily) of an item nobody answers, that is at {@code niveau} since {@code sinds}:
     * up one level each time the level's reactieWerkdagen pass, then a reminder every herinneringWerkdagen at the top.
     */
    public List<String> klim(Kalender k, int niveau, LocalDate sinds, LocalDate tot) {
        List<String> uit = new ArrayList<>();
        while (true) {
            boolean top = niveau == top();
            LocalDate volgende = k.werkdagenNa(sinds, (top ? herinnering : trede(niveau).reactie()) + 1);
            if (volgende.isAfter(tot)) {
                return uit;
            }
            if (!top) {
                niveau++;
            }
            uit.addAll(regels(volgende.atTime(7, 0), top ? "HERINNERING" : "ESCALATIE", niveau));
            sinds = volgende;
        }
    }
}
