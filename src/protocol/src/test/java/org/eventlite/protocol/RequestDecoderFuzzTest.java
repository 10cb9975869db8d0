package org.eventlite.protocol;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the decoder with Jazzer. In the normal test run
 * it replays the inputs under src/test/resources/.../RequestDecoderFuzzTestInputs
 * (every crash found is kept there as a regression input). To fuzz:
 * {@code JAZZER_FUZZ=1 mvn -pl src/protocol test -Dtest=RequestDecoderFuzzTest} (up to maxDuration).
 */
class RequestDecoderFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void anyBytesSplitAnywhereDecodeTheSameAndSafely(FuzzedDataProvider data) {
        int[] cuts = data.consumeInts(data.consumeInt(0, 8));
        DecoderProperties.check(data.consumeRemainingAsBytes(), cuts);
    }
}
