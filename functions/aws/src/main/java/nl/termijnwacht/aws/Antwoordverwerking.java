package nl.termijnwacht.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import nl.termijnwacht.core.Escalatie;
import nl.termijnwacht.core.Escalatie.Antwoordsoort;
import nl.termijnwacht.core.Escalatieladder;
import nl.termijnwacht.core.OngeldigeInvoer;
import nl.termijnwacht.core.Vrijetekst;
import nl.termijnwacht.core.Zaakstand;

/**
 * The one place that applies an answer to an escalation (docs/antwoorden.md), whichever channel it came through: a
 * bound integration on the bus ({@code escalatie-events}) or a level's signed link ({@code escalatie-antwoord}). The
 * item is read, the ladder rules of {@link Escalatie#beantwoord} decide, and the item is stored with a version check
 * and due at once, so the escalatie-scanner sends what follows (OPGELOST, TERUGGELEGD). A rejected answer
 * ({@link OngeldigeInvoer}) writes nothing.
 */
public final class Antwoordverwerking {

    private final EscalatieRepository escalaties;
    private final Ladders ladders;
    private final Zaakstand.Instellingen instellingen;

    public Antwoordverwerking(EscalatieRepository escalaties, Ladders ladders, Omgeving omgeving) {
        this.escalaties = escalaties;
        this.ladders = ladders;
        this.instellingen = omgeving.instellingen();
    }

    /** An answer event from the bus; the sender must be bound for the item's gemeente (or ladder) and the level that answers. */
    public Uitkomst viaBus(JsonNode event, Antwoorders antwoorders, Instant nu) {
        EscalatieEvents.Antwoord a = EscalatieEvents.lees(event, vandaag(nu));
        String account = event.path("account").textValue();
        // checked on the id before the item is read, so a foreign sender cannot learn whether an item exists
        antwoorders.toetsVooraf(account, a.escalatie());
        return verwerk(a.escalatie(), a.antwoord(), e -> antwoorders.toets(account, e, a.antwoord().niveau()), nu);
    }

    /**
     * An answer given on the page of a signed link (already verified): the level, item and turn come from the link,
     * never from the form. The same link and answer given twice is one answer (its event id follows from both).
     */
    public Uitkomst viaLink(Antwoordlinks.Claim claim, String token, Antwoordsoort soort, String toelichting, Instant nu) {
        String tekst = toelichting == null || toelichting.isBlank() ? null : Vrijetekst.schoon(toelichting);
        Escalatie.Antwoord a = new Escalatie.Antwoord(linkEvent(token, soort), soort, claim.niveau(), vandaag(nu), tekst,
                "link:niveau-" + claim.niveau(), claim.stap());
        return verwerk(claim.escalatie(), a, e -> { }, nu);
    }

    /** The item and the ladder that applies to it today, for showing; empty when unknown. */
    public Optional<EscalatieRepository.Opgeslagen> lees(String id) {
        return escalaties.lees(id);
    }

    public Escalatieladder ladder(Escalatie e, Instant nu) {
        return ladders.ladder(e.ladder(), e.gemeente(), vandaag(nu));
    }

    public Zaakstand.Instellingen instellingen() {
        return instellingen;
    }

    private Uitkomst verwerk(String id, Escalatie.Antwoord a, Consumer<Escalatie> toets, Instant nu) {
        return Versieconflict.herhaal(() -> escalaties.lees(id).orElse(null), o -> {
            if (o == null) {
                throw new OngeldigeInvoer("escalatie", "onbekende escalatie " + OngeldigeInvoer.citaat(id));
            }
            toets.accept(o.escalatie());
            Escalatieladder ladder = ladder(o.escalatie(), nu);
            // a stored item (ladder:gemeente:zaak, no personal data)
            Map<String, String> kenmerken = Map.of("escalatie", o.escalatie().id(), "door", a.door());
            Escalatie.Beantwoord b = o.escalatie().beantwoord(a, ladder, instellingen.kalender(), nu, instellingen.tijd(), instellingen.zone());
            if (b.duplicaat()) {
                return Uitkomst.alVerwerkt(kenmerken);
            }
            Escalatie e = b.escalatie();
            escalaties.bewaar(e, o, ladder.top(), e.volgendMoment(ladder, instellingen.kalender(), nu, instellingen.tijd(), instellingen.zone()),
                    e.reactieUiterlijk(ladder, instellingen.kalender()), nu);
            return Uitkomst.verwerkt(kenmerken);
        });
    }

    private LocalDate vandaag(Instant nu) {
        return LocalDate.ofInstant(nu, instellingen.zone());
    }

    /** A link's answer is recognised again by a hash of its token and the answer: the token itself is never stored. */
    static String linkEvent(String token, Antwoordsoort soort) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((token + "|" + soort.name()).getBytes(StandardCharsets.UTF_8));
            return "link-" + Base64.getUrlEncoder().withoutPadding().encodeToString(h).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
