package vn.pakn.open311;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import vn.pakn.domain.reference.Area;
import vn.pakn.domain.reference.AreaTree;

/**
 * Finds the area an Open311 {@code address_string} names, so a report with an address but no
 * coordinates still reaches the commune's agency. Names are compared without diacritics or case,
 * as whole words, with or without their level ("Phường Kinh Bắc" or "Kinh Bắc"); the deepest
 * area named wins, and two equally deep ones give the area that contains both (never a guess).
 * Merged areas are searched too: people keep writing the old names.
 */
public final class AddressAreas {
    /** Level words an area's name may start with, longest first; without diacritics. */
    private static final List<List<String>> LEVEL_PREFIXES = List.of(
            List.of("thanh", "pho"), List.of("thi", "tran"), List.of("thi", "xa"), List.of("dac", "khu"),
            List.of("tinh"), List.of("phuong"), List.of("xa"), List.of("quan"), List.of("huyen"));

    private AddressAreas() {
    }

    public static Optional<String> find(String address, AreaTree areas) {
        if (address == null || address.isBlank()) {
            return Optional.empty();
        }
        List<String> words = words(address);
        List<Area> matches = new ArrayList<>();
        int deepest = -1;
        for (Area area : areas.all()) {
            if (!names(area).stream().anyMatch(name -> contains(words, name))) {
                continue;
            }
            int depth = areas.ancestorsOf(area.code()).size();
            if (depth > deepest) {
                matches.clear();
                deepest = depth;
            }
            if (depth == deepest) {
                matches.add(area);
            }
        }
        if (matches.isEmpty()) {
            return Optional.empty();
        }
        if (matches.size() == 1) {
            return Optional.of(matches.get(0).code());
        }
        return commonAncestor(matches, areas);
    }

    private static Optional<String> commonAncestor(List<Area> matches, AreaTree areas) {
        List<Area> candidates = areas.ancestorsOf(matches.get(0).code());
        for (Area candidate : candidates) {
            boolean containsAll = matches.stream().allMatch(m -> areas.ancestorsOf(m.code()).stream()
                    .anyMatch(a -> a.code().equals(candidate.code())));
            if (containsAll) {
                return Optional.of(candidate.code());
            }
        }
        return Optional.empty();
    }

    /** The full name, and the name without its level unless that leaves something as vague as "1". */
    private static List<List<String>> names(Area area) {
        List<String> full = words(area.name());
        List<List<String>> names = new ArrayList<>();
        if (!full.isEmpty()) {
            names.add(full);
        }
        for (List<String> prefix : LEVEL_PREFIXES) {
            if (full.size() > prefix.size() && full.subList(0, prefix.size()).equals(prefix)) {
                List<String> bare = full.subList(prefix.size(), full.size());
                boolean vague = bare.size() == 1 && (bare.get(0).length() <= 2 || bare.get(0).chars().allMatch(Character::isDigit));
                if (!vague) {
                    names.add(bare);
                }
                break;
            }
        }
        return names;
    }

    private static boolean contains(List<String> words, List<String> name) {
        for (int i = 0; i + name.size() <= words.size(); i++) {
            if (words.subList(i, i + name.size()).equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Lower case, no diacritics (đ is d), split on anything but letters and digits. */
    static List<String> words(String text) {
        String plain = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "").replace('đ', 'd');
        return Arrays.stream(plain.split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty()).toList();
    }
}
