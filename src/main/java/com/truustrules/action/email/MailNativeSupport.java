package com.truustrules.action.email;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What Jakarta Mail and Angus load by name at run time, kept for the native image: the SMTP
 * transports (from META-INF/javamail.default.providers), the service providers found through
 * ServiceLoader, and the content handlers that activation picks from META-INF/mailcap.
 */
@RegisterForReflection(classNames = {
    "org.eclipse.angus.mail.smtp.SMTPTransport",
    "org.eclipse.angus.mail.smtp.SMTPSSLTransport",
    "org.eclipse.angus.mail.smtp.SMTPProvider",
    "org.eclipse.angus.mail.smtp.SMTPSSLProvider",
    "org.eclipse.angus.mail.util.MailStreamProvider",
    "org.eclipse.angus.mail.handlers.text_plain",
    "org.eclipse.angus.mail.handlers.text_html",
    "org.eclipse.angus.mail.handlers.text_xml",
    "org.eclipse.angus.mail.handlers.multipart_mixed",
    "org.eclipse.angus.mail.handlers.message_rfc822",
    "org.eclipse.angus.activation.MailcapRegistryProviderImpl",
    "org.eclipse.angus.activation.MimeTypeRegistryProviderImpl"
})
final class MailNativeSupport {

    private MailNativeSupport() {
    }
}
