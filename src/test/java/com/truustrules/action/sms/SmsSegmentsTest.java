package com.truustrules.action.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SmsSegmentsTest {

    @Test
    void gsm7HoldsOneHundredSixtyInOneAndOneHundredFiftyThreePerPart() {
        assertEquals(new SmsSegments("GSM-7", 160, 1), SmsSegments.of("a".repeat(160)));
        assertEquals(new SmsSegments("GSM-7", 161, 2), SmsSegments.of("a".repeat(161)));
        assertEquals(new SmsSegments("GSM-7", 306, 2), SmsSegments.of("a".repeat(306)));
        assertEquals(new SmsSegments("GSM-7", 307, 3), SmsSegments.of("a".repeat(307)));
    }

    @Test
    void extensionCharactersTakeTwoPlaces() {
        assertEquals(new SmsSegments("GSM-7", 160, 1), SmsSegments.of("€".repeat(80)));
        assertEquals(new SmsSegments("GSM-7", 162, 2), SmsSegments.of("[" + "a".repeat(160)));
    }

    @Test
    void anyOtherCharacterMakesItUcs2OfSeventyAndSixtySevenPerPart() {
        assertEquals(new SmsSegments("UCS-2", 70, 1), SmsSegments.of("ç".repeat(70)));
        assertEquals(new SmsSegments("UCS-2", 71, 2), SmsSegments.of("ç".repeat(71)));
        assertEquals(new SmsSegments("UCS-2", 134, 2), SmsSegments.of("á" + "a".repeat(133)));
        assertEquals(new SmsSegments("UCS-2", 2, 1), SmsSegments.of("😀"));
    }

    @Test
    void spanishAccentsOfGsm7StayGsm7() {
        assertEquals("GSM-7", SmsSegments.of("Pedido pagado: ¡gracias! ñ é ü ¿Ñ?").encoding());
    }
}
