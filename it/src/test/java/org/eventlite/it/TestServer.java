package org.eventlite.it;

/** Where the servers the build started listen; set by failsafe from free ports. */
final class TestServer {

    static final String HOST = "127.0.0.1";
    static final int PORT = Integer.getInteger("eventlite.port", 34343);
    static final int HTTP_PORT = Integer.getInteger("http.port", 9080);
    static final int BLOCKED_HTTP_PORT = Integer.getInteger("blocked.http.port", 9081);

    /** Users configured for the test server in src/test/liberty/eventlite-it. */
    static final String ALICE = "alice|alice-Secret-9";
    static final String ALICE_WRONG_PASSWORD = "alice|alice-secret-9";
    static final String BOB = "bob|bob-Secret-7";
    static final String CAROL = "carol|carol-Secret-3";
    /** Users of the server's basic registry: erin is in group auditors, frank in none. */
    static final String ERIN = "erin|erin-Secret-5";
    static final String ERIN_WRONG_PASSWORD = "erin|erin-Secret-6";
    static final String FRANK = "frank|frank-Secret-4";
    static final String ANONYMOUS = "|";

    private TestServer() {
    }
}
