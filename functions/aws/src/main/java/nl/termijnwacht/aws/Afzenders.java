package nl.termijnwacht.aws;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import nl.termijnwacht.core.OngeldigeInvoer;
import nl.termijnwacht.core.Zaakdossier;

/**
 * Which sender may speak for which gemeenten (docs/architectuur.md, "Tenants"): each AWS account that may
 * put events on the bus is bound to the gemeenten it serves. EventBridge fills in an event's {@code account}
 * with the account that sent it, so a sender cannot pose as another. Configured as {@code AFZENDERS}, e.g.
 * {@code 111111111111=GM0363,GM0518;222222222222=GM0014}.
 */
public record Afzenders(Map<String, Set<String>> perAccount) {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    public Afzenders {
        perAccount = Map.copyOf(perAccount);
    }

    public static final Afzenders GEEN = new Afzenders(Map.of());

    /** @throws IllegalStateException naming {@code variabele} and the part that is wrong */
    public static Afzenders lees(String variabele, String waarde) {
        if (waarde == null || waarde.isBlank()) {
            return GEEN;
        }
        Map<String, Set<String>> binding = new LinkedHashMap<>();
        for (String deel : waarde.split(";")) {
            String[] paar = deel.strip().split("=", 2);
            if (paar.length != 2 || !ACCOUNT.matcher(paar[0].strip()).matches()) {
                throw new IllegalStateException(variabele + ": '" + deel.strip() + "' moet de vorm ACCOUNT=GM0363,GM0518 hebben (ACCOUNT: 12 cijfers)");
            }
            Set<String> gemeenten = new TreeSet<>();
            for (String gemeente : paar[1].split(",")) {
                if (!Zaakdossier.GEMEENTECODE.matcher(gemeente.strip()).matches()) {
                    throw new IllegalStateException(variabele + ": '" + gemeente.strip() + "' is geen CBS-gemeentecode (bijv. GM0363)");
                }
                gemeenten.add(gemeente.strip());
            }
            binding.merge(paar[0].strip(), gemeenten, (a, b) -> {
                Set<String> samen = new TreeSet<>(a);
                samen.addAll(b);
                return samen;
            });
        }
        return new Afzenders(binding);
    }

    public boolean leeg() {
        return perAccount.isEmpty();
    }

    /**
     * Without a binding every sender is admitted (local and test stages only, see {@link Omgeving#afzenders()}).
     *
     * @throws OngeldigeInvoer with field {@code account} when this sender may not speak for {@code gemeente}
     */
    public void toets(String account, String gemeente) {
        if (leeg()) {
            return;
        }
        if (account == null || !perAccount.containsKey(account)) {
            throw new OngeldigeInvoer("account", "afzender " + (account != null && ACCOUNT.matcher(account).matches() ? account : "(onbekend)")
                    + " is geen toegelaten afzender van zaakgebeurtenissen");
        }
        if (!perAccount.get(account).contains(gemeente)) {
            throw new OngeldigeInvoer("account", "afzender " + account + " mag niet spreken voor gemeente " + gemeente
                    + "; wel voor " + String.join(", ", perAccount.get(account)));
        }
    }
}
