package io.keyswitch.security.totp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The enrolment QR code")
class QrCodePngTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    @DisplayName("is a PNG that a QR reader decodes back to the otpauth URI")
    void decodesBackToUri() throws Exception {
        // Arrange
        String uri = OtpAuthUri.of(TotpSettings.defaults(), "technician.42@plant.example", TotpSecret.generate(new SecureRandom()));

        // Act
        byte[] png = QrCodePng.render(uri);

        // Assert
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, 8));
        assertEquals(uri, decode(png));
    }

    @Test
    @DisplayName("as a data: URI carries the same PNG in Base64")
    void dataUri() {
        String uri = "otpauth://totp/Keyswitch:alice?secret=JBSWY3DPEHPK3PXP&issuer=Keyswitch";

        String dataUri = QrCodePng.dataUri(uri);

        String prefix = "data:image/png;base64,";
        assertTrue(dataUri.startsWith(prefix));
        assertArrayEquals(QrCodePng.render(uri), Base64.getDecoder().decode(dataUri.substring(prefix.length())));
    }

    @Test
    @DisplayName("grows with the module size and keeps a white quiet zone")
    void moduleSizeAndQuietZone() throws Exception {
        String uri = "otpauth://totp/Keyswitch:alice?secret=JBSWY3DPEHPK3PXP&issuer=Keyswitch";

        BufferedImage small = ImageIO.read(new ByteArrayInputStream(QrCodePng.render(uri, 2)));
        BufferedImage large = ImageIO.read(new ByteArrayInputStream(QrCodePng.render(uri, 8)));

        assertEquals(small.getWidth() * 4, large.getWidth());
        assertEquals(0xffffffff, large.getRGB(8 * 4 - 1, 8 * 4 - 1), "last pixel of the quiet zone is white");
        assertEquals(0xff000000, large.getRGB(8 * 4, 8 * 4), "first module of the finder pattern is black");
    }

    private static String decode(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.FALSE)).getText();
    }
}
