package nl.termijnwacht.functions.escalatieantwoord;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.termijnwacht.core.Datums;
import nl.termijnwacht.core.Escalatie;
import nl.termijnwacht.core.Escalatie.Antwoordsoort;
import nl.termijnwacht.core.Escalatieladder;
import nl.termijnwacht.core.Escalatiemelding;
import org.owasp.encoder.Encode;

/**
 * The answer page (docs/antwoorden.md): plain Dutch HTML that works without script, readable on a phone, labelled
 * for screen readers and usable by keyboard, with no resource from elsewhere. Its one style sheet is inline and
 * admitted by its hash in the Content-Security-Policy; nothing else may load, frame it or be posted elsewhere. Every
 * text from outside (the item, its history, a reason) goes through the OWASP encoder.
 */
final class Antwoordpagina {

    private static final String STIJL = """
            body{font:1.05rem/1.5 system-ui,sans-serif;max-width:40rem;margin:0 auto;padding:1rem;color:#1a1a1a;background:#fff}
            h1{font-size:1.4rem;margin:.2rem 0 1rem}h2{font-size:1.1rem;margin-top:1.5rem}
            dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}dt{font-weight:600}dd{margin:0}
            ol{padding-left:1.3rem}li{margin:.2rem 0}
            .melding{border-left:.35rem solid #1d5fa8;background:#eef4fb;padding:.6rem .9rem}
            .fout{border-left:.35rem solid #b00020;background:#fdecee;padding:.6rem .9rem}
            .klaar{border-left:.35rem solid #1e7b34;background:#eaf6ec;padding:.6rem .9rem}
            fieldset{border:1px solid #767676;padding:.8rem}legend{font-weight:600;padding:0 .3rem}
            label{display:block;margin:.4rem 0}textarea{width:100%;box-sizing:border-box;font:inherit;min-height:6rem}
            button{font:inherit;font-weight:600;margin-top:.8rem;padding:.6rem 1.2rem;background:#1d5fa8;color:#fff;border:0;border-radius:.3rem}
            button:focus,input:focus,textarea:focus{outline:3px solid #f0b400;outline-offset:2px}
            .klein{font-size:.9rem;color:#444}
            """;

    /** Only the inline style sheet above may apply; no script, image, frame, font or connection at all. */
    static final String CSP = "default-src 'none'; style-src '" + hash(STIJL) + "'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /** What every page answers with: never cached, never framed, never a Referer (the link is a token). */
    static Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "text/html; charset=utf-8");
        h.put("Content-Security-Policy", CSP);
        h.put("Referrer-Policy", "no-referrer");
        h.put("Cache-Control", "no-store");
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-Frame-Options", "DENY");
        return h;
    }

    private Antwoordpagina() {
    }

    /**
     * The item and, while this level can still answer through this link, the form.
     *
     * @param bericht     a notice above the item: what just happened, or why the answer was refused (may be null)
     * @param foutmelding whether {@code bericht} reports a refusal
     * @param formulier   the answers the form offers (empty: no form)
     * @param gekozen     the answer chosen when the page opens
     * @param token       the signed link, posted back with the form
     */
    static String pagina(Escalatie e, Escalatieladder ladder, int niveau, String uiterlijk, String anders, String bericht, boolean foutmelding,
                         List<Antwoordsoort> formulier, Antwoordsoort gekozen, String token, String toelichting) {
        Escalatie.Stand st = e.stand();
        StringBuilder h = begin("Escalatie " + e.id());
        h.append("<main>\n<p class=\"klein\">Termijnwacht · ladder ").append(Encode.forHtml(ladder.id())).append(" · ")
                .append(Encode.forHtml(ladder.niveau(Math.min(niveau, ladder.top())).naam())).append(" (niveau ").append(niveau).append(")</p>\n");
        h.append("<h1>").append(Encode.forHtml(ladder.thema())).append("</h1>\n");
        if (bericht != null) {
            h.append("<p class=\"").append(foutmelding ? "fout" : "klaar").append("\" role=\"").append(foutmelding ? "alert" : "status").append("\">")
                    .append(Encode.forHtml(bericht)).append("</p>\n");
        }
        h.append("<dl>\n");
        rij(h, "Wat", e.onderwerp());
        rij(h, "Sinds", Datums.lang(st.geopend()));
        rij(h, "Stand", st.open() ? "open, bij niveau " + st.niveau() + " (" + ladder.zoekNiveau(st.niveau()).map(Escalatieladder.Niveau::naam).orElse("?")
                + ") sinds " + Datums.lang(st.sinds()) + (st.opgepakt() == null ? "" : "; opgepakt op " + Datums.lang(st.opgepakt()))
                : "opgelost op " + Datums.lang(st.opgelost().datum()));
        if (uiterlijk != null) {
            rij(h, "Verwacht", uiterlijk);
        }
        if (anders != null) {
            rij(h, "Anders", anders);
        }
        h.append("</dl>\n<h2>Wat er eerder gebeurde</h2>\n<ol>\n");
        // the notice shows a short text; this page, behind its signed link, the whole cleaned one
        for (String regel : Escalatiemelding.geschiedenis(e, ladder, true)) {
            h.append("<li>").append(Encode.forHtml(regel)).append("</li>\n");
        }
        h.append("</ol>\n");
        if (!formulier.isEmpty()) {
            h.append("<h2>Uw antwoord</h2>\n<form method=\"post\">\n<input type=\"hidden\" name=\"t\" value=\"").append(Encode.forHtmlAttribute(token)).append("\">\n");
            h.append("<fieldset>\n<legend>Als ").append(Encode.forHtml(ladder.niveau(niveau).naam())).append(" (niveau ").append(niveau).append(")</legend>\n");
            for (Antwoordsoort s : formulier) {
                String id = "antwoord-" + s.detailType().toLowerCase();
                h.append("<label for=\"").append(id).append("\"><input type=\"radio\" name=\"antwoord\" id=\"").append(id).append("\" value=\"")
                        .append(s.detailType()).append('"').append(s == gekozen ? " checked" : "").append(" required> ")
                        .append(s.detailType()).append(" — ").append(uitleg(s, niveau)).append("</label>\n");
            }
            h.append("<label for=\"toelichting\">Toelichting (verplicht bij Teruggelegd, en bij Opgelost zolang de zaak geen besluit heeft). "
                    + "Noem geen namen, adressen of andere persoonsgegevens.</label>\n");
            h.append("<textarea id=\"toelichting\" name=\"toelichting\" maxlength=\"2000\">").append(Encode.forHtml(toelichting == null ? "" : toelichting))
                    .append("</textarea>\n");
            h.append("</fieldset>\n<button type=\"submit\">Antwoord geven</button>\n</form>\n");
            h.append("<p class=\"klein\">Alleen deze knop geeft het antwoord; de link openen doet niets. De link geldt alleen voor niveau ").append(niveau)
                    .append(" en alleen in deze beurt.</p>\n");
        }
        return eind(h);
    }

    /** A link that does not verify: nothing about any item is shown. */
    static String ongeldig(String reden) {
        StringBuilder h = begin("Link ongeldig");
        h.append("<main>\n<h1>Deze link werkt niet</h1>\n<p class=\"fout\" role=\"alert\">").append(Encode.forHtml(reden)).append(".</p>\n")
                .append("<p>Gebruik de link uit de laatste melding die u kreeg. Er is niets veranderd.</p>\n");
        return eind(h);
    }

    private static String uitleg(Antwoordsoort s, int niveau) {
        return switch (s) {
            case OPGEPAKT -> "wij pakken het op; de escalatie pauzeert voor de opvolgtermijn";
            case OPGELOST -> "het is opgelost; de escalatie sluit en wie een melding kreeg, hoort het";
            case TERUGGELEGD -> "terug naar niveau " + (niveau - 1) + " met een besluit dat zij meekrijgen";
        };
    }

    private static void rij(StringBuilder h, String naam, String waarde) {
        h.append("<dt>").append(Encode.forHtml(naam)).append("</dt><dd>").append(Encode.forHtml(waarde)).append("</dd>\n");
    }

    private static StringBuilder begin(String titel) {
        return new StringBuilder(4096).append("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n")
                .append("<title>").append(Encode.forHtml(titel)).append(" — Termijnwacht</title>\n<style>").append(STIJL).append("</style>\n</head>\n<body>\n");
    }

    private static String eind(StringBuilder h) {
        return h.append("</main>\n</body>\n</html>\n").toString();
    }

    private static String hash(String stijl) {
        try {
            return "sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(stijl.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
