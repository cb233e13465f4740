package org.ruralatlas.server.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every served code is found by a detector, not only read when the reader is told where it is. */
class QrCodesTest {

    /** URLs whose code, with the mask the standard's penalty rule picks, ZXing's detector does not find. */
    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:32664/trace/VN-ST-0042", "http://localhost:57750/trace/VN-HD-VA-0123"})
    void codesThatTheStandardMaskMakesUnfindableAreServedWithAnotherMask(String url) throws Exception {
        assertThat(scan(QrCodes.png(url, 330))).isEqualTo(url);
        assertThat(scan(QrCodes.png(url, 1000))).isEqualTo(url);
    }

    static IntStream ports() {
        return IntStream.range(0, 300).map(i -> 30011 + i * 97);
    }

    /** At the default size, the smallest, an odd one, and the SVG's modules drawn at its declared size. */
    @ParameterizedTest
    @MethodSource("ports")
    void everyServedCodeScans(int port) throws Exception {
        String url = "http://localhost:" + port + "/trace/VN-HD-VA-0123";
        for (int size : new int[] {330, 100, 517}) {
            assertThat(scan(QrCodes.png(url, size))).as("%d px", size).isEqualTo(url);
        }
        BitMatrix modules = QrCodes.matrix(url, 0);
        BitMatrix svg = new BitMatrix(modules.getWidth() * QrCodes.SVG_SCALE);
        for (int y = 0; y < svg.getHeight(); y++) {
            for (int x = 0; x < svg.getWidth(); x++) {
                if (modules.get(x / QrCodes.SVG_SCALE, y / QrCodes.SVG_SCALE)) {
                    svg.set(x, y);
                }
            }
        }
        assertThat(scan(MatrixToImageWriter.toBufferedImage(svg))).as("svg").isEqualTo(url);
    }

    private static String scan(byte[] png) throws Exception {
        return scan(ImageIO.read(new ByteArrayInputStream(png)));
    }

    private static String scan(BufferedImage image) throws Exception {
        return new MultiFormatReader()
                .decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
                .getText();
    }
}
