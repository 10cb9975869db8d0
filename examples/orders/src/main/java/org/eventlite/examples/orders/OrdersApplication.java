package org.eventlite.examples.orders;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The example's HTTP endpoints under /orders/api. */
@ApplicationPath("api")
public class OrdersApplication extends Application {
}
