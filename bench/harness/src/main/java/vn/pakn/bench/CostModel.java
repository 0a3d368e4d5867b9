package vn.pakn.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a million complaints cost on AWS, from what the benchmark counted for a number of whole
 * complaint lives: requests per operation and DynamoDB's own capacity units (through
 * {@link CountingProxy}), Lambda invocations and handler time (from the local runtime), log volume.
 * The prices are written here and in docs/performance.md with their region; they are assumptions
 * to check against the price pages, not figures the benchmark measured.
 */
final class CostModel {

    /** US dollars, ap-southeast-1 (Singapore), on-demand, no free tier. */
    record Price(String what, double usd, String per, String source) {
    }

    static final String PRICES_AS_OF = "2025 (AWS public price pages as known to the author; verify before quoting)";
    static final Price LAMBDA_REQUEST = new Price("Lambda requests", 0.20 / 1e6, "request", "$0.20 per million");
    static final Price LAMBDA_GB_SECOND = new Price("Lambda duration (x86)", 0.0000166667, "GB-second",
            "$0.0000166667 per GB-s");
    static final Price DYNAMO_WRITE = new Price("DynamoDB on-demand writes", 0.7125 / 1e6, "write request unit",
            "$0.7125 per million WRU (half the pre-Nov-2024 $1.425)");
    static final Price DYNAMO_READ = new Price("DynamoDB on-demand reads", 0.1425 / 1e6, "read request unit",
            "$0.1425 per million RRU (half the pre-Nov-2024 $0.285)");
    static final Price SQS_STANDARD = new Price("SQS standard requests", 0.40 / 1e6, "request", "$0.40 per million");
    static final Price SQS_FIFO = new Price("SQS FIFO requests", 0.50 / 1e6, "request", "$0.50 per million");
    static final Price S3_WRITE = new Price("S3 PUT, COPY, POST, LIST", 0.005 / 1000, "request", "$0.005 per 1,000");
    static final Price S3_READ = new Price("S3 GET, HEAD", 0.0004 / 1000, "request", "$0.0004 per 1,000");
    static final Price API_REQUEST = new Price("API Gateway HTTP API", 1.00 / 1e6, "request",
            "$1.00 per million (first 300 million a month)");
    static final Price LOG_INGESTION = new Price("CloudWatch Logs ingestion", 0.70 / 1e6, "KB", "$0.70 per GB");
    static final List<Price> PRICES = List.of(LAMBDA_REQUEST, LAMBDA_GB_SECOND, DYNAMO_WRITE, DYNAMO_READ, SQS_STANDARD,
            SQS_FIFO, S3_WRITE, S3_READ, API_REQUEST, LOG_INGESTION);
    /** Lambda's own START, END and REPORT lines per invocation, in bytes (about). */
    static final int LAMBDA_PLATFORM_LOG_BYTES = 350;

    /** What was counted over {@code complaints} lives. */
    record Counts(int complaints, Map<String, Long> dynamo, double readUnits, double writeUnits, Map<String, Long> sqs,
                  Map<String, Long> s3, long apiRequests, long logBytes) {
    }

    /** One bill line, per complaint and per million complaints. */
    record Line(String item, double perComplaint, String unit, Price price) {
        double usdPerMillion() {
            return perComplaint * price.usd() * 1e6;
        }
    }

    private static final Set<String> NOT_BILLED_PER_COMPLAINT = Set.of(
            // Stream reads by Lambda triggers are free.
            "streams:GetRecords", "streams:GetShardIterator", "streams:DescribeStream", "streams:ListStreams",
            // Local stand-ins: the runtime lists buckets to emulate S3 event notifications, which AWS sends free.
            "ListObjects", "ListObjectsV2",
            // Set-up and the local event wiring's start-up, once per run.
            "GetQueueAttributes", "GetQueueAttributes (FIFO)", "GetQueueUrl", "GetQueueUrl (FIFO)", "DescribeTable");

    private CostModel() {
    }

    static List<Line> lines(Counts counts, Map<String, Lifecycles.FunctionUse> functions, Set<String> scheduled) {
        double n = counts.complaints();
        List<Line> lines = new ArrayList<>();
        long invocations = 0;
        double gbSeconds = 0;
        for (Map.Entry<String, Lifecycles.FunctionUse> f : functions.entrySet()) {
            if (scheduled.contains(f.getKey())) {
                continue;
            }
            invocations += f.getValue().invocations();
            gbSeconds += f.getValue().seconds() * f.getValue().memoryMb() / 1024.0;
        }
        lines.add(new Line("Lambda invocations", invocations / n, "invocations", LAMBDA_REQUEST));
        lines.add(new Line("Lambda duration", gbSeconds / n, "GB-s", LAMBDA_GB_SECOND));
        lines.add(new Line("DynamoDB writes", counts.writeUnits() / n, "WRU", DYNAMO_WRITE));
        lines.add(new Line("DynamoDB reads", counts.readUnits() / n, "RRU", DYNAMO_READ));
        long fifo = 0;
        long standard = 0;
        for (Map.Entry<String, Long> op : billable(counts.sqs()).entrySet()) {
            if (op.getKey().endsWith("(FIFO)")) {
                fifo += op.getValue();
            } else {
                standard += op.getValue();
            }
        }
        lines.add(new Line("SQS FIFO requests", fifo / n, "requests", SQS_FIFO));
        lines.add(new Line("SQS standard requests", standard / n, "requests", SQS_STANDARD));
        long s3Write = 0;
        long s3Read = 0;
        for (Map.Entry<String, Long> op : counts.s3().entrySet()) {
            switch (op.getKey()) {
                case "PutObject", "CopyObject", "PostObject" -> s3Write += op.getValue();
                case "GetObject", "HeadObject" -> s3Read += op.getValue();
                default -> { }
            }
        }
        lines.add(new Line("S3 PUT/COPY/POST", s3Write / n, "requests", S3_WRITE));
        lines.add(new Line("S3 GET/HEAD", s3Read / n, "requests", S3_READ));
        lines.add(new Line("HTTP API requests", counts.apiRequests() / n, "requests", API_REQUEST));
        double logKb = (counts.logBytes() + (double) invocations * LAMBDA_PLATFORM_LOG_BYTES) / n / 1e3;
        lines.add(new Line("CloudWatch Logs", logKb, "KB", LOG_INGESTION));
        return lines;
    }

    static double total(List<Line> lines) {
        return lines.stream().mapToDouble(Line::usdPerMillion).sum();
    }

    static Map<String, Long> billable(Map<String, Long> requests) {
        Map<String, Long> out = new LinkedHashMap<>();
        requests.forEach((op, count) -> {
            // Empty receives are pollers waiting on idle queues: a fixed cost per queue, not per complaint.
            if (!NOT_BILLED_PER_COMPLAINT.contains(op) && !op.endsWith(CountingProxy.EMPTY)) {
                out.put(op, count);
            }
        });
        return out;
    }

    static String format(List<Line> lines) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "| %-26s | %14s | %-12s | %-48s | %14s |%n", "item", "per complaint", "unit",
                "price (ap-southeast-1)", "USD per million"));
        out.append("|----------------------------|----------------|--------------|--------------------------------------------------|-----------------|\n");
        for (Line l : lines) {
            out.append(String.format(Locale.ROOT, "| %-26s | %14.4f | %-12s | %-48s | %15.2f |%n", l.item(),
                    l.perComplaint(), l.unit(), l.price().source(), l.usdPerMillion()));
        }
        out.append(String.format(Locale.ROOT, "| %-26s | %14s | %-12s | %-48s | %15.2f |%n", "total", "", "", "",
                total(lines)));
        return out.toString();
    }
}
