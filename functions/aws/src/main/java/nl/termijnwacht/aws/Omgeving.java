package nl.termijnwacht.aws;

import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.termijnwacht.core.Kalender;
import nl.termijnwacht.core.Mijlpalen;
import nl.termijnwacht.core.Zaakstand;

/**
 * Configuration of a function, read once from environment variables set in {@code template.yaml}
 * (locally: set by the CLI or a test). Missing or malformed values fail at start with the variable's name.
 */
public record Omgeving(
        String regio,
        Optional<URI> endpoint,
        Optional<String> zaken,
        Optional<String> meldingen,
        Optional<String> termijnmeldingenTopic,
        Optional<String> afgewezenQueue,
        Optional<String> escalaties,
        Optional<String> escalatiesTopic,
        Optional<String> regietafelTopic,
        Optional<String> tellers,
        Optional<String> rapportages,
        int dueShards,
        LocalTime mijlpaalTijd,
        ZoneId tijdzone,
        Duration lease,
        int parallel,
        List<Integer> waarschuwingsdagen,
        Kalender kalender,
        String stage,
        Afzenders afzendersBinding,
        Optional<String> antwoordSleutelRef,
        Optional<String> antwoordSleutelVorig,
        Optional<String> antwoordUrlRef,
        String antwoordersBinding) {

    /** Stages where a deployment may run without sender binding or approved ladders (the CLI, the demo, tests). */
    private static final Set<String> LOSSE_STAGES = Set.of("local", "test");

    public static Omgeving uit(Map<String, String> env) {
        Lezer l = new Lezer(env);
        Omgeving o = new Omgeving(
                l.verplicht("AWS_REGION"),
                l.optioneel("AWS_ENDPOINT_URL").map(URI::create),
                l.optioneel("ZAKEN_TABLE"),
                l.optioneel("MELDINGEN_TABLE"),
                l.optioneel("TERMIJNMELDINGEN_TOPIC_ARN"),
                l.optioneel("AFGEWEZEN_QUEUE_URL"),
                l.optioneel("ESCALATIES_TABLE"),
                l.optioneel("ESCALATIES_TOPIC_ARN"),
                l.optioneel("REGIETAFEL_TOPIC_ARN"),
                l.optioneel("TELLERS_TABLE"),
                l.optioneel("RAPPORTAGES_TABLE"),
                l.getal("DUE_SHARDS", 8),
                l.tijd("MIJLPAAL_TIJD", LocalTime.of(7, 0)),
                l.zone("TIJDZONE", ZoneId.of("Europe/Amsterdam")),
                l.duur("LEASE", Duration.ofMinutes(5)),
                l.getal("PARALLEL", 16),
                l.getallen("WAARSCHUWINGSDAGEN", Mijlpalen.STANDAARD_WAARSCHUWINGEN),
                l.kalender("TERMIJNWACHT_GELIJKGESTELDE_DAGEN"),
                l.optioneel("STAGE").orElse("prod"),
                Afzenders.lees("AFZENDERS", env.get("AFZENDERS")),
                l.optioneel("ANTWOORD_SLEUTEL"),
                l.optioneel("ANTWOORD_SLEUTEL_VORIG"),
                l.optioneel("ANTWOORD_URL"),
                l.optioneel("ANTWOORDERS").orElse(""));
        if (!Set.of("local", "test", "prod").contains(o.stage)) {
            throw new IllegalStateException("STAGE moet local, test of prod zijn, niet '" + o.stage + "'");
        }
        if (o.parallel < 1 || o.parallel > 256) {
            throw new IllegalStateException("PARALLEL moet tussen 1 en 256 liggen, niet " + o.parallel);
        }
        if (o.dueShards < 1 || o.dueShards > 64) {
            throw new IllegalStateException("DUE_SHARDS moet tussen 1 en 64 liggen, niet " + o.dueShards);
        }
        return o;
    }

    // A function asks for the resources it uses when it is built (at init): a missing one fails there and names
    // its variable. Each function needs only its own, so provisioning and tests build an Omgeving without them.

    public String zakenTabel() {
        return vereist("ZAKEN_TABLE", zaken);
    }

    public String meldingenTabel() {
        return vereist("MELDINGEN_TABLE", meldingen);
    }

    public String termijnmeldingenTopicArn() {
        return vereist("TERMIJNMELDINGEN_TOPIC_ARN", termijnmeldingenTopic);
    }

    public String afgewezenQueueUrl() {
        return vereist("AFGEWEZEN_QUEUE_URL", afgewezenQueue);
    }

    public String escalatiesTabel() {
        return vereist("ESCALATIES_TABLE", escalaties);
    }

    public String escalatiesTopicArn() {
        return vereist("ESCALATIES_TOPIC_ARN", escalatiesTopic);
    }

    public String tellersTabel() {
        return vereist("TELLERS_TABLE", tellers);
    }

    public String rapportagesTabel() {
        return vereist("RAPPORTAGES_TABLE", rapportages);
    }

    public String regietafelTopicArn() {
        return vereist("REGIETAFEL_TOPIC_ARN", regietafelTopic);
    }

    /** The ladders packaged with the function, validated now; outside local/test each must be approved. */
    public Ladders ladders() {
        return Ladders.uitJar(stage).controleerStandaard();
    }

    private static String vereist(String naam, Optional<String> waarde) {
        return waarde.orElseThrow(() -> new IllegalStateException("omgevingsvariabele " + naam + " ontbreekt (template.yaml zet hem)"));
    }

    /**
     * Who may speak for which gemeente. Required in {@code prod}: there, a deployment without a binding
     * would let any sender on the bus write facts for any gemeente. A binding that is present is enforced
     * in every stage; without one, {@code local} and {@code test} admit every sender.
     */
    public Afzenders afzenders() {
        if (afzendersBinding.leeg() && !LOSSE_STAGES.contains(stage)) {
            throw new IllegalStateException("omgevingsvariabele AFZENDERS ontbreekt: in stage " + stage
                    + " moet elke afzender aan zijn gemeenten gebonden zijn (bijv. 111111111111=GM0363,GM0518)");
        }
        return afzendersBinding;
    }

    /** The KMS HMAC key that signs answer links (docs/antwoorden.md). */
    public String antwoordSleutel() {
        return vereist("ANTWOORD_SLEUTEL", antwoordSleutelRef);
    }

    /** The answer page's address: the Function URL of escalatie-antwoord, locally the address of {@code termijnwacht serve}. */
    public String antwoordUrl() {
        return vereist("ANTWOORD_URL", antwoordUrlRef);
    }

    /** Which integrations may answer on the bus, for which gemeente and level; deny by default outside local and test. */
    public Antwoorders antwoorders() {
        return Antwoorders.lees("ANTWOORDERS", antwoordersBinding, LOSSE_STAGES.contains(stage));
    }

    /** How milestones are timed for this deployment. */
    public Zaakstand.Instellingen instellingen() {
        return new Zaakstand.Instellingen(kalender, mijlpaalTijd, tijdzone, waarschuwingsdagen);
    }

    public static Omgeving uitSysteem() {
        return uit(System.getenv());
    }

    private record Lezer(Map<String, String> env) {
        Optional<String> optioneel(String naam) {
            String waarde = env.get(naam);
            return waarde == null || waarde.isBlank() ? Optional.empty() : Optional.of(waarde.strip());
        }

        String verplicht(String naam) {
            return optioneel(naam).orElseThrow(() -> new IllegalStateException("omgevingsvariabele " + naam + " ontbreekt"));
        }

        int getal(String naam, int standaard) {
            try {
                return optioneel(naam).map(Integer::parseInt).orElse(standaard);
            } catch (NumberFormatException e) {
                throw new IllegalStateException(naam + " moet een geheel getal zijn: " + env.get(naam));
            }
        }

        List<Integer> getallen(String naam, List<Integer> standaard) {
            Optional<String> waarde = optioneel(naam);
            if (waarde.isEmpty()) {
                return standaard;
            }
            List<Integer> lijst = new ArrayList<>();
            for (String deel : waarde.get().split(",")) {
                try {
                    int n = Integer.parseInt(deel.strip());
                    if (n < 1) {
                        throw new NumberFormatException();
                    }
                    lijst.add(n);
                } catch (NumberFormatException e) {
                    throw new IllegalStateException(naam + " moet positieve gehele getallen bevatten, gescheiden door komma's: " + waarde.get());
                }
            }
            return List.copyOf(lijst);
        }

        LocalTime tijd(String naam, LocalTime standaard) {
            try {
                return optioneel(naam).map(LocalTime::parse).orElse(standaard);
            } catch (DateTimeParseException e) {
                throw new IllegalStateException(naam + " moet een tijd HH:MM zijn: " + env.get(naam));
            }
        }

        ZoneId zone(String naam, ZoneId standaard) {
            try {
                return optioneel(naam).map(ZoneId::of).orElse(standaard);
            } catch (RuntimeException e) {
                throw new IllegalStateException(naam + " is geen tijdzone: " + env.get(naam));
            }
        }

        Duration duur(String naam, Duration standaard) {
            try {
                return optioneel(naam).map(Duration::parse).orElse(standaard);
            } catch (DateTimeParseException e) {
                throw new IllegalStateException(naam + " moet een ISO-duur zijn (bijv. PT5M): " + env.get(naam));
            }
        }

        Kalender kalender(String naam) {
            return optioneel(naam)
                    .map(waarde -> Kalender.metExtraGelijkgesteldeDagen(Kalender.leesGelijkgesteldeDagen(List.of(waarde.split(",")), naam)))
                    .orElse(Kalender.standaard());
        }
    }
}
