package dev.gridexec.api;

import org.junit.jupiter.api.BeforeEach;

/** The fixture of the route tests that need nothing special: a {@link ApiFixture#start() plain API} of each test's own. */
abstract class PlainApiPerTest extends ApiPerTest {

    @BeforeEach
    final void startApi() throws Exception {
        api = ApiFixture.start();
    }
}
