package io.keyswitch.security.web;

import jakarta.el.ELException;
import jakarta.faces.FacesException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

/**
 * A form sent from a page whose view is gone (the session ended, or a forged post without the
 * page's view state) leads to the same page afresh by GET, with a note; nothing of the form is
 * done. Without it, the error page would be rendered as a postback of the dead form, which
 * PrimeFaces' CSP mode refuses. A page that needs a login then leads to the login. The setup wizard's
 * note says what most likely happened there: the portal restarted while the wizard was open.
 */
public class ViewExpiredHandlerFactory extends ExceptionHandlerFactory {

    public ViewExpiredHandlerFactory(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new Handler(getWrapped().getExceptionHandler());
    }

    /** The note on the page afresh; pages where a restart is the likelier cause than an ended session say so. */
    static final String NOTE = "The page had expired, so nothing was done. Please try again.";
    static final java.util.Map<String, String> NOTES = java.util.Map.of("/setup.xhtml",
            "The setup wizard was interrupted (the portal restarted, or the page was left alone for more than 15 minutes), "
                    + "so nothing was stored. Please enter the setup code again and go on.");

    static final class Handler extends ExceptionHandlerWrapper {

        Handler(ExceptionHandler wrapped) {
            super(wrapped);
        }

        @Override
        public void handle() {
            Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
            while (events.hasNext()) {
                Throwable t = events.next().getContext().getException();
                while ((t instanceof FacesException || t instanceof ELException) && !(t instanceof ViewExpiredException)
                        && t.getCause() != null) {
                    t = t.getCause();
                }
                if (t instanceof ViewExpiredException) {
                    events.remove();
                    FacesContext faces = FacesContext.getCurrentInstance();
                    ExternalContext external = faces.getExternalContext();
                    faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN,
                            NOTES.getOrDefault(external.getRequestServletPath(), NOTE), null));
                    external.getFlash().setKeepMessages(true);
                    try {
                        external.redirect(external.getRequestContextPath() + external.getRequestServletPath());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    faces.responseComplete();
                }
            }
            getWrapped().handle();
        }
    }
}
