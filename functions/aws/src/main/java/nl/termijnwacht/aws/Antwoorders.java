package nl.termijnwacht.aws;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import nl.termijnwacht.core.Escalatie;
import nl.termijnwacht.core.OngeldigeInvoer;
import nl.termijnwacht.core.Zaakdossier;

/**
 * Which integration may answer escalations on the bus, for which gemeente (or, for items without one, which ladder)
 * and which level (docs/antwoorden.md). A zaaksysteem's binding ({@link Afzenders}) does not grant it: sending zaak
 * facts and answering for a bestuurder are different roles. Configured as {@code ANTWOORDERS}, e.g.
 * {@code 222222222222=GM0363@1,GM0363@2;333333333333=uitvoeringsknelpunt@2}.
 *
 * <p>Deny by default: where a binding exists, only what it names is admitted; in {@code prod} without one no bus
 * reply is admitted at all (answers then come through the signed links). Only {@code local} and {@code test}
 * without a binding admit every sender, so tests and the local chain keep working.
 */
public record Antwoorders(Map<String, Set<String>> perAccount, boolean zonderBindingOpen) {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGEL = Pattern.compile("(GM\\d{4}|[a-z][a-z0-9-]{0,63})@(\\d{1,2})");

    public Antwoorders {
        perAccount = Map.copyOf(perAccount);
    }

    /** @throws IllegalStateException naming {@code variabele} and the part that is wrong */
    public static Antwoorders lees(String variabele, String waarde, boolean zonderBindingOpen) {
        Map<String, Set<String>> binding = new LinkedHashMap<>();
        if (waarde != null && !waarde.isBlank()) {
            for (String deel : waarde.split(";")) {
                String[] paar = deel.strip().split("=", 2);
                if (paar.length != 2 || !ACCOUNT.matcher(paar[0].strip()).matches()) {
                    throw new IllegalStateException(variabele + ": '" + deel.strip() + "' moet de vorm ACCOUNT=GM0363@2,uitvoeringsknelpunt@1 hebben (ACCOUNT: 12 cijfers)");
                }
                for (String regel : paar[1].split(",")) {
                    var m = REGEL.matcher(regel.strip());
                    if (!m.matches() || (m.group(1).startsWith("GM") && !Zaakdossier.GEMEENTECODE.matcher(m.group(1)).matches())) {
                        throw new IllegalStateException(variabele + ": '" + regel.strip() + "' moet GEMEENTE@NIVEAU of LADDER@NIVEAU zijn (bijv. GM0363@2)");
                    }
                    binding.computeIfAbsent(paar[0].strip(), k -> new TreeSet<>()).add(regel.strip());
                }
            }
        }
        return new Antwoorders(binding, zonderBindingOpen);
    }

    private boolean open() {
        return perAccount.isEmpty() && zonderBindingOpen;
    }

    /** Before the item is read: the sender must be bound to the gemeente its id names (so it cannot learn whether it exists). */
    public void toetsVooraf(String account, String escalatieId) {
        if (open()) {
            return;
        }
        Set<String> regels = regels(account);
        Escalatie.gemeenteUitId(escalatieId).ifPresent(gemeente -> {
            if (regels.stream().noneMatch(r -> r.startsWith(gemeente + "@"))) {
                throw new OngeldigeInvoer("account", "afzender " + account + " mag niet antwoorden voor gemeente " + gemeente);
            }
        });
    }

    /** After the item is read: bound to its gemeente (or, without one, its ladder) at the level that answers. */
    public void toets(String account, Escalatie e, int niveau) {
        if (open()) {
            return;
        }
        String wie = e.gemeente() != null ? e.gemeente() : e.ladder();
        if (!regels(account).contains(wie + "@" + niveau)) {
            throw new OngeldigeInvoer("account", "afzender " + account + " mag niet antwoorden als niveau " + niveau + " voor " + wie);
        }
    }

    private Set<String> regels(String account) {
        if (account == null || !perAccount.containsKey(account)) {
            throw new OngeldigeInvoer("account", "afzender " + (account != null && ACCOUNT.matcher(account).matches() ? account : "(onbekend)")
                    + " is geen gekoppeld systeem dat op escalaties mag antwoorden"
                    + (perAccount.isEmpty() ? " (er is er geen: antwoorden gaan via de links in de meldingen)" : ""));
        }
        return perAccount.get(account);
    }
}
