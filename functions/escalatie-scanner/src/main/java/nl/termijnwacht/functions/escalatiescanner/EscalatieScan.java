package nl.termijnwacht.functions.escalatiescanner;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.termijnwacht.aws.DueScan;
import nl.termijnwacht.aws.Versieconflict;
import nl.termijnwacht.aws.EscalatieDocument;
import nl.termijnwacht.aws.EscalatieRepository;
import nl.termijnwacht.aws.EscalatieRepository.Opgeslagen;
import nl.termijnwacht.aws.Ladders;
import nl.termijnwacht.aws.MeldingenLedger;
import nl.termijnwacht.aws.Parallel;
import nl.termijnwacht.aws.Publisher;
import nl.termijnwacht.core.Escalatie;
import nl.termijnwacht.core.Escalatieladder;
import nl.termijnwacht.core.Escalatiemelding;
import nl.termijnwacht.core.Zaakstand;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The escalatie scanner's part of a {@link DueScan} run (docs/escalatie.md): a due item is read, moved up or
 * reminded when its level let the term pass, and its unsent notices are planned — to topic {@code escalaties},
 * and for levels with {@code informeerRegietafel} also to {@code regietafel}. After publishing it is stored with
 * what was sent and when it is due next. Finding due items, the ledger and publishing are the shared engine's.
 */
public final class EscalatieScan implements DueScan.Werk<Opgeslagen> {

    private static final int POGINGEN = 8;

    private final EscalatieRepository escalaties;
    private final Ladders ladders;
    private final Zaakstand.Instellingen instellingen;
    private final ObjectMapper json;
    private final String escalatiesTopic;
    private final String regietafelTopic;
    private final DueScan<Opgeslagen> scan;

    public EscalatieScan(EscalatieRepository escalaties, Ladders ladders, MeldingenLedger ledger, Publisher publisher, String escalatiesTopic,
                         String regietafelTopic, Zaakstand.Instellingen instellingen, ObjectMapper json, Parallel parallel) {
        this.escalaties = escalaties;
        this.ladders = ladders;
        this.instellingen = instellingen;
        this.json = json;
        this.escalatiesTopic = escalatiesTopic;
        this.regietafelTopic = regietafelTopic;
        this.scan = new DueScan<>(escalaties.dueIndex(), ledger, publisher, parallel);
    }

    public DueScan.Verslag voerUit(Instant nu, String run) {
        return scan.voerUit(this, nu, run);
    }

    public DueScan.Verslag voerUit(Instant nu) {
        return voerUit(nu, UUID.randomUUID().toString());
    }

    @Override
    public Optional<Opgeslagen> lees(Map<String, AttributeValue> sleutel) {
        // what the index carries is enough to plan; the write back checks the version and re-reads only on a conflict
        return escalaties.uitIndex(sleutel).or(() -> escalaties.lees(EscalatieRepository.id(sleutel)));
    }

    @Override
    public String naam(Map<String, AttributeValue> sleutel) {
        return "escalatie " + EscalatieRepository.id(sleutel);
    }

    private Escalatieladder ladder(Escalatie e) {
        return ladders.ladder(e.ladder(), e.gemeente());
    }

    /** The item as it stands at {@code nu}: the automatic step due by then applied. */
    private Escalatie bij(Escalatie e, Escalatieladder ladder, Instant nu) {
        return e.bij(ladder, instellingen.kalender(), nu, instellingen.tijd(), instellingen.zone());
    }

    @Override
    public DueScan.Plan plan(Opgeslagen o, Instant nu) {
        Escalatieladder ladder = ladder(o.escalatie());
        Escalatie e = bij(o.escalatie(), ladder, nu);
        List<DueScan.Uitgaand> uit = new ArrayList<>();
        for (Escalatiemelding m : e.teVersturen(ladder, instellingen.kalender(), nu)) {
            uit.add(new DueScan.Uitgaand(m.regietafel() ? regietafelTopic : escalatiesTopic, m.idempotencyKey(), m.soort().name(), m.idempotencyKey(),
                    m.onderwerp(), m.tekst(), EscalatieDocument.document(json, m), EscalatieDocument.attributen(m)));
        }
        return new DueScan.Plan(uit);
    }

    /** Stores the step taken and what was sent; only when another writer came first is it read again and redone. */
    @Override
    public void werkBij(Opgeslagen gelezen, Set<String> nieuwVerzonden, Instant nu) {
        Opgeslagen o = gelezen;
        for (int poging = 1; ; poging++) {
            Escalatieladder ladder = ladder(o.escalatie());
            Escalatie e = bij(o.escalatie(), ladder, nu).metVerzonden(nieuwVerzonden);
            try {
                escalaties.bewaar(e, o.versie(), e.volgendMoment(ladder, instellingen.kalender(), nu, instellingen.tijd(), instellingen.zone()),
                        e.reactieUiterlijk(ladder, instellingen.kalender()), nu);
                return;
            } catch (EscalatieRepository.GelijktijdigGewijzigd conflict) {
                if (poging == POGINGEN) {
                    throw conflict;
                }
                Versieconflict.wacht(poging);
                o = escalaties.lees(o.escalatie().id()).orElse(null);
                if (o == null) {
                    return;
                }
            }
        }
    }
}
