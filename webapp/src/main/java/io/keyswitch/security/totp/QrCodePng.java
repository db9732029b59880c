package io.keyswitch.security.totp;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Renders text (the otpauth URI) as a QR code PNG with ZXing, inside the portal: the secret never
 * leaves the appliance for a chart service, and the appliance may have no internet anyway.
 * Black modules on white, a quiet zone of four modules, error correction level M. The PNG holds
 * the secret: serve it with {@code Cache-Control: no-store}, or inline as a {@code data:} URI.
 */
public final class QrCodePng {

    /** Pixels per QR module when none is given: a 57-module code becomes 228 px plus the margin. */
    public static final int DEFAULT_MODULE_PIXELS = 4;

    private static final int QUIET_ZONE_MODULES = 4;
    private static final int BLACK = 0xff000000;
    private static final int WHITE = 0xffffffff;

    private QrCodePng() {
    }

    /** The QR code as PNG bytes, {@link #DEFAULT_MODULE_PIXELS} pixels per module. */
    public static byte[] render(String text) {
        return render(text, DEFAULT_MODULE_PIXELS);
    }

    /** The QR code as PNG bytes with the given number of pixels per module (1 to 20). */
    public static byte[] render(String text, int modulePixels) {
        if (modulePixels < 1 || modulePixels > 20) {
            throw new IllegalArgumentException("modulePixels must be 1 to 20");
        }
        BitMatrix modules = encode(text);
        int quiet = QUIET_ZONE_MODULES * modulePixels;
        int size = modules.getWidth() * modulePixels + 2 * quiet;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int mx = (x - quiet) / modulePixels;
                int my = (y - quiet) / modulePixels;
                boolean inside = x >= quiet && y >= quiet && mx < modules.getWidth() && my < modules.getHeight();
                image.setRGB(x, y, inside && modules.get(mx, my) ? BLACK : WHITE);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", png)) {
                throw new IllegalStateException("This JVM has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    /** The QR code as a {@code data:image/png;base64,…} URI for an {@code <img src>}. */
    public static String dataUri(String text) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(render(text));
    }

    private static BitMatrix encode(String text) {
        try {
            // Margin 0 here: the quiet zone is drawn above, scaled with the modules. No character
            // set hint: an otpauth URI is ASCII, and an ECI header confuses some older readers.
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.MARGIN, 0));
        } catch (WriterException e) {
            throw new IllegalArgumentException("Text too long for a QR code", e);
        }
    }
}
