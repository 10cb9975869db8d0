package org.eventlite.examples.orders;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eventlite.api.EventDispatcher;
import org.eventlite.api.EventRejectedException;

/** Publishes an event through {@code @Inject EventDispatcher}, and shows what the observer and the MDB heard. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class OrdersResource {

    @Inject
    EventDispatcher events;

    @Inject
    HeardEvents heard;

    /** Publishes {@code {"order": id}} as event {@code name}; 403 if the access rules deny it. */
    @POST
    @Path("publish/{name}/{id}")
    public Response publish(@PathParam("name") String name, @PathParam("id") int id) {
        try {
            int subscribers = events.dispatchEvent(name, Map.of("order", id));
            return Response.ok(Json.createObjectBuilder().add("subscribers", subscribers).build()).build();
        } catch (EventRejectedException e) {
            return Response.status(Response.Status.FORBIDDEN)
                    .entity(Json.createObjectBuilder().add("error", e.getMessage()).build()).build();
        }
    }

    @GET
    @Path("heard")
    public JsonObject heard() {
        return Json.createObjectBuilder()
                .add("observer", list(heard.byObserver()))
                .add("messageDrivenBean", list(heard.byBean()))
                .build();
    }

    private static JsonArrayBuilder list(List<String> events) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        events.forEach(array::add);
        return array;
    }
}
