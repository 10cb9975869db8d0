package org.eventlite.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base64GroupsTest {

    private final Random random = new Random(42);

    @Test
    void decodesEveryGroupAsTheJdkDoesWhateverTheOffsetsAndRoomLeft() {
        for (int length = 0; length <= 60; length += 3) {
            byte[] data = randomBytes(length);
            byte[] text = Base64.getEncoder().encode(data);
            for (int from = 0; from <= 5; from++) {
                byte[] characters = new byte[from + text.length + random.nextInt(9)];
                System.arraycopy(text, 0, characters, from, text.length);
                for (int slack = 0; slack <= 3; slack++) {
                    int at = random.nextInt(4);
                    byte[] into = new byte[at + length + slack];
                    int groups = Base64Groups.decode(characters, from, text.length / 4, into, at);
                    assertEquals(text.length / 4, groups);
                    assertArrayEquals(data, Arrays.copyOfRange(into, at, at + length), "length " + length);
                }
            }
        }
    }

    @Test
    void stopsBeforeTheFirstGroupHoldingAnythingButData() {
        byte[] data = randomBytes(300);
        byte[] text = Base64.getEncoder().encode(data);
        byte[] others = {'=', '\n', '\r', ' ', '-', '_', 0, (byte) 0x80, (byte) 0xFF, '@', '[', '`', '{'};
        for (int position = 0; position < text.length; position++) {
            byte[] characters = text.clone();
            characters[position] = others[position % others.length];
            byte[] into = new byte[data.length];
            int groups = Base64Groups.decode(characters, 0, text.length / 4, into, 0);
            assertEquals(position / 4, groups, "other character at " + position);
            assertArrayEquals(Arrays.copyOf(data, groups * 3), Arrays.copyOf(into, groups * 3));
        }
    }

    @Test
    void writesAtMostTwoBytesPastTheGroupsAskedFor() {
        byte[] data = randomBytes(90);
        byte[] text = Base64.getEncoder().encode(data);
        for (int asked = 0; asked <= text.length / 4; asked++) {
            byte[] into = new byte[data.length + 8];
            Arrays.fill(into, (byte) 0x55);
            assertEquals(asked, Base64Groups.decode(text, 0, asked, into, 0));
            assertArrayEquals(Arrays.copyOf(data, asked * 3), Arrays.copyOf(into, asked * 3));
            byte[] untouched = new byte[into.length - asked * 3 - 2];
            Arrays.fill(untouched, (byte) 0x55);
            assertArrayEquals(untouched, Arrays.copyOfRange(into, asked * 3 + 2, into.length), "asked for " + asked);
        }
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
