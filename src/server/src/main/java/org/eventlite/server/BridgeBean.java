package org.eventlite.server;

import jakarta.enterprise.concurrent.ContextServiceDefinition;
import jakarta.enterprise.concurrent.ManagedThreadFactoryDefinition;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import org.eventlite.cdi.ApplicationExecutor;
import org.eventlite.cdi.broker.RequestRouter;
import org.eventlite.connector.api.ConnectionHandler;
import org.eventlite.connector.api.EventLiteListener;
import org.eventlite.connector.api.ListenerStatus;

/**
 * The thin bridge between the connector and the CDI beans. The connector
 * calls it once per activation; it answers with the router, which the
 * connector then calls directly, so no request pays for an MDB invocation.
 * Its activation spec in server.xml is {@code eventlite/eventlite-server/BridgeBean}.
 * It also defines, in the application's namespace, the thread factory of the
 * application's long-running loops ({@link ApplicationExecutor#LOOP_CONTEXT}).
 */
@ContextServiceDefinition(name = ApplicationExecutor.LOOP_CONTEXT,
        propagated = {ContextServiceDefinition.APPLICATION},
        unchanged = {ContextServiceDefinition.TRANSACTION},
        cleared = {ContextServiceDefinition.ALL_REMAINING})
@ManagedThreadFactoryDefinition(name = ApplicationExecutor.LOOP_THREADS, context = ApplicationExecutor.LOOP_CONTEXT)
@MessageDriven(name = "BridgeBean", messageListenerInterface = EventLiteListener.class)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BridgeBean implements EventLiteListener {

    @Inject
    RequestRouter router;

    @Inject
    BeanManager beanManager;

    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ConnectionHandler open(InetSocketAddress address, ListenerStatus status) {
        try {
            return router.open(address, status, beanManager).bean();
        } catch (RuntimeException e) {
            throw new ApplicationUnreachable(e);
        }
    }
}
