package vn.pakn.domain.reference;

import java.util.List;
import java.util.Optional;

/** Port: the categories and areas a province has configured. */
public interface ReferenceData {
    List<Category> categories();

    default Optional<Category> category(String code) {
        return categories().stream().filter(c -> c.code().equals(code)).findFirst();
    }

    AreaTree areas();
}
