package dev.sonda.cli;

import dev.sonda.contracts.catalog.Framework;
import java.util.ArrayList;
import java.util.List;

/** Renders accounts and their scores as a plain-text table. */
final class ScoreTable {

    /** Failing controls named in the table; the report lists them all. */
    private static final int FAILING_SHOWN = 4;

    private ScoreTable() {
    }

    static String render(List<AccountRow> rows, List<Framework> frameworks) {
        List<String> header = new ArrayList<>(List.of("ACCOUNT", "NAME", "TENANT", "SCORE"));
        frameworks.forEach(framework -> header.add(framework.shortName()));
        header.addAll(List.of("COVERAGE", "FAILING CONTROLS"));

        List<List<String>> lines = new ArrayList<>();
        lines.add(header);
        for (AccountRow row : rows) {
            List<String> line = new ArrayList<>(List.of(text(row.accountId()), text(row.name()), text(row.tenant()),
                    percent(row.score())));
            frameworks.forEach(framework -> line.add(percent(row.frameworkScores().get(framework.id()))));
            line.add(percent(row.coverage()));
            line.add(failing(row.failingControls()));
            lines.add(line);
        }
        return format(lines);
    }

    /** Returns the count of failing controls and the first few, most severe first. */
    static String failing(List<String> controls) {
        if (controls.isEmpty()) {
            return "-";
        }
        List<String> named = controls.subList(0, Math.min(FAILING_SHOWN, controls.size()));
        String list = String.join(", ", named);
        int more = controls.size() - named.size();
        return text(controls.size() + ": " + list + (more > 0 ? " and " + more + " more" : ""));
    }

    static String percent(Double ratio) {
        return ratio == null ? "-" : Math.round(ratio * 100) + "%";
    }

    /** Returns a printable cell: names come from messages, so control characters are replaced. */
    private static String text(String value) {
        return value == null || value.isBlank() ? "-" : value.replaceAll("\\p{Cntrl}", "?");
    }

    private static String format(List<List<String>> lines) {
        int columns = lines.get(0).size();
        int[] widths = new int[columns];
        for (List<String> line : lines) {
            for (int column = 0; column < columns; column++) {
                widths[column] = Math.max(widths[column], line.get(column).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> line : lines) {
            for (int column = 0; column < columns; column++) {
                String cell = line.get(column);
                boolean last = column == columns - 1;
                out.append(last ? cell : String.format("%-" + widths[column] + "s  ", cell));
            }
            out.append(System.lineSeparator());
        }
        return out.toString();
    }
}
