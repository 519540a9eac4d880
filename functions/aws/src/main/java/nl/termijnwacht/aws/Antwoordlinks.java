package nl.termijnwacht.aws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.termijnwacht.core.Escalatie;
import nl.termijnwacht.core.Escalatie.Antwoordsoort;
import nl.termijnwacht.core.Escalatieladder;
import nl.termijnwacht.core.Kalender;

/**
 * Signed answer links (docs/antwoorden.md). A link names one item, the step that gave the level its turn
 * ({@link Escalatie#meldstap()}), that level and the instant it expires, signed with a KMS HMAC key: the key never
 * leaves KMS, the scanner may only {@code GenerateMac} and the answer page only {@code VerifyMac} (so the page cannot
 * mint links), and KMS compares the MAC in constant time.
 *
 * <p>Token: {@code base64url(claim) "." base64url(mac)}, claim {@code 1|key|escalatie|stap|niveau|verloopt}, where
 * {@code key} is a fingerprint of the key that signed it. Rotation: a new key signs, the previous one
 * ({@code ANTWOORD_SLEUTEL_VORIG}) still verifies until the links it signed have expired.
 */
public final class Antwoordlinks {

    /** Longer than any token this class makes (an id is at most 160 characters); a longer one is not read at all. */
    public static final int MAX_TOKEN = 600;

    /** What a valid link grants: answering item {@code escalatie} as {@code niveau} in the turn of step {@code stap}, until {@code verloopt}. */
    public record Claim(String escalatie, int stap, int niveau, Instant verloopt) {
    }

    /** A link that does not verify, or has expired; {@code reden} is safe to show (it never repeats the token). */
    public static final class OngeldigeLink extends RuntimeException {
        private final transient Claim verlopen;

        OngeldigeLink(String reden, Claim verlopen) {
            super(reden, null, false, false);
            this.verlopen = verlopen;
        }

        /** The claim of a genuine link that has expired (so the page can show the item's state); empty for any other fault. */
        public Optional<Claim> verlopen() {
            return Optional.ofNullable(verlopen);
        }
    }

    private final KmsMac kms;
    private final String sleutel;
    private final Map<String, String> perVingerafdruk;
    private final String basisUrl;

    /**
     * @param sleutel  the key that signs (ARN in AWS: a fingerprint of the reference travels in every link)
     * @param vorige   a previous key whose links stay valid until they expire, if any
     * @param basisUrl the answer page's URL (the Function URL; locally the {@code serve} address)
     */
    public Antwoordlinks(KmsMac kms, String sleutel, Optional<String> vorige, String basisUrl) {
        this.kms = kms;
        this.sleutel = sleutel;
        this.perVingerafdruk = new LinkedHashMap<>();
        perVingerafdruk.put(vingerafdruk(sleutel), sleutel);
        vorige.ifPresent(v -> perVingerafdruk.put(vingerafdruk(v), v));
        this.basisUrl = basisUrl.endsWith("/") ? basisUrl : basisUrl + "/";
    }

    /** For the scanner: signs the links of its notices. */
    public static Antwoordlinks van(AwsClients aws) {
        Omgeving o = aws.omgeving();
        return new Antwoordlinks(aws.kms(), o.antwoordSleutel(), o.antwoordSleutelVorig(), o.antwoordUrl());
    }

    /** For the answer page: verifies links (its own address it does not need; a Function URL cannot name itself). */
    public static Antwoordlinks controleur(AwsClients aws) {
        Omgeving o = aws.omgeving();
        return new Antwoordlinks(aws.kms(), o.antwoordSleutel(), o.antwoordSleutelVorig(), "/");
    }

    /**
     * The links of the notice that invites the level at turn to answer: one per answer it may give (level 1 cannot
     * send back). All carry the same signed claim; the page opens with that answer chosen.
     */
    public Map<Antwoordsoort, String> voor(Escalatie e, Escalatieladder ladder, Kalender kalender, LocalTime tijd, ZoneId zone) {
        int niveau = Math.min(e.stand().niveau(), ladder.top());
        // the latest end of this level's turn: its term, then the follow-up term had it taken the item up on the last day
        Instant verloopt = kalender.werkdagenNa(e.reactieUiterlijk(ladder, kalender), ladder.niveau(niveau).opvolgWerkdagen() + 1)
                .atTime(tijd).atZone(zone).toInstant();
        String token = teken(new Claim(e.id(), e.meldstap().nr(), niveau, verloopt));
        Map<Antwoordsoort, String> links = new EnumMap<>(Antwoordsoort.class);
        for (Antwoordsoort soort : Antwoordsoort.values()) {
            if (soort != Antwoordsoort.TERUGGELEGD || niveau > 1) {
                links.put(soort, basisUrl + "?t=" + token + "&antwoord=" + soort.detailType());
            }
        }
        return links;
    }

    public String teken(Claim c) {
        byte[] claim = ("1|" + vingerafdruk(sleutel) + "|" + c.escalatie() + "|" + c.stap() + "|" + c.niveau() + "|" + c.verloopt().getEpochSecond())
                .getBytes(StandardCharsets.UTF_8);
        byte[] mac = kms.generateMac(sleutel, claim);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(claim) + "." + b64.encodeToString(mac);
    }

    /**
     * @throws OngeldigeLink when the token is malformed, signed by no key of this deployment, altered, or expired at {@code nu}
     */
    public Claim controleer(String token, Instant nu) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN) {
            throw new OngeldigeLink("deze link is onvolledig of onleesbaar", null);
        }
        String[] delen = token.split("\\.", -1);
        byte[] claim;
        byte[] mac;
        try {
            if (delen.length != 2) {
                throw new IllegalArgumentException();
            }
            claim = Base64.getUrlDecoder().decode(delen[0]);
            mac = Base64.getUrlDecoder().decode(delen[1]);
        } catch (IllegalArgumentException e) {
            throw new OngeldigeLink("deze link is onvolledig of onleesbaar", null);
        }
        List<String> velden = List.of(new String(claim, StandardCharsets.UTF_8).split("\\|", -1));
        String sleutelVanLink = velden.size() == 6 && velden.get(0).equals("1") ? perVingerafdruk.get(velden.get(1)) : null;
        if (sleutelVanLink == null || mac.length != 32) {
            throw new OngeldigeLink("deze link is niet door Termijnwacht ondertekend, of met een sleutel die niet meer geldt", null);
        }
        if (!kms.verifyMac(sleutelVanLink, claim, mac)) {
            throw new OngeldigeLink("deze link is veranderd of niet door Termijnwacht ondertekend", null);
        }
        Claim c;
        try {
            c = new Claim(velden.get(2), Integer.parseInt(velden.get(3)), Integer.parseInt(velden.get(4)), Instant.ofEpochSecond(Long.parseLong(velden.get(5))));
        } catch (RuntimeException e) {
            throw new OngeldigeLink("deze link is onleesbaar", null); // signed, so never expected: a key used for something else
        }
        if (!nu.isBefore(c.verloopt())) {
            throw new OngeldigeLink("deze link is verlopen: de beurt van dit niveau is voorbij", c);
        }
        return c;
    }

    /** Eight characters that tell the keys of a deployment apart; not secret (a key reference is not). */
    static String vingerafdruk(String sleutel) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(sleutel.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(h).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
