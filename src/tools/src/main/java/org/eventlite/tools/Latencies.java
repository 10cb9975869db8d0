package org.eventlite.tools;

import java.util.Arrays;

/**
 * Publish-to-deliver latencies of a paced benchmark run, every sample kept
 * (a run of 10 s at 5,000 events/s to 10 subscribers is 500,000 longs, 4 MB).
 */
final class Latencies {

    private long[] samples;
    private int count;

    /**
     * Room for the samples a run will take, made before it starts: growing the array during the
     * run copied megabytes and made the garbage collector pause the readers inside timed runs.
     */
    Latencies(long expectedSamples) {
        samples = new long[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(16, expectedSamples))];
    }

    synchronized void record(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, samples.length * 2);
        }
        samples[count++] = nanos;
    }

    /** {@code p50=...µs p99=... p99.9=... max=...}, or empty when nothing was recorded. */
    synchronized String summary() {
        if (count == 0) {
            return "";
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        return String.format("latency-us p50=%.0f p99=%.0f p99.9=%.0f max=%.0f", at(sorted, 0.50), at(sorted, 0.99),
                at(sorted, 0.999), sorted[count - 1] / 1000.0);
    }

    private static double at(long[] sorted, double quantile) {
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1000.0;
    }
}
