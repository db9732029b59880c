package io.keyswitch.platform.web;

import io.keyswitch.platform.Conflict;
import io.keyswitch.platform.Forbidden;
import io.keyswitch.platform.NotFound;
import io.keyswitch.platform.ValidationFailed;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Supplier;
import org.primefaces.PrimeFaces;

/**
 * Runs a view's action and turns its outcome into what the person sees: a message on success,
 * messages next to the fields that are wrong, or a plain sentence, never a stack trace. Sets the
 * callback parameter {@code ok} so a dialog closes only on success.
 */
public final class Pages {

    private Pages() {
    }

    /** The source address of the current request, for the audit trail. */
    public static String sourceIp() {
        return ((HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest()).getRemoteAddr();
    }

    /** A message at the top of the page. */
    public static void info(String message) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message, null));
    }

    /**
     * Runs {@code action}; on {@link ValidationFailed} each message goes to {@code formId:field}.
     * Returns the action's result, or {@code null} when it failed.
     */
    public static <T> T attempt(String formId, String success, Supplier<T> action) {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            T result = action.get();
            if (success != null) {
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, success, null));
            }
            PrimeFaces.current().ajax().addCallbackParam("ok", true);
            return result;
        } catch (ValidationFailed e) {
            e.fieldErrors().forEach((field, message) -> faces.addMessage(formId + ":" + field,
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null)));
            faces.validationFailed();
        } catch (NotFound e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    "It no longer exists: someone may have deleted it. Please reload the page.", null));
            faces.validationFailed();
        } catch (Forbidden | Conflict e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
            faces.validationFailed();
        }
        PrimeFaces.current().ajax().addCallbackParam("ok", false);
        return null;
    }
}
