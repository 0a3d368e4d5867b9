package vn.pakn.aws.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import vn.pakn.aws.dynamo.ReferenceImporter;
import vn.pakn.local.aws.LocalAwsServices;
import vn.pakn.local.aws.LocalDeployment;
import vn.pakn.local.aws.Provisioner;
import vn.pakn.local.aws.SamTemplate;

/**
 * The embedded services with every table, queue and bucket of template.yaml and the demo
 * reference data (the categories and the Bắc Ninh demo province) loaded: what an integration test
 * of one function starts from. The caller closes {@link #services()}.
 */
public record DemoDeployment(LocalAwsServices services, SamTemplate template, LocalDeployment deployment) {

    public static DemoDeployment start() {
        return on(LocalAwsServices.start(line -> { }, Map.of()));
    }

    /** The same on services already started (embedded, or LocalStack where Docker exists). */
    public static DemoDeployment on(LocalAwsServices services) {
        SamTemplate template = SamTemplate.load();
        LocalDeployment deployment = Provisioner.provision(template, services, line -> { });
        Path seed = template.path().getParent().resolve("infra/seed");
        var importer = new ReferenceImporter(services.dynamoDb(), deployment.tableName("ReferenceTable"));
        try (InputStream categories = Files.newInputStream(seed.resolve("categories.json"));
             InputStream province = Files.newInputStream(seed.resolve("demo-bac-ninh.json"))) {
            importer.importCategories(categories);
            importer.importProvince(province);
        } catch (IOException e) {
            services.close();
            throw new UncheckedIOException(e);
        }
        return new DemoDeployment(services, template, deployment);
    }
}
