package com.truustrules.action.email;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void paragraphsBecomeBlankLineSeparatedTextAndSourceLineBreaksDoNot() {
        String html = "<p>Thank you for your order <strong>Camera</strong>. As one of our\nfirst buyers,</p>\n"
                + "<p style=\"x\"><strong>BF26-1</strong></p>";
        assertEquals("Thank you for your order Camera. As one of our first buyers,\n\nBF26-1", HtmlText.of(html));
    }

    @Test
    void escapedMarkupStaysTextAndEntitiesAreDecoded() {
        assertEquals("Hello <b>Ana</b> & Co, 5 € — 'quoted' \"too\"",
                HtmlText.of("<p>Hello &lt;b&gt;Ana&lt;/b&gt; &amp; Co, 5 &euro; &#8212; &#39;quoted&#39; &quot;too&#x22;</p>"));
    }

    @Test
    void linksShowTheirAddressOnce() {
        assertEquals("See the shop (https://shop.example/?a=1&b=2) or https://shop.example/",
                HtmlText.of("See <a class=\"x\" href=\"https://shop.example/?a=1&amp;b=2\">the <em>shop</em></a> or "
                        + "<a href='https://shop.example/'>https://shop.example/</a>"));
    }

    @Test
    void breaksListsAndTablesKeepTheirShape() {
        assertEquals("one\ntwo\n\n- first\n- second\n\nCode BF26-1",
                HtmlText.of("one<br>two<br/><ul><li>first</li><li>second</li></ul><table><tr><td>Code</td><td>BF26-1</td></tr></table>"));
    }

    @Test
    void headStylesScriptsAndCommentsAreNotText() {
        assertEquals("Body", HtmlText.of("<html><head><title>T</title><style>p{color:red}</style></head>"
                + "<body><!-- note --><script>alert(1)</script><p>Body</p></body></html>"));
    }

    @Test
    void unknownEntitiesAreLeftAsWritten() {
        assertEquals("a &bogus; b", HtmlText.of("a &bogus; b"));
    }
}
