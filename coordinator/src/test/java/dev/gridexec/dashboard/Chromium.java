package dev.gridexec.dashboard;

import dev.gridexec.testsupport.UnderCi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium through Debian's chromium and chromium-driver (never Selenium Manager: nothing is
 * downloaded). Outside CI a machine without them skips; under {@code CI=true} their absence fails.
 */
public final class Chromium {

    private static final List<Path> BROWSERS = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));
    private static final List<Path> DRIVERS = List.of(Path.of("/usr/bin/chromedriver"), Path.of("/usr/lib/chromium/chromedriver"));

    private Chromium() {
    }

    /** A fresh headless browser with its own profile directory under {@code profile}, logging the console. */
    public static ChromeDriver start(Path profile) throws IOException {
        Path browser = BROWSERS.stream().filter(Files::isExecutable).findFirst().orElse(null);
        Path driver = DRIVERS.stream().filter(Files::isExecutable).findFirst().orElse(null);
        UnderCi.require(browser != null && driver != null,
                "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)");
        Files.createDirectories(profile);
        ChromeOptions options = new ChromeOptions().setBinary(browser.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--window-size=1400,1000",
                        "--user-data-dir=" + Files.createTempDirectory(profile, "profile-"));
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().withTimeout(Duration.ofSeconds(60)).build();
        return new ChromeDriver(service, options);
    }
}
