package org.ruralatlas.server.trace;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.EncodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * QR codes of URLs (ZXing), as PNG or SVG; error correction M, a four-module quiet zone. Each code is read back
 * before it is served: about one URL in a thousand gets, from the standard's mask choice, a code that ZXing's own
 * detector cannot find (the decoder behind many Android scanners), and then another mask is used.
 */
final class QrCodes {

    /** Pixels per module of the SVG's declared size, at which an SVG code is read back. */
    static final int SVG_SCALE = 8;

    private static final List<Integer> MASKS = List.of(0, 1, 2, 3, 4, 5, 6, 7);

    private QrCodes() {}

    /** The code of {@code size} pixels (0: one pixel per module) that a detector finds at the size it is shown. */
    static BitMatrix matrix(String text, int size) {
        return encode(text, size, scannableMask(text, size));
    }

    /** The standard's mask when its code is found by a detector, else the first mask that is; null for the standard's. */
    private static Integer scannableMask(String text, int size) {
        if (scans(text, null, size)) {
            return null;
        }
        return MASKS.stream()
                .filter(mask -> scans(text, mask, size))
                .findFirst()
                .orElse(null);
    }

    private static boolean scans(String text, Integer mask, int size) {
        int shown = size > 0 ? size : encode(text, 0, mask).getWidth() * SVG_SCALE;
        BitMatrix image = encode(text, shown, mask);
        try {
            String read = new MultiFormatReader()
                    .decode(new BinaryBitmap(new HybridBinarizer(
                            new BufferedImageLuminanceSource(MatrixToImageWriter.toBufferedImage(image)))))
                    .getText();
            return text.equals(read);
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static BitMatrix encode(String text, int size, Integer mask) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, 4);
        hints.put(EncodeHintType.CHARACTER_SET, "UTF-8");
        if (mask != null) {
            hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
        }
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode " + text + " as a QR code: " + e.getMessage(), e);
        }
    }

    static byte[] png(String text, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MatrixToImageWriter.writeToStream(matrix(text, size), "PNG", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** One path of unit squares in module coordinates, scaled by the viewBox: small and crisp at any size. */
    static String svg(String text) {
        BitMatrix m = matrix(text, 0);
        StringBuilder d = new StringBuilder();
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                if (m.get(x, y)) {
                    d.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                }
            }
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
                + m.getWidth() + " " + m.getHeight() + "\" width=\"" + m.getWidth() * SVG_SCALE + "\" height=\""
                + m.getHeight() * SVG_SCALE
                + "\" shape-rendering=\"crispEdges\"><title>"
                + text.replace("&", "&amp;").replace("<", "&lt;")
                + "</title><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + d
                + "\"/></svg>\n";
    }
}
