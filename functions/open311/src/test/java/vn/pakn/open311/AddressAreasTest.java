package vn.pakn.open311;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.pakn.domain.reference.Area;
import vn.pakn.domain.reference.AreaTree;

class AddressAreasTest {
    private static final AreaTree AREAS = new AreaTree(List.of(
            new Area("24", "Tỉnh Bắc Ninh", "province", null, null, null),
            new Area("24-kinh-bac", "Phường Kinh Bắc", "commune", "24", null, null),
            new Area("24-tu-son", "Phường Từ Sơn", "commune", "24", null, null),
            new Area("24-bac-giang", "Phường Bắc Giang", "commune", "24", null, null),
            new Area("79", "Thành phố Hồ Chí Minh", "province", null, null, null),
            new Area("79-p1", "Phường 1", "commune", "79", null, null)));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Số 12 Nguyễn Trãi, phường Kinh Bắc, tỉnh Bắc Ninh   | 24-kinh-bac",
            "12 nguyen trai, kinh bac, bac ninh                   | 24-kinh-bac",
            "KINH BẮC                                             | 24-kinh-bac",
            "Chợ Đồng Xa, Bắc Ninh                                | 24",
            "Từ Sơn hoặc Kinh Bắc, không rõ                       | 24",
            "Ngõ 1, Quận 3, TP HCM                                |",
            "Số 1 Lê Lợi, Phường 1, Thành phố Hồ Chí Minh         | 79-p1",
            "Kinh Bắcxyz                                          |",
            "Hà Nội                                               |"})
    void addressText_findsTheMostSpecificAreaItNames(String address, String expected) {
        assertEquals(Optional.ofNullable(expected), AddressAreas.find(address, AREAS));
    }
}
