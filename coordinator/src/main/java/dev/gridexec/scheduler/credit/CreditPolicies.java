package dev.gridexec.scheduler.credit;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The credit policies by name: what the coordinator's {@code dispatch} setting chooses from. */
public final class CreditPolicies {

    public static final String FIXED = "fixed";
    public static final String PROPORTIONAL = "proportional";
    public static final String AUTOTUNED = "autotuned";

    /** Every name, the default first. */
    public static final List<String> NAMES = List.of(AUTOTUNED, PROPORTIONAL, FIXED);

    private CreditPolicies() {
    }

    /** The default policy: autotuned. */
    public static CreditPolicy standard() {
        return new AutotunedCredit();
    }

    /** The policy named {@code name} (case-insensitive) with its default settings, if there is one. */
    public static Optional<CreditPolicy> named(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case AUTOTUNED -> Optional.of(new AutotunedCredit());
            case PROPORTIONAL -> Optional.of(new ProportionalCredit());
            case FIXED -> Optional.of(new FixedCredit(2));
            default -> Optional.empty();
        };
    }
}
