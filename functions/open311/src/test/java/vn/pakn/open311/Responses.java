package vn.pakn.open311;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import vn.pakn.aws.json.Json;

/** Requests as API Gateway delivers them, and readers for both answer formats. */
final class Responses {
    private Responses() {
    }

    static APIGatewayV2HTTPEvent get(String route, String path, String document, Map<String, String> query,
                                     Map<String, String> headers) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.putIfAbsent("host", "api.pakn.example");
        h.putIfAbsent("x-forwarded-proto", "https");
        return APIGatewayV2HTTPEvent.builder().withRouteKey(route).withRawPath(path)
                .withPathParameters(document == null ? null : Map.of("document", document))
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withHeaders(h).build();
    }

    static APIGatewayV2HTTPEvent get(String route, String path, String document) {
        return get(route, path, document, Map.of(), Map.of());
    }

    /** As API Gateway passes a form body: base64, since the content type is not textual to it. */
    static APIGatewayV2HTTPEvent post(String document, Map<String, String> form, Map<String, String> headers) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.putIfAbsent("content-type", "application/x-www-form-urlencoded; charset=utf-8");
        return APIGatewayV2HTTPEvent.builder().withRouteKey(Open311Api.POST_ROOT)
                .withRawPath("/open311/v2/" + document)
                .withPathParameters(Map.of("document", document))
                .withHeaders(h)
                .withBody(Base64.getEncoder().encodeToString(encode(form).getBytes(StandardCharsets.UTF_8)))
                .withIsBase64Encoded(true).build();
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    static JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
        return Json.read(response.getBody());
    }

    static Document xml(APIGatewayV2HTTPResponse response) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(
                response.getBody().getBytes(StandardCharsets.UTF_8)));
    }

    static String xpath(Document doc, String expression) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(expression, doc);
    }

    static List<String> xpathAll(Document doc, String expression) throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(expression, doc, XPathConstants.NODESET);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }
}
