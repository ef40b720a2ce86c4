package org.remoteassistance.bench.report;

/**
 * One row of the result table: a measured figure, its target if the issue sets one (and whether it is met), and the
 * baseline it is compared with and their ratio, all as displayed.
 */
public record Figure(String figure, String value, String target, Boolean met, String baseline, String ratio) {

    public static Figure of(String figure, String value) {
        return new Figure(figure, value, "", null, "", "");
    }

    public Figure withTarget(String target, boolean met) {
        return new Figure(figure, value, target, met, baseline, ratio);
    }

    public Figure withBaseline(String baseline, String ratio) {
        return new Figure(figure, value, target, met, baseline, ratio);
    }

    public String metText() {
        return met == null ? "" : met ? "yes" : "**no**";
    }
}
