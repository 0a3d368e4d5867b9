package vn.pakn.domain.reference;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The area hierarchy, indexed for look-ups by code and walks towards the root. */
public final class AreaTree {
    private final Map<String, Area> byCode;

    public AreaTree(Collection<Area> areas) {
        Map<String, Area> map = new LinkedHashMap<>();
        for (Area area : areas) {
            map.put(area.code(), area);
        }
        for (Area area : map.values()) {
            if (area.parentCode() != null && !map.containsKey(area.parentCode())) {
                throw new IllegalArgumentException("Area " + area.code() + " names unknown parent " + area.parentCode());
            }
        }
        this.byCode = Collections.unmodifiableMap(map);
        for (Area area : map.values()) {
            ancestorsOf(area.code()); // fails fast on cycles
        }
    }

    public Optional<Area> find(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public boolean contains(String code) {
        return byCode.containsKey(code);
    }

    public Collection<Area> all() {
        return byCode.values();
    }

    /** The area and every area below it, at any depth (merged areas sit under their target); empty if unknown. */
    public Set<String> subtree(String code) {
        if (!byCode.containsKey(code)) {
            return Set.of();
        }
        Set<String> out = new HashSet<>();
        for (Area area : byCode.values()) {
            for (Area up : ancestorsOf(area.code())) {
                if (up.code().equals(code)) {
                    out.add(area.code());
                    break;
                }
            }
        }
        return Set.copyOf(out);
    }

    /** The area itself first, then its parent, up to the root. */
    public List<Area> ancestorsOf(String code) {
        List<Area> path = new ArrayList<>();
        Area current = byCode.get(code);
        while (current != null) {
            if (path.size() > byCode.size()) {
                throw new IllegalStateException("Area tree has a cycle through " + code);
            }
            path.add(current);
            current = current.parentCode() == null ? null : byCode.get(current.parentCode());
        }
        return path;
    }
}
