package io.flopx.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Lists whose entries name things (hubs, models, devices): each at most once. */
public final class NamedOnce {

    private NamedOnce() {}

    /**
     * A 422 naming the first repeat by its place in the list ({@code hubs[2]}: "ningxia is already listed as
     * hubs[0]"). A repeat is refused rather than dropped: it is most likely a client's mistake.
     */
    public static void require(String field, List<String> values) {
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            Integer seen = first.putIfAbsent(values.get(i), i);
            if (seen != null) {
                throw ApiProblem.invalid(
                        field + "[" + i + "]", values.get(i) + " is already listed as " + field + "[" + seen + "]");
            }
        }
    }
}
