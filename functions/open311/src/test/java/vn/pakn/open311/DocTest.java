package vn.pakn.open311;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The two renderings of one document: GeoReport's XML and its Spark-convention JSON. */
class DocTest {
    private final Doc oneService = Doc.repeated("services", "service", List.of(
            Doc.group("service", Doc.value("service_code", "001"), Doc.value("metadata", true),
                    Doc.value("group", null))));

    @Test
    void containerWithOneItem_isStillAJsonArray() {
        assertEquals("[{\"service_code\":\"001\",\"metadata\":true,\"group\":null}]", Doc.write(oneService, Format.JSON));
    }

    @Test
    void xml_hasTheDeclarationAndEmptyElementsForNull() {
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<services><service><service_code>001</service_code>"
                + "<metadata>true</metadata><group/></service></services>", Doc.write(oneService, Format.XML));
    }

    @Test
    void listOfPlainValues_isAnArrayOfValues() {
        Doc formats = Doc.group("endpoint", Doc.repeated("formats", "format",
                List.of(Doc.value("format", "text/xml"), Doc.value("format", "application/json"))));
        assertEquals("{\"formats\":[\"text/xml\",\"application/json\"]}", Doc.write(formats, Format.JSON));
    }

    @Test
    void numbers_areWrittenPlainInXml() {
        Doc point = Doc.group("request", Doc.value("lat", 21.186), Doc.value("long", 1.0E-4), Doc.value("order", 1));
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<request><lat>21.186</lat><long>0.0001</long>"
                + "<order>1</order></request>", Doc.write(point, Format.XML));
    }

    @Test
    void containerHoldingAnotherElement_isABug() {
        assertThrows(IllegalArgumentException.class, () -> Doc.repeated("services", "service",
                List.of(Doc.value("request", "x"))));
    }
}
