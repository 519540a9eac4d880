package nl.termijnwacht.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The functions as template.yaml declares them — the one list of functions (docs/architectuur.md): their
 * names, handlers, schedules and the tables whose due index tells when a scheduled one has work. The CLI's
 * function names, {@code invoke} and {@code simuleer} derive from it, so a new function is its module and
 * its template entry.
 */
public record Functiecatalogus(List<Functie> functies) {

    /** {@code !Sub ${ZakenTable.Arn}/index/DueIndex} as the YAML reader gives it (the tag dropped). */
    private static final Pattern DUE_INDEX = Pattern.compile("\\$\\{(\\w+)\\.Arn\\}/index/DueIndex");
    /** {@code !GetAtt ZakenTable.Arn} as the YAML reader gives it. */
    private static final Pattern TABEL_ARN = Pattern.compile("(\\w+)\\.Arn");
    private static final Pattern CODE_URI = Pattern.compile("functions/([a-z0-9-]+)/target/\\1\\.jar");

    /**
     * One function.
     *
     * @param naam          the name in {@code CodeUri} ({@code functions/NAAM/target/NAAM.jar}), as the CLI calls it
     * @param logischeId    its logical id in template.yaml
     * @param handlerKlasse the class in {@code Handler}; it has {@code static bouw(AwsClients, Clock)}
     * @param planning      its EventBridge Scheduler schedule, if it is scheduled
     * @param dueTabellen   tables whose due index its policy lets it query: it has work when one is due
     * @param bronnen       the event sources its EventBridge rules admit (e.g. {@code termijnwacht.zaken})
     * @param schrijfTabellen the tables its policy lets it write: after it ran, only their due work can have changed
     * @param functionUrl   it answers HTTP behind a Lambda Function URL ({@code FunctionUrlConfig}); {@code serve} serves it
     */
    public record Functie(String naam, String logischeId, String handlerKlasse, Optional<Planning> planning, List<String> dueTabellen,
                          List<String> bronnen, List<String> schrijfTabellen, boolean functionUrl) {
    }

    public Functiecatalogus {
        functies = List.copyOf(functies);
    }

    /** The catalogue of the template.yaml this build was made from (packaged on the classpath). */
    public static Functiecatalogus standaard() {
        return lees(template());
    }

    /**
     * template.yaml as a tree. CloudFormation's short tags are dropped by the YAML reader and their operand
     * kept, so {@code !Ref ZakenTable} reads as {@code "ZakenTable"}: a logical id to look up.
     */
    public static JsonNode template() {
        return Template.BOOM.deepCopy(); // a copy: a caller may change its tree
    }

    /** Parsed once per process: the stack, its provisioning and the catalogue all read it (48 kB of YAML). */
    private static final class Template {
        static final JsonNode BOOM = lees();

        private static JsonNode lees() {
            try (InputStream in = Functiecatalogus.class.getResourceAsStream("template.yaml")) {
                Objects.requireNonNull(in, "template.yaml ontbreekt op het classpath van infra/local");
                return new ObjectMapper(new YAMLFactory()).readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static Functiecatalogus lees(JsonNode template) {
        JsonNode resources = template.path("Resources");
        List<Functie> functies = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode r = entry.getValue();
            if (!r.path("Type").asText().equals("AWS::Serverless::Function")) {
                continue;
            }
            JsonNode p = r.path("Properties");
            Matcher naam = CODE_URI.matcher(p.path("CodeUri").asText());
            if (!naam.matches()) {
                throw new IllegalStateException("template.yaml: CodeUri " + p.path("CodeUri").asText() + " is niet functions/NAAM/target/NAAM.jar");
            }
            String handler = p.path("Handler").asText();
            Optional<Planning> planning = Optional.empty();
            List<String> bronnen = new ArrayList<>();
            for (JsonNode event : p.path("Events")) {
                if (event.path("Type").asText().equals("EventBridgeRule")) {
                    event.path("Properties").path("Pattern").path("source").forEach(b -> bronnen.add(b.asText()));
                }
                if (event.path("Type").asText().equals("ScheduleV2")) {
                    JsonNode e = event.path("Properties");
                    planning = Optional.of(Planning.van(e.path("ScheduleExpression").asText(),
                            ZoneId.of(e.path("ScheduleExpressionTimezone").asText("UTC"))));
                }
            }
            // The tables whose due index it queries: exactly those its policy lets it Query (least privilege and the
            // simulator agree by construction). Naming a table in its environment is not enough: the termijn
            // scanner writes Escalaties but never looks for due work there.
            // The tables it writes (PutItem on !GetAtt Table.Arn): after it ran, only their due work can have changed.
            List<String> dueTabellen = new ArrayList<>();
            List<String> schrijfTabellen = new ArrayList<>();
            for (JsonNode policy : p.path("Policies")) {
                for (JsonNode statement : policy.path("Statement")) {
                    boolean query = false;
                    boolean schrijft = false;
                    for (JsonNode actie : statement.path("Action")) {
                        query |= actie.asText().equals("dynamodb:Query");
                        schrijft |= actie.asText().equals("dynamodb:PutItem");
                    }
                    for (JsonNode resource : statement.path("Resource").isArray() ? statement.path("Resource") : new ObjectMapper().createArrayNode().add(statement.path("Resource"))) {
                        Matcher index = DUE_INDEX.matcher(resource.asText());
                        if (query && index.matches()) {
                            dueTabellen.add(resources.path(index.group(1)).path("Properties").path("TableName").asText());
                        }
                        Matcher tabel = TABEL_ARN.matcher(resource.asText());
                        if (schrijft && tabel.matches() && resources.path(tabel.group(1)).path("Type").asText().equals("AWS::DynamoDB::Table")) {
                            schrijfTabellen.add(resources.path(tabel.group(1)).path("Properties").path("TableName").asText());
                        }
                    }
                }
            }
            functies.add(new Functie(naam.group(1), entry.getKey(), handler.substring(0, handler.indexOf("::")), planning, List.copyOf(dueTabellen),
                    List.copyOf(bronnen), List.copyOf(schrijfTabellen), p.has("FunctionUrlConfig")));
        }
        return new Functiecatalogus(functies);
    }

    /**
     * The functions' environment as template.yaml sets it (Globals and each function), references resolved
     * through {@code waarden} (logical id → table name, topic ARN, queue URL); references to parameters are left
     * out (the caller sets {@code STAGE} and friends itself).
     */
    public static Map<String, String> omgeving(JsonNode template, Map<String, String> waarden) {
        Map<String, String> env = new java.util.TreeMap<>();
        List<JsonNode> blokken = new ArrayList<>();
        blokken.add(template.path("Globals").path("Function").path("Environment").path("Variables"));
        template.path("Resources").forEach(r -> {
            if (r.path("Type").asText().equals("AWS::Serverless::Function")) {
                blokken.add(r.path("Properties").path("Environment").path("Variables"));
            }
        });
        for (JsonNode blok : blokken) {
            for (Iterator<Map.Entry<String, JsonNode>> vars = blok.fields(); vars.hasNext(); ) {
                Map.Entry<String, JsonNode> v = vars.next();
                String waarde = v.getValue().asText();
                if (template.path("Parameters").has(waarde)) {
                    continue;
                }
                // !Ref X and !GetAtt X.Attr (the tag dropped by the YAML reader): what provisioning made of them
                boolean verwijzing = template.path("Resources").has(waarde) || waarden.containsKey(waarde);
                String opgelost = verwijzing ? waarden.get(waarde) : waarde;
                String eerder = env.put(v.getKey(), Objects.requireNonNull(opgelost, v.getKey() + ": " + waarde + " is niet aangemaakt"));
                if (eerder != null && !eerder.equals(opgelost)) {
                    throw new IllegalStateException("template.yaml: " + v.getKey() + " heeft twee waarden: " + eerder + " en " + opgelost);
                }
            }
        }
        return env;
    }

    public List<String> namen() {
        return functies.stream().map(Functie::naam).toList();
    }

    public Optional<Functie> functie(String naam) {
        return functies.stream().filter(f -> f.naam().equals(naam)).findFirst();
    }

    /** The function whose bus rule admits events from {@code bron}. */
    public Optional<Functie> voorBron(String bron) {
        return functies.stream().filter(f -> f.bronnen().contains(bron)).findFirst();
    }

    public List<Functie> gepland() {
        return functies.stream().filter(f -> f.planning().isPresent()).toList();
    }
}
