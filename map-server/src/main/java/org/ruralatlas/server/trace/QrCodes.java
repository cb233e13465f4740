package org.ruralatlas.server.trace;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** QR codes of URLs (ZXing), as PNG or SVG; error correction M, a four-module quiet zone. */
final class QrCodes {

    private QrCodes() {}

    static BitMatrix matrix(String text, int size) {
        try {
            return new QRCodeWriter()
                    .encode(
                            text,
                            BarcodeFormat.QR_CODE,
                            size,
                            size,
                            Map.of(
                                    EncodeHintType.ERROR_CORRECTION,
                                    ErrorCorrectionLevel.M,
                                    EncodeHintType.MARGIN,
                                    4,
                                    EncodeHintType.CHARACTER_SET,
                                    "UTF-8"));
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
                + m.getWidth() + " " + m.getHeight() + "\" width=\"" + m.getWidth() * 8 + "\" height=\""
                + m.getHeight() * 8
                + "\" shape-rendering=\"crispEdges\"><title>"
                + text.replace("&", "&amp;").replace("<", "&lt;")
                + "</title><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + d
                + "\"/></svg>\n";
    }
}
