package org.eventlite.protocol;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fuzz test's properties over many mutated inputs with a fixed seed, so
 * every normal test run exercises them beyond the stored regression inputs.
 */
class RandomInputTest {

    private static final int RUNS = 20_000;
    private static final byte[] SIGNIFICANT = "\n\r:|/={}\"\\ e".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Test
    void mutatedReferenceRequestsDecodeTheSameHoweverSplit() {
        Random random = new Random(20081126);
        List<byte[]> seeds = DecoderProperties.seeds();
        for (int run = 0; run < RUNS; run++) {
            byte[] input = mutate(seeds.get(random.nextInt(seeds.size())), random);
            int[] cuts = random.ints(random.nextInt(6), 0, input.length + 1).toArray();
            DecoderProperties.check(input, cuts);
        }
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] input = seed.clone();
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && input.length > 0; i++) {
            int at = random.nextInt(input.length);
            switch (random.nextInt(4)) {
                case 0 -> input[at] = (byte) random.nextInt(256);
                case 1 -> input[at] = SIGNIFICANT[random.nextInt(SIGNIFICANT.length)];
                case 2 -> input = WireFixtures.concat(java.util.Arrays.copyOf(input, at), seed);
                default -> input = java.util.Arrays.copyOf(input, at);
            }
        }
        return input;
    }
}
