package org.eventlite.server;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The HTTP gateway and the dashboard's data, under /eventlite/api. */
@ApplicationPath("/api")
public class GatewayApplication extends Application {
}
