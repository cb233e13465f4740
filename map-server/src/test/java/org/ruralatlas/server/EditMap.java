package org.ruralatlas.server;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/** The viewer's map in the Edit-mode browser tests: pixels of places, places of pixels, and a finger's tap. */
final class EditMap {

    private EditMap() {}

    /** Where the map draws lon, lat: [x, y] in the map's pixels. */
    @SuppressWarnings("unchecked")
    static List<Number> pixel(ChromeDriver browser, double lon, double lat) {
        return (List<Number>) ((JavascriptExecutor) browser)
                .executeScript(
                        "return RuralAtlas.testing.map.getPixelFromCoordinate(ol.proj.fromLonLat([arguments[0], arguments[1]]));",
                        lon,
                        lat);
    }

    /** The lon, lat under a pixel of the map (rounded to whole pixels, as a tap lands). */
    @SuppressWarnings("unchecked")
    static double[] lonLatAt(ChromeDriver browser, List<Number> px) {
        List<Number> ll = (List<Number>) ((JavascriptExecutor) browser)
                .executeScript(
                        "return ol.proj.toLonLat(RuralAtlas.testing.map.getCoordinateFromPixel([arguments[0], arguments[1]]));",
                        Math.round(px.get(0).doubleValue()),
                        Math.round(px.get(1).doubleValue()));
        return new double[] {ll.get(0).doubleValue(), ll.get(1).doubleValue()};
    }

    /** A tap on the map at a pixel of it. */
    static void tap(ChromeDriver browser, List<Number> px) {
        WebElement map = browser.findElement(By.id("map"));
        int dx = (int) Math.round(px.get(0).doubleValue()) - map.getSize().getWidth() / 2;
        int dy = (int) Math.round(px.get(1).doubleValue()) - map.getSize().getHeight() / 2;
        new Actions(browser).moveToElement(map, dx, dy).click().perform();
    }
}
