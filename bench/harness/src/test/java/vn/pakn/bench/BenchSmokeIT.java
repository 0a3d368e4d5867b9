package vn.pakn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the benchmark harness working: every figure measured once at toy sizes, with a number on
 * both sides. The figures themselves mean nothing here (one run, counting proxies in the path,
 * whatever else the machine is doing); ./bench/run measures.
 */
class BenchSmokeIT {

    @Test
    void smokeRun_measuresEveryFigure_besideItsFloor() {
        List<String> progress = new ArrayList<>();
        Report report = Bench.run(Bench.Options.smoke(), progress::add);
        // Where the seconds went, in the build's log.
        progress.forEach(System.out::println);

        List<String> figures = report.rows().stream().map(Report.Row::figure).toList();
        for (String expected : List.of("Cold start citizen-api", "Peak RSS citizen-api", "Intake throughput",
                "Intake latency p50", "Intake latency p99", "Routing throughput", "Public statistics p50",
                "Cost per million complaints")) {
            assertTrue(figures.stream().anyMatch(f -> f.startsWith(expected)), expected + " missing from " + figures);
        }
        for (Report.Row row : report.rows()) {
            if (!row.ratio().equals("-")) {
                assertTrue(positive(row.pakn()) && positive(row.floor()), "no number on both sides: " + row);
                assertTrue(row.ratio().endsWith("x") && !row.ratio().equals("n/a"), "no ratio: " + row);
            }
        }
        Report.Row cost = report.rows().stream().filter(r -> r.figure().startsWith("Cost per million")).findFirst()
                .orElseThrow();
        assertTrue(positive(cost.pakn()), "a complaint costs something: " + cost);
        String text = report.text();
        assertTrue(text.contains("DynamoDB writes") && text.contains("Lambda duration") && text.contains("S3 PUT"),
                "the cost breakdown names every service:\n" + text);
        Matcher arm = Pattern.compile("\n- ([^:\n]+): (\\d+) ok, (\\d+) failed").matcher(text);
        int arms = 0;
        while (arm.find()) {
            arms++;
            assertTrue(Integer.parseInt(arm.group(2)) > 0, arm.group(1) + " completed no request:\n" + text);
            assertEquals("0", arm.group(3), arm.group(1) + " had failures:\n" + text);
        }
        assertEquals(5, arms, "the five intake arms (HTTP API, handler, service, floor, pakn's writes bare):\n" + text);
        // The lives are waited for until the stats aggregator's batching window has let go: its
        // writes are most of a complaint's cost, and a wait cut short would leave them out.
        assertTrue(text.contains("StatsTable="), "the statistics' writes are in the cost:\n" + text);
        assertTrue(text.matches("(?s).*citizen-api: pakn [1-9][0-9,]* classes .*; floor [1-9][0-9,]* .*"),
                "classes counted for both sides:\n" + text);
    }

    private static boolean positive(String cell) {
        String number = cell.replaceAll("[^0-9.]", "");
        return !number.isEmpty() && Double.parseDouble(number) > 0 && !cell.toLowerCase(Locale.ROOT).contains("n/a");
    }
}
