package vn.pakn.open311;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.pakn.open311.Responses.get;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.pakn.aws.json.Json;

/** Discovery, the service list and service definitions, in both formats, against fixtures. */
class Open311CatalogTest extends Open311Fixture {

    private static String fixture(String name) throws Exception {
        try (InputStream in = Open311CatalogTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The fixture is indented for reading; the answer is not: compare both without the indentation. */
    private static void assertSameDocument(String fixture, APIGatewayV2HTTPResponse response, Format format)
            throws Exception {
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(format.contentType(), response.getHeaders().get("content-type"));
        if (format == Format.JSON) {
            assertEquals(Json.read(fixture(fixture)), Json.read(response.getBody()));
        } else {
            assertEquals(fixture(fixture).replaceAll(">\\s+<", "><").strip(),
                    response.getBody().replaceAll(">\\s+<", "><").strip());
            assertTrue(response.getBody().startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"),
                    "the XML declaration with encoding=\"UTF-8\" comes first");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "xml"})
    void serviceList_isEveryCategoryAsARealtimeServiceWithMetadata(String ext) throws Exception {
        assertSameDocument("services." + ext,
                api.handle(get(Open311Api.ROOT, "/open311/v2/services." + ext, "services." + ext)),
                Format.fromExtension(ext).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "xml"})
    void serviceDefinition_offersTheAreasAndSaysAPhotoIsNeeded(String ext) throws Exception {
        assertSameDocument("service-definition-roads." + ext,
                api.handle(get(Open311Api.SERVICE, "/open311/v2/services/roads." + ext, "roads." + ext)),
                Format.fromExtension(ext).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "xml"})
    void discovery_namesThisEndpointFromTheRequestHost(String ext) throws Exception {
        assertSameDocument("discovery." + ext,
                api.handle(get(Open311Api.ROOT, "/open311/v2/discovery." + ext, "discovery." + ext)),
                Format.fromExtension(ext).orElseThrow());
    }

    @Test
    void serviceDefinition_withoutAPhotoRule_hasOnlyTheArea() throws Exception {
        var body = Responses.json(api.handle(get(Open311Api.SERVICE, "/open311/v2/services/noise.json", "noise.json")));
        assertEquals(1, body.get("attributes").size());
        assertEquals("area", body.at("/attributes/0/code").asText());
    }

    @Test
    void retiredArea_isNotOfferedAnyMore() throws Exception {
        province.retired.add("24-tu-son");
        var body = Responses.json(api.handle(get(Open311Api.SERVICE, "/open311/v2/services/noise.json", "noise.json")));
        assertEquals(List.of("24", "24-kinh-bac"), keys(body.at("/attributes/0/values")));
    }

    private static List<String> keys(com.fasterxml.jackson.databind.JsonNode values) {
        List<String> out = new java.util.ArrayList<>();
        values.forEach(v -> out.add(v.get("key").asText()));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "Accept-Language en,             , 'en-US,en;q=0.9',        Damaged roads and pavements",
            "Vietnamese preferred,           , 'vi,en;q=0.5',           'Hư hỏng đường, hè phố'",
            "no preference,                  , ,                        'Hư hỏng đường, hè phố'",
            "locale parameter wins,        en, 'vi',                    Damaged roads and pavements",
            "locale vi_VN,              vi_VN, 'en',                    'Hư hỏng đường, hè phố'"})
    void serviceNames_followTheRequestedLanguage_vietnameseByDefault(String name, String locale, String accept,
                                                                      String expected) throws Exception {
        var response = api.handle(get(Open311Api.ROOT, "/open311/v2/services.json", "services.json",
                locale == null ? Map.of() : Map.of("locale", locale),
                accept == null ? Map.of() : Map.of("accept-language", accept)));
        assertEquals(expected, Responses.json(response).at("/0/service_name").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "xml"})
    void unknownService_is404WithTheSpecsErrorList(String ext) throws Exception {
        var response = api.handle(get(Open311Api.SERVICE, "/open311/v2/services/karaoke." + ext, "karaoke." + ext));
        assertEquals(404, response.getStatusCode());
        assertError(response, ext, 404, "service_code");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "services.csv,       unknown format: answered in XML, the format every client reads",
            "services,           no format at all",
            ".json,              no resource name",
            "complaints.json,    not a GeoReport resource"})
    void resourceThatDoesNotExist_is404(String document, String why) throws Exception {
        var response = api.handle(get(Open311Api.ROOT, "/open311/v2/" + document, document));
        assertEquals(404, response.getStatusCode(), why);
        String ext = document.endsWith(".json") && !document.equals(".json") ? "json" : "xml";
        assertError(response, ext, 404, null);
    }

    @Test
    void postToAnythingButRequests_is404() throws Exception {
        var response = api.handle(Responses.post("services.json", validForm(), Map.of()));
        assertEquals(404, response.getStatusCode());
        assertTrue(complaints.byId.isEmpty());
    }

    /** The spec's error shape: a list of {code, description}; the description names the argument. */
    static void assertError(APIGatewayV2HTTPResponse response, String ext, int code, String argument) throws Exception {
        if (ext.equals("json")) {
            assertEquals("application/json; charset=utf-8", response.getHeaders().get("content-type"));
            var body = Responses.json(response);
            assertTrue(body.isArray(), response.getBody());
            assertEquals(code, body.at("/0/code").asInt());
            String description = body.at("/0/description").asText();
            assertTrue(!description.isBlank() && (argument == null || description.startsWith(argument + ": ")),
                    description);
        } else {
            assertEquals("text/xml; charset=utf-8", response.getHeaders().get("content-type"));
            var doc = Responses.xml(response);
            assertEquals("errors", doc.getDocumentElement().getNodeName());
            assertEquals(String.valueOf(code), Responses.xpath(doc, "/errors/error[1]/code"));
            String description = Responses.xpath(doc, "/errors/error[1]/description");
            assertTrue(!description.isBlank() && (argument == null || description.startsWith(argument + ": ")),
                    description);
        }
    }
}
