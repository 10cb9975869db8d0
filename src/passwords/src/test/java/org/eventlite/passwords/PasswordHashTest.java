package org.eventlite.passwords;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void aHashMatchesItsPasswordOnlyAndSurvivesItsTextForm() {
        PasswordHash hash = PasswordHash.create("s3cret|with|pipes".toCharArray());
        PasswordHash reread = PasswordHash.parse(hash.toString());

        assertTrue(reread.matches("s3cret|with|pipes"));
        assertFalse(reread.matches("s3cret|with|pipe"));
        assertFalse(reread.matches(""));
        assertTrue(hash.toString().startsWith("pbkdf2-sha256:" + PasswordHash.DEFAULT_ITERATIONS + ":"));
    }

    @Test
    void twoHashesOfOnePasswordDifferBySalt() {
        assertFalse(PasswordHash.create("pw".toCharArray()).toString()
                .equals(PasswordHash.create("pw".toCharArray()).toString()));
    }

    @Test
    void malformedHashesAreRefusedWithoutEchoingThem() {
        for (String text : new String[] {"plain-password", "sha1:1:AA==:AA==", "pbkdf2-sha256:x:AA==:AA==",
            "pbkdf2-sha256:100:AA==:AA==", "pbkdf2-sha256:100000:not base64!:AA=="}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse(text));
            assertFalse(e.getMessage().contains(text), e.getMessage());
        }
        assertEquals(3, PasswordHash.parse("pbkdf2-sha256:10000:AAAA:AAAA").salt().length);
    }
}
