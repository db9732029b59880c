package io.keyswitch.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The mapping's inline markdown as the page's HTML")
class InlineMarkdownTest {

    @Test
    @DisplayName("code, bold and links become code, strong and the link's text")
    void inline() {
        assertThat(InlineMarkdown.toHtml("**What it detects:** `EventHash` ([admin guide, Alarms](../administer/guide.md#alarms))"))
                .isEqualTo("<strong>What it detects:</strong> <code>EventHash</code> (admin guide, Alarms)");
    }

    @Test
    @DisplayName("everything else is escaped first, so no text of the file becomes markup")
    void escaped() {
        assertThat(InlineMarkdown.toHtml("<script>alert('x')</script> & `<b>`"))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; <code>&lt;b&gt;</code>");
    }

    @Test
    @DisplayName("as plain text for the PDF: the markup goes, its text stays, nothing is escaped")
    void plain() {
        assertThat(InlineMarkdown.toPlain("**What it detects:** `EventHash` & ([admin guide, Alarms](../administer/guide.md#alarms))"))
                .isEqualTo("What it detects: EventHash & (admin guide, Alarms)");
    }
}
