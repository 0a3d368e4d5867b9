package vn.pakn.open311;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import vn.pakn.domain.reference.Area;
import vn.pakn.domain.reference.Category;
import vn.pakn.domain.reference.ReferenceData;

/**
 * The categories (lĩnh vực) as GeoReport v2 services. Every service has one input attribute, the
 * area (an alternative to lat/long and address_string, which GeoReport has no field for), so
 * {@code metadata} is always true; categories that need a photo say so in a second, informational
 * attribute. All are {@code realtime}: intake is synchronous, the id comes back at once.
 */
final class Services {
    static final String AREA_ATTRIBUTE = "area";
    static final String PHOTO_ATTRIBUTE = "photo";

    private Services() {
    }

    static Doc list(ReferenceData reference, Lang lang) {
        List<Doc> services = new ArrayList<>();
        for (Category c : reference.categories()) {
            services.add(Doc.group("service",
                    Doc.value("service_code", c.code()),
                    Doc.value("service_name", lang.pick(c.name())),
                    Doc.value("description", description(c, lang)),
                    Doc.value("metadata", true),
                    Doc.value("type", "realtime"),
                    // The other language's name is the most useful synonym a client can search by.
                    Doc.value("keywords", lang == Lang.EN ? c.name().vi() : c.name().en()),
                    Doc.value("group", null)));
        }
        return Doc.repeated("services", "service", services);
    }

    static Doc definition(Category c, ReferenceData reference, Lang lang) {
        List<Doc> attributes = new ArrayList<>();
        Set<String> retired = reference.retiredAreas();
        List<Doc> areas = new ArrayList<>();
        for (Area a : reference.areas().all()) {
            if (!retired.contains(a.code())) {
                areas.add(Doc.group("value", Doc.value("key", a.code()), Doc.value("name", a.name())));
            }
        }
        attributes.add(Doc.group("attribute",
                Doc.value("variable", true),
                Doc.value("code", AREA_ATTRIBUTE),
                Doc.value("datatype", "singlevaluelist"),
                Doc.value("required", false),
                Doc.value("datatype_description", lang.pick(
                        "Mã địa bàn (phường, xã) trong danh sách.", "An area (ward, commune) code from the list.")),
                Doc.value("order", 1),
                Doc.value("description", lang.pick(
                        "Địa bàn nơi xảy ra sự việc. Không bắt buộc khi đã gửi lat/long hoặc address_string"
                                + " có tên phường, xã.",
                        "The area where it happens. Not needed when lat/long, or an address_string naming the"
                                + " ward or commune, is sent.")),
                Doc.repeated("values", "value", areas)));
        if (c.photoRequired()) {
            attributes.add(Doc.group("attribute",
                    Doc.value("variable", false),
                    Doc.value("code", PHOTO_ATTRIBUTE),
                    Doc.value("datatype", "string"),
                    Doc.value("required", false),
                    Doc.value("datatype_description", null),
                    Doc.value("order", 2),
                    Doc.value("description", lang.pick(
                            "Lĩnh vực này cần ảnh: gửi kèm media_url, đường dẫn tới ảnh chụp sự việc.",
                            "This category needs a photo: send media_url, a link to a photo of the problem."))));
        }
        return Doc.group("service_definition",
                Doc.value("service_code", c.code()),
                Doc.repeated("attributes", "attribute", attributes));
    }

    /** What a service request of the category can expect: its deadlines. */
    static String notice(Category c, Lang lang) {
        return lang.pick(
                "Cơ quan xử lý tiếp nhận trong " + c.ackHours() + " giờ và giải quyết trong " + c.resolveDays()
                        + " ngày làm việc.",
                "The responsible agency acknowledges within " + c.ackHours() + " hours and resolves within "
                        + c.resolveDays() + " working days.");
    }

    private static String description(Category c, Lang lang) {
        String photo = c.photoRequired() ? lang.pick(" Cần ảnh (media_url).", " A photo is needed (media_url).") : "";
        return lang.pick(c.name()) + ". " + notice(c, lang) + photo;
    }
}
