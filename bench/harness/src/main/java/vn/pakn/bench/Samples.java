package vn.pakn.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Measurements of one kind; order statistics only, since noisy shared machines make means lie. */
final class Samples {
    private final List<Double> values = new ArrayList<>();

    synchronized void add(double value) {
        values.add(value);
    }

    synchronized void addAll(Samples other) {
        values.addAll(other.values());
    }

    synchronized List<Double> values() {
        return List.copyOf(values);
    }

    synchronized int count() {
        return values.size();
    }

    double median() {
        return percentile(50);
    }

    /** Nearest-rank percentile; NaN when empty. */
    synchronized double percentile(double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    synchronized double max() {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    synchronized double min() {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }
}
