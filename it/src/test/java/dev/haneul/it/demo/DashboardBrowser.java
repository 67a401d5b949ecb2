package dev.haneul.it.demo;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}),
 * driven by Selenium without Selenium Manager (nothing is downloaded). Shared by the ITs that look
 * at the dashboard.
 */
public final class DashboardBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;

    public DashboardBrowser(URI dashboard) {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1640,1010");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1640, 1010));
        driver.get(dashboard.toString());
    }

    public static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    }

    /** Waits until the diagram has a box with each of {@code testIds}. */
    public void awaitBoxes(List<String> testIds, Duration timeout) {
        waiting(timeout).until(d -> testIds.stream()
                .allMatch(id -> !d.findElements(By.cssSelector("[data-testid='" + id + "']")).isEmpty()));
    }

    /** Waits until {@code testId}'s box has an attribute value containing {@code text}. */
    public void awaitAttribute(String testId, String attribute, String text, Duration timeout) {
        waiting(timeout).until(d -> d.findElements(By.cssSelector("[data-testid='" + testId + "']"))
                .stream().anyMatch(e -> String.valueOf(e.getAttribute(attribute)).contains(text)));
    }

    /** Waits until the text of {@code testId}'s element contains {@code text}. */
    public void awaitText(String testId, String text, Duration timeout) {
        waiting(timeout).until(d -> d.findElements(By.cssSelector("[data-testid='" + testId + "']"))
                .stream().anyMatch(e -> e.getText().contains(text) || e.getAttribute("textContent").contains(text)));
    }

    /** Waits until the page has an element matching {@code cssSelector}. */
    public void awaitElement(String cssSelector, Duration timeout) {
        waiting(timeout).until(d -> !d.findElements(By.cssSelector(cssSelector)).isEmpty());
    }

    /** Clicks {@code testId}'s button, finding it again when a live update replaced it meanwhile. */
    public void click(String testId) {
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
    public void fill(String name, String value) {
        WebElement field = driver.findElement(By.name(name));
        field.clear();
        field.sendKeys(value);
    }

    /** Submits the form {@code testId}, as its button would. */
    public void submit(String testId) {
        driver.findElement(By.cssSelector("[data-testid='" + testId + "']")).submit();
    }

    /** Chooses {@code value} in the selector {@code testId}. */
    public void select(String testId, String value) {
        new Select(driver.findElement(By.cssSelector("[data-testid='" + testId + "']"))).selectByValue(value);
    }

    /** The text of the first element matching {@code cssSelector} (hidden ones too), {@code ""} without one. */
    public String text(String cssSelector) {
        return driver.findElements(By.cssSelector(cssSelector)).stream().map(e -> e.getAttribute("textContent"))
                .findFirst().orElse("");
    }

    /** Waits until {@code condition} holds, looking again when a live update replaced what it read. */
    public void await(Function<WebDriver, Boolean> condition, Duration timeout) {
        waiting(timeout).until(condition);
    }

    /** Goes to {@code address} (another page of the dashboard, say). */
    public void open(URI address) {
        driver.get(address.toString());
    }

    /** The elements matching {@code cssSelector}. */
    public List<WebElement> elements(String cssSelector) {
        return driver.findElements(By.cssSelector(cssSelector));
    }

    /** The page's current address. */
    public String url() {
        return driver.getCurrentUrl();
    }

    /** A wait that looks again when the live diagram re-rendered an element it was reading. */
    private FluentWait<WebDriver> waiting(Duration timeout) {
        return new WebDriverWait(driver, timeout).ignoring(StaleElementReferenceException.class);
    }

    public void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
