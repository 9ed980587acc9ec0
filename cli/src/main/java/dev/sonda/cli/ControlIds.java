package dev.sonda.cli;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Orders control ids as people read them: {@code CloudWatch.2} before {@code CloudWatch.10}. */
final class ControlIds {

    private static final Pattern NUMBERED = Pattern.compile("(.*)\\.(\\d+)");

    static final Comparator<String> NATURAL_ORDER = Comparator.comparing(ControlIds::prefix)
            .thenComparing(ControlIds::number)
            .thenComparing(Comparator.naturalOrder());

    private ControlIds() {
    }

    private static String prefix(String id) {
        Matcher matcher = NUMBERED.matcher(id);
        return matcher.matches() ? matcher.group(1) : id.substring(0, Math.max(0, id.indexOf('.')));
    }

    /** Numbered ids sort by number; named ones such as {@code IAM.RootUserUnused} after them. */
    private static long number(String id) {
        Matcher matcher = NUMBERED.matcher(id);
        return matcher.matches() && matcher.group(2).length() < 18 ? Long.parseLong(matcher.group(2)) : Long.MAX_VALUE;
    }
}
