package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard in a real headless Chromium (Debian's chromium and its
 * chromedriver, driven by Selenium): events published over TCP show up on the
 * page and its counters rise. Leaves a screenshot at target/dashboard.png.
 */
class DashboardIT {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static WebDriver browser;

    @BeforeAll
    static void openBrowser() {
        String binary = System.getProperty("chromium.binary", "/usr/bin/chromium");
        String driver = System.getProperty("chromium.driver", "/usr/bin/chromedriver");
        Tools.requireExecutables("DashboardIT needs Debian's chromium and chromium-driver (.ci/run installs them)",
                binary, driver);
        ChromeOptions options = new ChromeOptions().setBinary(binary)
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1100");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static long number(String id) {
        String shown = text(id).replace(",", "");
        return shown.matches("\\d+") ? Long.parseLong(shown) : -1;
    }

    /** Polls the page until {@code condition} holds; fails with what the page showed. */
    private static void await(String what, Supplier<Boolean> condition) throws Exception {
        if (!Waits.until(DEADLINE, Duration.ofMillis(100), condition::get, shown -> shown)) {
            throw new AssertionError("the dashboard did not show " + what + "; it showed:\n"
                    + browser.findElement(By.tagName("body")).getText());
        }
    }

    @Test
    void theDashboardShowsEventsPublishedOverTcpAndItsCountersRise() throws Exception {
        browser.get("http://127.0.0.1:" + TestServer.HTTP_PORT + "/eventlite/dashboard/");
        await("the live link", () -> text("link").equals("live"));
        await("the first figures", () -> number("published-total") >= 0);
        long publishedBefore = number("published-total");

        try (RawClient subscriber = RawClient.connect(); RawClient publisher = RawClient.connect()) {
            assertEquals("ok", subscriber.subscribe("dash.>", TestServer.ANONYMOUS));
            for (int i = 1; i <= 20; i++) {
                assertEquals("ok", publisher.publish("dash.price", TestServer.ANONYMOUS, "{\"symbol\":\"EVL\",\"value\":" + i + "}"));
            }
            assertEquals("ok", publisher.publish("dash.order", TestServer.ANONYMOUS, "{\"id\":\"o-1\",\"qty\":5}"));

            await("the last events per name", () -> {
                WebElement table = browser.findElement(By.id("last-events"));
                return table.getText().contains("dash.price") && table.getText().contains("\"value\":20")
                        && table.getText().contains("dash.order");
            });
            await("the published counter rising by 21", () -> number("published-total") >= publishedBefore + 21);
            await("the subscription by name", () -> browser.findElement(By.id("by-name")).getText().contains("dash.>"));
            await("a connection count", () -> number("connections") >= 2);
            await("a rate on the chart", () -> number("rate-in") >= 0);

            File screenshot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
            Path target = Path.of(System.getProperty("screenshot.dir", "target"), "dashboard.png");
            Files.copy(screenshot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            assertTrue(Files.size(target) > 10_000, "a screenshot with something on it");
        }
    }
}
