package org.ruralatlas.data.sample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.locationtech.jts.geom.Point;
import org.ruralatlas.data.ntm.Level;

/**
 * Draws each rural commune's NTM level and criteria met so that the sample reads like the
 * country: the national shares of NTM, advanced and model communes and the average criteria
 * met land on the published figures of 06/2025 (DOMAIN.md), provinces differ as the country's
 * do (the Red River delta and the cities ahead, the northern uplands and the Central Highlands
 * behind), and within a province the communes near its towns are ahead of the remote ones.
 *
 * <p>Levels are decided first and criteria follow from them: a recognised commune meets all 19,
 * one not yet recognised meets fewer. Everything stays marked {@code sample: true}; the
 * per-province shares below are orientation for an illustrative map, not reported figures.
 */
final class NtmCalibration {

    /** National figures, 06/2025: 6,084 of 7,669 communes NTM, 2,567 advanced, 743 model, 17.5 criteria on average. */
    static final double NATIONAL_NTM = 6084.0 / 7669;

    static final double NATIONAL_ADVANCED = 2567.0 / 7669;
    static final double NATIONAL_MODEL = 743.0 / 7669;
    static final double NATIONAL_AVERAGE_CRITERIA = 17.5;

    /** Fewest and most criteria a commune not yet recognised meets. */
    private static final int NONE_MIN = 6;

    private static final int NONE_MAX = 18;

    /**
     * Relative standing of each 2025 province (share of NTM communes before the national
     * rescaling): the delta provinces and cities near complete, the uplands of the north-west and
     * north-east and the Central Highlands furthest behind.
     */
    private static final Map<String, Double> STANDING = Map.ofEntries(
            Map.entry("01", 0.99),
            Map.entry("04", 0.36),
            Map.entry("08", 0.50),
            Map.entry("11", 0.42),
            Map.entry("12", 0.44),
            Map.entry("14", 0.42),
            Map.entry("15", 0.57),
            Map.entry("19", 0.74),
            Map.entry("20", 0.52),
            Map.entry("22", 0.99),
            Map.entry("24", 0.90),
            Map.entry("25", 0.80),
            Map.entry("31", 0.99),
            Map.entry("33", 0.98),
            Map.entry("37", 0.98),
            Map.entry("38", 0.88),
            Map.entry("40", 0.75),
            Map.entry("42", 0.95),
            Map.entry("44", 0.74),
            Map.entry("46", 0.82),
            Map.entry("48", 0.76),
            Map.entry("51", 0.62),
            Map.entry("52", 0.72),
            Map.entry("56", 0.74),
            Map.entry("66", 0.62),
            Map.entry("68", 0.76),
            Map.entry("75", 0.90),
            Map.entry("79", 0.99),
            Map.entry("80", 0.88),
            Map.entry("82", 0.88),
            Map.entry("86", 0.86),
            Map.entry("91", 0.78),
            Map.entry("92", 0.84),
            Map.entry("96", 0.72));

    private static final double DEFAULT_STANDING = 0.75;

    /** One commune's drawn result. */
    record Result(Level level, int criteriaMet) {}

    private final Random random;

    NtmCalibration(long seed) {
        this.random = new Random(seed);
    }

    /**
     * Levels and criteria for the rural communes, by commune code. Urban units (phường) only
     * serve as the towns that communes are near.
     */
    Map<String, Result> draw(List<AdminUnit> communes) {
        List<AdminUnit> rural = communes.stream().filter(AdminUnit::isRural).toList();
        Map<String, List<Point>> towns = towns(communes);
        Map<String, List<AdminUnit>> byProvince = new TreeMap<>();
        rural.forEach(c -> byProvince
                .computeIfAbsent(c.provinceCode(), k -> new ArrayList<>())
                .add(c));
        double shift = shiftToNational(byProvince);

        /* score ranks within the province; merit ranks recognised communes nationally for the
        higher levels, where the province's standing counts less than the commune's own. */
        record Ranked(AdminUnit unit, double score, double merit) {}
        List<Ranked> recognised = new ArrayList<>();
        List<Ranked> notYet = new ArrayList<>();
        for (Map.Entry<String, List<AdminUnit>> e : byProvince.entrySet()) {
            double logit = logit(standing(e.getKey())) + shift;
            List<Ranked> ranked = new ArrayList<>();
            for (AdminUnit c : e.getValue()) {
                double km = nearestKm(c.geometry().getInteriorPoint(), towns.getOrDefault(c.provinceCode(), List.of()));
                double local = -Math.log1p(km / 8) + 0.8 * random.nextGaussian();
                ranked.add(new Ranked(c, logit + local, 0.3 * logit + local + 0.5 * random.nextGaussian()));
            }
            ranked.sort(Comparator.comparingDouble(Ranked::score).reversed());
            int ntm = (int) Math.round(e.getValue().size() * sigmoid(logit));
            recognised.addAll(ranked.subList(0, ntm));
            notYet.addAll(ranked.subList(ntm, ranked.size()));
        }

        Map<String, Result> out = new HashMap<>();
        recognised.sort(Comparator.comparingDouble(Ranked::merit).reversed());
        int model = (int) Math.round(rural.size() * NATIONAL_MODEL);
        int advanced = (int) Math.round(rural.size() * NATIONAL_ADVANCED);
        for (int i = 0; i < recognised.size(); i++) {
            Level level = i < model ? Level.MODEL : i < advanced ? Level.ADVANCED : Level.NTM;
            out.put(recognised.get(i).unit().code(), new Result(level, 19));
        }

        notYet.sort(Comparator.comparingDouble(Ranked::score).reversed());
        long target = Math.round(NATIONAL_AVERAGE_CRITERIA * rural.size()) - 19L * recognised.size();
        int[] met = criteriaOfNotYet(notYet.size(), target);
        for (int i = 0; i < notYet.size(); i++) {
            out.put(notYet.get(i).unit().code(), new Result(Level.NONE, met[i]));
        }
        return out;
    }

    /**
     * Criteria met by the communes not yet recognised, best ranked first: spread around the mean
     * the national average leaves for them, nearer the threshold for the better ranked, then
     * nudged one at a time until they sum to {@code target}.
     */
    private int[] criteriaOfNotYet(int n, long target) {
        int[] met = new int[n];
        double mean = n == 0 ? 0 : (double) target / n;
        long sum = 0;
        for (int i = 0; i < n; i++) {
            double rank = n == 1 ? 0 : 1.0 - 2.0 * i / (n - 1);
            met[i] = clamp((int) Math.round(mean + 2.2 * rank + 1.6 * random.nextGaussian()));
            sum += met[i];
        }
        for (int guard = 0; sum != target && guard < 100 * n; guard++) {
            int i = random.nextInt(n);
            int step = sum < target ? 1 : -1;
            if (clamp(met[i] + step) == met[i] + step) {
                met[i] += step;
                sum += step;
            }
        }
        return met;
    }

    private static int clamp(int met) {
        return Math.max(NONE_MIN, Math.min(NONE_MAX, met));
    }

    /** The logit shift that brings the commune-weighted share of NTM communes to the national figure. */
    private static double shiftToNational(Map<String, List<AdminUnit>> byProvince) {
        long total = byProvince.values().stream().mapToLong(List::size).sum();
        double lo = -5;
        double hi = 5;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            double ntm = 0;
            for (Map.Entry<String, List<AdminUnit>> e : byProvince.entrySet()) {
                ntm += e.getValue().size() * sigmoid(logit(standing(e.getKey())) + mid);
            }
            if (ntm / total < NATIONAL_NTM) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    private static double standing(String province) {
        return STANDING.getOrDefault(province, DEFAULT_STANDING);
    }

    private static Map<String, List<Point>> towns(List<AdminUnit> communes) {
        Map<String, List<Point>> towns = new HashMap<>();
        for (AdminUnit c : communes) {
            if (!c.isRural()) {
                towns.computeIfAbsent(c.provinceCode(), k -> new ArrayList<>())
                        .add(c.geometry().getInteriorPoint());
            }
        }
        return towns;
    }

    /** Distance in km to the nearest town of the province (60 km when it has none). */
    private static double nearestKm(Point p, List<Point> towns) {
        double best = 60;
        double kmPerDegreeLon = 111.32 * Math.cos(Math.toRadians(p.getY()));
        for (Point t : towns) {
            double dx = (t.getX() - p.getX()) * kmPerDegreeLon;
            double dy = (t.getY() - p.getY()) * 110.57;
            best = Math.min(best, Math.sqrt(dx * dx + dy * dy));
        }
        return best;
    }

    private static double logit(double p) {
        double q = Math.max(0.005, Math.min(0.995, p));
        return Math.log(q / (1 - q));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
