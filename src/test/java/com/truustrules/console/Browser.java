package com.truustrules.console;

import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven through /usr/bin/chromedriver (nothing is downloaded), headless, with a
 * fresh profile. Screenshots go to -Dconsole.screenshots (docs/console to refresh the README's), else target/.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    final ChromeDriver driver;
    private final Path profile;

    Browser() {
        try {
            profile = Files.createTempDirectory("truust-console-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    void open(String path) {
        driver.get("http://localhost:" + RestAssured.port + path);
    }

    /**
     * The element, waiting up to 10 s for it: a click on a submit button returns before the next page
     * has loaded, so an element of that page may not be there yet.
     */
    WebElement find(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElement(By.cssSelector(css)));
    }

    /** Clicks a button that submits a form and waits until the next page has loaded in place of this one. */
    void submit(String css) {
        WebElement page = driver.findElement(By.tagName("html"));
        find(css).click();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        wait.until(d -> isReplaced(page));
        wait.until(d -> "complete".equals(driver.executeScript("return document.readyState")));
    }

    java.util.List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /**
     * Types into the field, again if the page was replaced under it: a navigation still in flight from
     * the last step (or Chromium's "node does not belong to the document" while it swaps documents)
     * makes the element found a moment ago unusable.
     */
    void type(String css, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> {
            try {
                WebElement field = d.findElement(By.cssSelector(css));
                field.clear();
                field.sendKeys(text);
                return true;
            } catch (WebDriverException e) {
                if (isGone(e)) {
                    return null;
                }
                throw e;
            }
        });
    }

    /**
     * True once the element's document has been replaced. Selenium's stalenessOf knows only the stale
     * element error; Chromium, caught while it swaps documents, answers "node does not belong to the
     * document" instead, which is the same news.
     */
    private static boolean isReplaced(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (WebDriverException e) {
            if (isGone(e)) {
                return true;
            }
            throw e;
        }
    }

    private static boolean isGone(WebDriverException e) {
        return e instanceof StaleElementReferenceException
                || e.getMessage() != null && e.getMessage().contains("does not belong to the document");
    }

    void signIn(String token) {
        open("/console/sign-in");
        type("#token", token);
        submit("#sign-in");
    }

    void screenshot(String name) {
        Path dir = Path.of(System.getProperty("console.screenshots", "target/console-screenshots"));
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
