package vn.pakn.local;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import vn.pakn.aws.AwsClients;
import vn.pakn.aws.FunctionEnvironment;
import vn.pakn.aws.dynamo.ReferenceImporter;

/**
 * Loads categories and a province's areas into a deployed stack's reference table, with the
 * caller's own AWS credentials and region (or AWS_ENDPOINT_URL for an emulator). Safe to re-run.
 */
public final class SeedReferenceData {
    private SeedReferenceData() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        String table = options.get("--table");
        if (table == null) {
            System.err.println("""
                    Usage: java -cp infra/local/target/pakn-local.jar vn.pakn.local.SeedReferenceData \\
                             --table <ReferenceTableName output of the stack> \\
                             [--categories infra/seed/categories.json] [--province infra/seed/demo-bac-ninh.json]
                    Credentials and region come from the usual AWS_PROFILE / AWS_REGION settings.""");
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
        try (var dynamo = new AwsClients(FunctionEnvironment.system()).dynamoDb();
             InputStream c = Files.newInputStream(categories);
             InputStream p = Files.newInputStream(province)) {
            ReferenceImporter importer = new ReferenceImporter(dynamo, table);
            int categoryCount = importer.importCategories(c);
            int areaCount = importer.importAreas(p);
            System.out.printf("Loaded %d categories and %d areas into %s%n", categoryCount, areaCount, table);
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
