package io.keyswitch.platform.api;

import io.keyswitch.platform.Conflict;
import io.keyswitch.platform.Forbidden;
import io.keyswitch.platform.NotFound;
import io.keyswitch.platform.ValidationFailed;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Every error of the API as a problem+json answer. */
public final class ProblemMappers {

    private ProblemMappers() {
    }

    /** 400, with a message per field; nothing was stored. */
    @Provider
    public static class Invalid implements ExceptionMapper<ValidationFailed> {
        @Override
        public Response toResponse(ValidationFailed e) {
            return Problem.invalid(e);
        }
    }

    /** 404, the same whether the thing does not exist or belongs to another account. */
    @Provider
    public static class Missing implements ExceptionMapper<NotFound> {
        @Override
        public Response toResponse(NotFound e) {
            return Problem.response(404, "Not found", "There is no such resource.");
        }
    }

    /** 403: the token's user lacks the right. */
    @Provider
    public static class Denied implements ExceptionMapper<Forbidden> {
        @Override
        public Response toResponse(Forbidden e) {
            return Problem.response(403, "Forbidden", e.getMessage());
        }
    }

    /** 409: the resource's state refuses the change (e.g. a final work report); nothing was stored. */
    @Provider
    public static class InConflict implements ExceptionMapper<Conflict> {
        @Override
        public Response toResponse(Conflict e) {
            return Problem.response(409, "Conflict", e.getMessage());
        }
    }

    /**
     * The framework's own errors (unknown path, wrong method, unreadable JSON) keep their status; those that already
     * carry a problem (the API's strict readers, {@link BadRequest}) are answered as they are.
     */
    @Provider
    public static class Framework implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            if (e.getResponse().getEntity() instanceof Problem) {
                return e.getResponse();
            }
            int status = e.getResponse().getStatus();
            String title = Response.Status.fromStatusCode(status) == null
                    ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase();
            String detail = status == 400 ? "The request could not be read: check the JSON and the parameters." : title + ".";
            return Problem.response(status, title, detail);
        }
    }

    /** A body that cannot be read as the JSON expected. */
    @Provider
    public static class Unreadable implements ExceptionMapper<jakarta.ws.rs.ProcessingException> {
        @Override
        public Response toResponse(jakarta.ws.rs.ProcessingException e) {
            return Problem.response(400, "Bad Request", "The request body is not the JSON expected.");
        }
    }

    /** Anything else: 500 with an incident number that is in the log, never the exception itself. */
    @Provider
    public static class Unexpected implements ExceptionMapper<RuntimeException> {
        private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

        @Override
        public Response toResponse(RuntimeException e) {
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "API incident " + incident, e);
            return Problem.response(500, "Internal error", "Something went wrong; incident " + incident + " is in the portal's log.");
        }
    }
}
