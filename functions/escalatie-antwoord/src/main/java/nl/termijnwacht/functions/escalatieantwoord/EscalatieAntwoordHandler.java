package nl.termijnwacht.functions.escalatieantwoord;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.termijnwacht.aws.Antwoordlinks;
import nl.termijnwacht.aws.Antwoordlinks.Claim;
import nl.termijnwacht.aws.Antwoordlinks.OngeldigeLink;
import nl.termijnwacht.aws.Antwoordverwerking;
import nl.termijnwacht.aws.AwsClients;
import nl.termijnwacht.aws.EscalatieRepository;
import nl.termijnwacht.aws.Priming;
import nl.termijnwacht.aws.Uitkomst;
import nl.termijnwacht.aws.UrlFunctie;
import nl.termijnwacht.core.Datums;
import nl.termijnwacht.core.Escalatie;
import nl.termijnwacht.core.Escalatie.Antwoordsoort;
import nl.termijnwacht.core.Escalatieladder;
import nl.termijnwacht.core.OngeldigeInvoer;

/**
 * Lambda {@code escalatie-antwoord}, behind a Function URL: the page a level's answer link opens (docs/antwoorden.md).
 * Opening (GET) only shows the item and a form, so a mail scanner or link preview that follows the link changes
 * nothing; only the form's POST acts. The link is the credential: signed, bound to one item, turn and level, checked
 * on every request; the level and item never come from the form.
 */
public final class EscalatieAntwoordHandler extends UrlFunctie {

    private final Antwoordlinks links;
    private final Antwoordverwerking verwerking;

    /** Lambda: once per execution environment. */
    public EscalatieAntwoordHandler() {
        this(AwsClients.lambda(), Clock.systemUTC());
    }

    public EscalatieAntwoordHandler(AwsClients aws, Clock klok) {
        EscalatieRepository escalaties = EscalatieRepository.van(aws);
        super("escalatie-antwoord", aws, klok, List.of(Priming.termijnEngine(aws.omgeving()), escalaties::primeer));
        links = Antwoordlinks.controleur(aws);
        verwerking = new Antwoordverwerking(escalaties, aws.omgeving().ladders(), aws.omgeving());
    }

    /** Tests and the local CLI ({@code serve}): their own clients and clock. */
    public static EscalatieAntwoordHandler bouw(AwsClients aws, Clock klok) {
        return new EscalatieAntwoordHandler(aws, klok);
    }

    @Override
    protected Antwoord behandel(Verzoek v, Instant nu) {
        return switch (v.methode()) {
            case "GET" -> toon(v.query().get("t"), Antwoordsoort.vanDetailType(v.query().get("antwoord")).orElse(null), nu);
            case "HEAD" -> {
                Antwoord a = toon(v.query().get("t"), null, nu);
                yield new Antwoord(a.status(), a.headers(), "");
            }
            case "POST" -> geef(v, nu);
            default -> new Antwoord(405, Map.of("Allow", "GET, HEAD, POST", "Content-Type", "text/plain; charset=utf-8"), "Alleen GET en POST.");
        };
    }

    private Antwoord toon(String token, Antwoordsoort gekozen, Instant nu) {
        Claim claim;
        try {
            claim = links.controleer(token, nu);
        } catch (OngeldigeLink fout) {
            return ongeldig(fout, token, nu, "hieronder de stand van nu");
        }
        return pagina(200, claim, token, nu, null, false, gekozen, null);
    }

    private Antwoord geef(Verzoek v, Instant nu) {
        // a form posted from another site is refused even with a valid token (the token alone should never travel there)
        String origin = v.header("origin");
        String host = v.header("host");
        if (origin != null && !origin.equals("null") && host != null && !origin.endsWith("//" + host)) {
            return new Antwoord(403, Antwoordpagina.headers(), Antwoordpagina.ongeldig("dit formulier komt niet van deze pagina"));
        }
        String token = v.formulier().get("t");
        Claim claim;
        try {
            claim = links.controleer(token, nu);
        } catch (OngeldigeLink fout) {
            return ongeldig(fout, token, nu, "uw antwoord is niet verwerkt");
        }
        Antwoordsoort soort = Antwoordsoort.vanDetailType(v.formulier().get("antwoord")).orElse(null);
        String toelichting = v.formulier().get("toelichting");
        if (soort == null) {
            return pagina(422, claim, token, nu, "Kies een antwoord: Opgepakt, Opgelost of Teruggelegd.", true, null, toelichting);
        }
        try {
            Uitkomst u = verwerking.viaLink(claim, token, soort, toelichting, nu);
            String bericht = u.resultaat() == Uitkomst.Resultaat.AL_VERWERKT
                    ? "Dit antwoord (" + soort.detailType() + ") was al gegeven; er is niets veranderd."
                    : "Uw antwoord " + soort.detailType() + " is verwerkt op " + Datums.lang(java.time.LocalDate.ofInstant(nu, verwerking.instellingen().zone())) + ". " + gevolg(soort);
            return pagina(200, claim, token, nu, bericht, false, null, null);
        } catch (OngeldigeInvoer fout) {
            return pagina(422, claim, token, nu, "Niet verwerkt: " + fout.reden(), true, soort, toelichting);
        }
    }

    /** An expired genuine link shows the item as it stands (410); any other fault shows nothing about any item (403). */
    private Antwoord ongeldig(OngeldigeLink fout, String token, Instant nu, String vervolg) {
        return fout.verlopen().map(c -> pagina(410, c, token, nu, fout.getMessage() + "; " + vervolg + ".", true, null, null))
                .orElseGet(() -> new Antwoord(403, Antwoordpagina.headers(), Antwoordpagina.ongeldig(fout.getMessage())));
    }

    private static String gevolg(Antwoordsoort soort) {
        return switch (soort) {
            case OPGEPAKT -> "De escalatie pauzeert; los het op binnen de opvolgtermijn hieronder, anders gaat ze een niveau hoger.";
            case OPGELOST -> "De escalatie is gesloten; wie er een melding over kreeg, krijgt bericht.";
            case TERUGGELEGD -> "Het niveau eronder krijgt uw besluit en een nieuwe termijn.";
        };
    }

    /** The item as it stands now; the form only while this link's turn lasts. */
    private Antwoord pagina(int status, Claim claim, String token, Instant nu, String bericht, boolean fout, Antwoordsoort gekozen, String toelichting) {
        Escalatie e = verwerking.lees(claim.escalatie()).map(EscalatieRepository.Opgeslagen::escalatie).orElse(null);
        if (e == null) {
            return new Antwoord(404, Antwoordpagina.headers(), Antwoordpagina.ongeldig("deze escalatie bestaat niet (meer)"));
        }
        Escalatieladder ladder = verwerking.ladder(e, nu);
        var instellingen = verwerking.instellingen();
        Escalatie.Stand st = e.stand();
        boolean aanZet = st.open() && e.meldstap().nr() == claim.stap() && Math.min(st.niveau(), ladder.top()) == claim.niveau() && nu.isBefore(claim.verloopt());
        List<Antwoordsoort> formulier = new ArrayList<>();
        if (aanZet) {
            if (st.opgepakt() == null) {
                formulier.add(Antwoordsoort.OPGEPAKT);
            }
            formulier.add(Antwoordsoort.OPGELOST);
            if (claim.niveau() > 1 && e.teruggelegdDoor(claim.niveau()) < ladder.niveau(claim.niveau()).terugleggenHoogstens()) {
                formulier.add(Antwoordsoort.TERUGGELEGD);
            }
        } else if (bericht == null) {
            bericht = st.open() ? "Deze link hoort bij een beurt die voorbij is; hieronder de stand van nu. Een nieuwe melding brengt een nieuwe link."
                    : "Deze escalatie is al opgelost; hieronder hoe.";
            fout = true;
        }
        String uiterlijk = null;
        String anders = null;
        if (st.open()) {
            var u = e.reactieUiterlijk(ladder, instellingen.kalender());
            uiterlijk = (st.opgepakt() == null ? "antwoord uiterlijk " : "opgepakt; los het op uiterlijk ") + Datums.lang(u);
            Escalatie.Volgende vg = e.volgende(ladder, instellingen.kalender());
            anders = vg.gebeurtenis() == Escalatie.Gebeurtenis.OMHOOG
                    ? "op " + Datums.lang(vg.dag()) + " naar niveau " + vg.naarNiveau() + " (" + ladder.niveau(vg.naarNiveau()).naam() + ")"
                    : "op " + Datums.lang(vg.dag()) + " een herinnering";
        }
        return new Antwoord(status, Antwoordpagina.headers(), Antwoordpagina.pagina(e, ladder, claim.niveau(), uiterlijk, anders, bericht, fout,
                formulier, gekozen == null && formulier.size() == 1 ? formulier.getFirst() : gekozen, token, toelichting));
    }
}
