package dev.gridexec.api;

import org.junit.jupiter.api.AfterEach;

/** The fixture of the route tests whose every test starts an API of its own: it is closed after the test, if started. */
abstract class ApiPerTest {

    ApiFixture api;

    @AfterEach
    final void closeApi() throws Exception {
        if (api != null) {
            api.close();
        }
    }
}
