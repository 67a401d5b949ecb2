package dev.haneul.it.demo;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}),
 * driven by Selenium without Selenium Manager (nothing is downloaded).
 */
final class DashboardBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;

    DashboardBrowser(URI dashboard) {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1640,1010");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1640, 1010));
        driver.get(dashboard.toString());
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    }

    /** Waits until the diagram has a box with each of {@code testIds}. */
    void awaitBoxes(List<String> testIds, Duration timeout) {
        waiting(timeout).until(d -> testIds.stream()
                .allMatch(id -> !d.findElements(By.cssSelector("[data-testid='" + id + "']")).isEmpty()));
    }

    /** Waits until {@code testId}'s box has an attribute value containing {@code text}. */
    void awaitAttribute(String testId, String attribute, String text, Duration timeout) {
        waiting(timeout).until(d -> d.findElements(By.cssSelector("[data-testid='" + testId + "']"))
                .stream().anyMatch(e -> String.valueOf(e.getAttribute(attribute)).contains(text)));
    }

    /** Waits until the text of {@code testId}'s element contains {@code text}. */
    void awaitText(String testId, String text, Duration timeout) {
        waiting(timeout).until(d -> d.findElements(By.cssSelector("[data-testid='" + testId + "']"))
                .stream().anyMatch(e -> e.getText().contains(text) || e.getAttribute("textContent").contains(text)));
    }

    /** Waits until the page has an element matching {@code cssSelector}. */
    void awaitElement(String cssSelector, Duration timeout) {
        waiting(timeout).until(d -> !d.findElements(By.cssSelector(cssSelector)).isEmpty());
    }

    /** Clicks {@code testId}'s button, finding it again when a live update replaced it meanwhile. */
    void click(String testId) {
        waiting(Duration.ofSeconds(10)).until(d -> {
            WebElement button = d.findElements(By.cssSelector("[data-testid='" + testId + "']")).stream()
                    .filter(WebElement::isEnabled).findFirst().orElse(null);
            if (button == null) {
                return false;
            }
            button.click();
            return true;
        });
    }

    /** Types {@code value} into the form field named {@code name}. */
    void fill(String name, String value) {
        WebElement field = driver.findElement(By.name(name));
        field.clear();
        field.sendKeys(value);
    }

    /** Submits the form {@code testId}, as its button would. */
    void submit(String testId) {
        driver.findElement(By.cssSelector("[data-testid='" + testId + "']")).submit();
    }

    /** The page's current address. */
    String url() {
        return driver.getCurrentUrl();
    }

    /** A wait that looks again when the live diagram re-rendered an element it was reading. */
    private FluentWait<WebDriver> waiting(Duration timeout) {
        return new WebDriverWait(driver, timeout).ignoring(StaleElementReferenceException.class);
    }

    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
