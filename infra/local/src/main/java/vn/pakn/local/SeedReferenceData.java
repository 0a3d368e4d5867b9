package vn.pakn.local;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import vn.pakn.aws.AwsClients;
import vn.pakn.aws.FunctionEnvironment;
import vn.pakn.aws.dynamo.DynamoAgencies;
import vn.pakn.aws.dynamo.ProvinceFile;
import vn.pakn.aws.dynamo.ReferenceImporter;
import vn.pakn.aws.sqs.AgencyProvisioning;
import vn.pakn.aws.sqs.AgencyQueues;

/**
 * Loads categories and a whole province (areas, agencies, routing rules, holidays) into a deployed
 * stack's reference table and creates each enabled agency's queue and dead-letter queue, with the
 * caller's own AWS credentials and region (or AWS_ENDPOINT_URL for an emulator). The queues are
 * named for the stack's stage, as the template's IAM policies expect. Safe to re-run.
 */
public final class SeedReferenceData {
    private static final String DEFAULT_STAGE = "dev";

    private SeedReferenceData() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        String table = options.get("--table");
        if (table == null) {
            System.err.println("""
                    Usage: java -cp infra/local/target/pakn-local.jar vn.pakn.local.SeedReferenceData \\
                             --table <ReferenceTableName output of the stack> [--stage <the stack's Stage, default dev>] \\
                             [--categories infra/seed/categories.json] [--province infra/seed/demo-bac-ninh.json]
                    Agencies' queues are named pakn-<stage>-agency-<id>; the stack's functions may only send to
                    those of its own stage. Credentials and region come from the usual AWS_PROFILE / AWS_REGION.""");
            System.exit(2);
        }
        Path categories = Path.of(options.getOrDefault("--categories", "infra/seed/categories.json"));
        Path province = Path.of(options.getOrDefault("--province", "infra/seed/demo-bac-ninh.json"));
        for (Path file : new Path[] {categories, province}) {
            if (!Files.isReadable(file)) {
                System.err.println("Cannot read " + file.toAbsolutePath() + ": run from the repository root or pass the path.");
                System.exit(2);
            }
        }
        String prefix = AgencyQueues.prefixForStage(options.getOrDefault("--stage", DEFAULT_STAGE));
        AwsClients clients = new AwsClients(FunctionEnvironment.system());
        byte[] provinceJson = Files.readAllBytes(province);
        try {
            // Checked before anything at all is written, categories included.
            ProvinceFile.parse(new ByteArrayInputStream(provinceJson));
        } catch (ProvinceFile.InvalidProvinceFileException e) {
            System.err.println(province + ": " + e.getMessage());
            System.exit(1);
        }
        try (var dynamo = clients.dynamoDb();
             var sqs = clients.sqs();
             InputStream c = Files.newInputStream(categories)) {
            ReferenceImporter importer = new ReferenceImporter(dynamo, table);
            AgencyProvisioning agencies = new AgencyProvisioning(new DynamoAgencies(dynamo, table),
                    new AgencyQueues(sqs, prefix));
            int categoryCount = importer.importCategories(c);
            int[] queues = {0};
            ProvinceFile loaded = importer.importProvince(new ByteArrayInputStream(provinceJson), agency -> {
                if (agencies.save(agency).isPresent()) {
                    queues[0]++;
                }
            });
            System.out.printf("Loaded %d categories, %d areas, %d agencies (%d queues %s<id> with dead-letter queues),"
                            + " %d rules and %d holidays into %s%n", categoryCount, loaded.areas().size(),
                    loaded.agencies().size(), queues[0], prefix, loaded.rules().size(), loaded.holidays().size(), table);
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }
}
