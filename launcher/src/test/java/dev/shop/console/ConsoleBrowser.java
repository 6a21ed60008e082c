package dev.shop.console;

import dev.shop.e2e.RunningPlatform;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium pointed at a running platform's gateway, one per test class
 * ({@code @RegisterExtension static final ConsoleBrowser browser = ...}). It uses the installed
 * Chromium and chromedriver (found on the PATH or where packages put them; never downloaded) and
 * fails, saying how to install them, where they are missing. It waits on the console's
 * {@code data-state} hooks, never for a fixed time, keeps a screenshot of each page it is asked to
 * (target/console-screenshots/&lt;test&gt;-&lt;page&gt;-&lt;width&gt;.png) and, when a test fails, the
 * screenshot of where it stood and the browser's console log.
 */
public final class ConsoleBrowser implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, TestWatcher {

  public static final Dimension WIDE = new Dimension(1440, 900);
  public static final Dimension NARROW = new Dimension(360, 800);
  static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
  // Generous: a loaded CI machine (the whole suite on two cores) can take seconds per page.
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String INSTALL = "install them with 'sudo apt-get install chromium chromium-driver' "
      + "(Debian/Ubuntu) or 'brew install --cask chromium chromedriver' (macOS)";

  private final RunningPlatform platform;
  private ChromeDriver driver;
  private WebDriverWait wait;
  private String testName = "setup";

  public ConsoleBrowser(RunningPlatform platform) {
    this.platform = platform;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(locate("chromedriver", List.of("chromedriver"), List.of(
            "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver", "/usr/lib/chromium-browser/chromedriver",
            "/snap/bin/chromium.chromedriver", "/opt/homebrew/bin/chromedriver", "/usr/local/bin/chromedriver")).toFile())
        .usingAnyFreePort()
        .build();
    ChromeOptions options = new ChromeOptions()
        .setBinary(locate("Chromium", List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"),
            List.of("/usr/bin/chromium", "/usr/lib/chromium/chromium", "/snap/bin/chromium",
                "/Applications/Chromium.app/Contents/MacOS/Chromium",
                "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome")).toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--hide-scrollbars", "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--lang=en-US",
            "--window-size=" + WIDE.width + "," + WIDE.height);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, WAIT);
    resize(WIDE);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (driver != null) {
      driver.quit();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    testName = context.getRequiredTestMethod().getName();
  }

  /** Where the test stood when it failed: a screenshot and what the page wrote to its console. */
  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    if (driver == null) {
      return;
    }
    String name = context.getRequiredTestMethod().getName();
    try {
      saveScreenshot(SCREENSHOTS.resolve(name + "-failure-" + width() + ".png"));
      Files.writeString(SCREENSHOTS.resolve(name + "-console.log"), "at " + driver.getCurrentUrl() + "\n"
          + consoleLog().stream().map(LogEntry::toString).collect(Collectors.joining("\n")) + "\n");
    } catch (IOException | WebDriverException e) {
      cause.addSuppressed(e);
    }
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** The gateway's address, {@code http://localhost:<port>}. */
  public String base() {
    return "http://localhost:" + platform.httpPort();
  }

  /** Loads {@code path} (e.g. {@code /admin/} or {@code /admin/#/orders}) from the gateway. */
  public void open(String path) {
    driver.get(base() + path);
  }

  /** Waits until some element matches {@code css} and is visible: that element. */
  public WebElement await(String css) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  /** Waits until {@code condition} (a JavaScript expression) is true. */
  public void awaitScript(String condition) {
    wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return Boolean(" + condition + ");")));
  }

  /**
   * Waits until the console shows page {@code name} loaded ({@code section[data-page=name]} with
   * {@code data-state=ready}), failing at once with the page's message if it shows its error state.
   */
  public WebElement awaitPage(String name) {
    String section = "section[data-page='" + name + "']";
    WebElement settled = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
        section + "[data-state=ready], " + section + "[data-state=error]")));
    if ("error".equals(settled.getDomAttribute("data-state"))) {
      throw new AssertionError("page " + name + " shows an error: " + settled.getText());
    }
    return settled;
  }

  /** Waits until the element found by {@code css} has text {@code text}. */
  public void awaitText(String css, String text) {
    wait.until(ExpectedConditions.textToBe(By.cssSelector(css), text));
  }

  /** Waits until the element found by {@code css} shows {@code text} among its text. */
  public void awaitTextContaining(String css, String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
  }

  /** Polls {@code condition} for as long as other waits take: whether it became true (no exception when not). */
  public boolean eventually(BooleanSupplier condition) {
    try {
      return wait.until(d -> condition.getAsBoolean() ? Boolean.TRUE : null);
    } catch (TimeoutException e) {
      return false;
    }
  }

  /** Accepts the confirmation the page asks for (window.confirm) once it shows. */
  public void acceptConfirmation() {
    wait.until(ExpectedConditions.alertIsPresent()).accept();
  }

  public Object script(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  public void resize(Dimension size) {
    driver.manage().window().setSize(size);
    // The window's outer size may include a frame: the viewport, which layouts see, must be exactly it.
    Number inner = (Number) script("return window.innerWidth;");
    if (inner.intValue() != size.width) {
      driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
          "width", size.width, "height", size.height, "deviceScaleFactor", 1, "mobile", false));
    }
  }

  public int width() {
    return ((Number) script("return window.innerWidth;")).intValue();
  }

  /** How far the document is wider than the viewport, in CSS pixels (0: no horizontal scrolling). */
  public int horizontalOverflow() {
    return ((Number) script("return document.documentElement.scrollWidth - window.innerWidth;")).intValue();
  }

  /** Saves the whole page as it is now: target/console-screenshots/&lt;test&gt;-&lt;page&gt;-&lt;width&gt;.png. */
  public Path screenshot(String page) {
    Path file = SCREENSHOTS.resolve(testName + "-" + page + "-" + width() + ".png");
    saveScreenshot(file);
    return file;
  }

  /**
   * Shows the current page at 1440 and at 360 px wide, screenshotting each, and checks that every
   * control has a label and that nothing overflows horizontally at 360 px; the window is left wide.
   */
  public void checkAtBothWidths(String page) {
    checkAtBothWidths(page, page);
  }

  /** As {@link #checkAtBothWidths(String)}, the screenshots named after {@code label}. */
  public void checkAtBothWidths(String page, String label) {
    resize(WIDE);
    awaitPage(page);
    screenshot(label);
    List<String> unlabelled = unlabelledControls();
    resize(NARROW);
    awaitPage(page);
    screenshot(label);
    int overflow = horizontalOverflow();
    String culprits = overflow > 0 ? widestElements() : "";
    resize(WIDE);
    if (!unlabelled.isEmpty()) {
      throw new AssertionError("page " + page + " has controls without a label: " + unlabelled);
    }
    if (overflow > 0) {
      throw new AssertionError("page " + page + " is " + overflow + " px wider than a " + NARROW.width
          + " px viewport: " + culprits);
    }
  }

  /** The visible form controls and buttons with no accessible name (label, aria-label(ledby), text). */
  @SuppressWarnings("unchecked")
  public List<String> unlabelledControls() {
    return (List<String>) script("""
        const named = (e) => (e.getAttribute('aria-label') || '').trim()
            || (e.getAttribute('aria-labelledby') || '').split(/\\s+/).some(id => document.getElementById(id)?.textContent.trim())
            || [...(e.labels || [])].some(l => l.textContent.trim())
            || (e.tagName === 'BUTTON' && e.textContent.trim())
            || (e.title || '').trim();
        return [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
            .filter(e => e.getClientRects().length > 0 && !named(e))
            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.name ? '[name=' + e.name + ']' : ''));
        """);
  }

  /**
   * Fails on the errors the pages wrote to the browser's console since last asked (script errors,
   * Content-Security-Policy refusals), leaving out the API's error answers a test provoked on purpose.
   */
  public void assertNoScriptErrors() {
    List<String> errors = consoleLog().stream().filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage).filter(message -> !message.contains("Failed to load resource")).toList();
    if (!errors.isEmpty()) {
      throw new AssertionError("the console's pages logged errors: " + String.join("\n", errors));
    }
  }

  /** What the browser wrote to its console since last asked (errors, warnings, logs). */
  public List<LogEntry> consoleLog() {
    return driver.manage().logs().get(LogType.BROWSER).getAll();
  }

  /** Full-page screenshot, beyond the viewport (DevTools' capture, as chromedriver passes it through). */
  private void saveScreenshot(Path file) {
    @SuppressWarnings("unchecked")
    Map<String, Object> shot = (Map<String, Object>) driver.executeCdpCommand("Page.captureScreenshot",
        Map.of("format", "png", "captureBeyondViewport", true));
    try {
      Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The elements reaching past the viewport's right edge, unclipped: what to fix when a page overflows. */
  private String widestElements() {
    return String.valueOf(script("""
        const clipped = (e) => {
          for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
            if (getComputedStyle(p).overflowX !== 'visible') return true;
          }
          return false;
        };
        const out = [];
        for (const e of document.querySelectorAll('body *')) {
          const r = e.getBoundingClientRect();
          if (r.right > window.innerWidth + 0.5 && !clipped(e)) {
            out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
                + ' right=' + Math.round(r.right));
          }
        }
        return out.slice(0, 10).join(', ');
        """));
  }

  /** An executable {@code what}: one of {@code names} on the PATH, else the first of {@code locations} present. */
  private static Path locate(String what, List<String> names, List<String> locations) {
    return locate(what, names, locations, System.getenv().getOrDefault("PATH", ""));
  }

  static Path locate(String what, List<String> names, List<String> locations, String path) {
    List<Path> candidates = new ArrayList<>();
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        names.forEach(name -> candidates.add(Path.of(dir, name)));
      }
    }
    locations.forEach(location -> candidates.add(Path.of(location)));
    Optional<Path> found = candidates.stream().filter(Files::isExecutable).findFirst();
    return found.orElseThrow(() -> new IllegalStateException("The console's browser tests need " + what
        + " (looked on the PATH for " + String.join(", ", names) + " and in " + String.join(", ", locations)
        + "): " + INSTALL));
  }
}
